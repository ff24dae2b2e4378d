package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kabinet"
	"kabinet/billrun"
	"kabinet/sqlstore/sqlstoretest"
)

// importedWorld is one account of the supplier's billing with a debt for
// September 2026 whose imported bill is due on 28.10.2026, where the law's
// rule says 15.10.2026.
var importedWorld = map[string]string{
	"providers.csv": "provider_id;code;name;inn;bank_name;bic;corresp_account;settlement_account;services\n" +
		"P1;IES;ООО «Энергосбыт»;3808166404;Байкальский банк;042520607;30101810900000000607;40702810918350007537;electricity\n",
	"accounts.csv": "account_id;account_number;surname;address;settlement;housing\n" +
		"A1;ИЭСБК0099001;Орлова;г. Иркутск, ул. Мира, д. 9;city;flat\n",
	"subaccounts.csv": "subaccount_id;account_id;provider_id;number;services\nS1;A1;P1;0099001;electricity\n",
	"ledger.csv":      "entry_id;subaccount_id;period;kind;service;amount;posted_on\nL1;S1;2026-09;charge;electricity;1000.00;2026-10-01\n",
	"bills.csv": "bill_id;account_id;period;issued_at;subaccount_id;opening_balance;to_pay;due_on;service;amount\n" +
		"B1;A1;2026-09;2026-10-01T02:00:00Z;S1;0;1000.00;2026-10-28;electricity;1000.00\n",
}

// TestImportedDueDates: with the built-in billing off, «Главная»'s
// forecast and the reminders take the due date the imported bill printed
// (28.10.2026), not the rule's (15.10.2026): on 27.11.2026 no penalty
// accrues yet, and the reminder that penalties start soon is sent for the
// day the imported date gives. Both engines.
func TestImportedDueDates(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, dsn string) {
		m := MustRunMain(t, dsn, func(c *Config) { c.DemoAccounts, c.BuiltinBilling = 0, false })
		ctx := context.Background()
		dir := t.TempDir()
		for name, text := range importedWorld {
			if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		sums, err := m.app.Importer().ImportPath(ctx, dir)
		if err != nil || len(sums) != 5 {
			t.Fatalf("import: %v, %v", sums, err)
		}
		acc, err := m.app.DB.FindAccountByNumber(ctx, kabinet.MustParseAccountNumber("ИЭСБК0099001"))
		if err != nil {
			t.Fatal(err)
		}
		bs, err := m.app.Home.Balances(ctx, acc)
		if err != nil || len(bs) != 1 {
			t.Fatalf("balances: %v, %v", bs, err)
		}
		f := bs[0].Forecast
		due := time.Date(2026, 10, 28, 0, 0, 0, 0, time.UTC)
		if !f.Due.Equal(due) || f.PerDay != 0 || f.Pay != 1000_00 || f.By.Before(testNow.AddDate(0, 0, -1)) {
			t.Errorf("forecast %+v, want 1000 ₽ due 28.10.2026, no penalty yet", f)
		}
		set := &kabinet.ServiceSettings{AccountID: acc.ID, BillPaper: true}
		if _, err := m.app.DB.SaveServiceSettings(ctx, set, &kabinet.ServiceSettings{AccountID: acc.ID}, kabinet.ChangeSourceWeb, 0); err != nil {
			t.Fatal(err)
		}
		if _, err := m.app.Reminders.Run(ctx); err != nil {
			t.Fatal(err)
		}
		rows, err := m.app.DB.SQL().QueryContext(ctx, `SELECT rule, period FROM reminders_sent WHERE account_id = $1`, acc.ID)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		sent := map[string]string{}
		for rows.Next() {
			var rule, period string
			rows.Scan(&rule, &period)
			sent[rule] = period
		}
		if sent["penalty_soon"] != f.By.Format(time.DateOnly) || sent["debt_overdue"] == "" {
			t.Errorf("reminders sent %v, want penalty_soon for %s and debt_overdue", sent, f.By.Format(time.DateOnly))
		}
	})
}

// TestActTakesImportedDueDates: the reconciliation statement dates each
// month's bill by the same source as «Главная»: September's row of the
// act of the imported world is due 28.10.2026, as its imported bill
// printed, not 15.10.2026 by the rule; in the portal's act and in the
// `kabinet statement` command alike. Both engines.
func TestActTakesImportedDueDates(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, dsn string) {
		m := MustRunMain(t, dsn, func(c *Config) { c.DemoAccounts, c.BuiltinBilling = 0, false })
		ctx := context.Background()
		dir := t.TempDir()
		for name, text := range importedWorld {
			if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := m.app.Importer().ImportPath(ctx, dir); err != nil {
			t.Fatal(err)
		}
		acc, err := m.app.DB.FindAccountByNumber(ctx, kabinet.MustParseAccountNumber("ИЭСБК0099001"))
		if err != nil {
			t.Fatal(err)
		}
		from, to := time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)
		st, err := billrun.StatementOf(ctx, m.app.DB, billrun.StatementFor{Account: acc, Of: "electricity", From: from, To: to, Due: m.app.Requests.Due})
		if err != nil {
			t.Fatal(err)
		}
		want := time.Date(2026, 10, 28, 0, 0, 0, 0, time.UTC)
		if got := st.Months[0]; !got.Due.Equal(want) || !st.Months[1].Due.IsZero() {
			t.Errorf("the act's months %+v, want September due 28.10.2026 and October with no bill", st.Months)
		}
		var out bytes.Buffer
		if err := run(ctx, []string{"statement", "--db", dsn, "ИЭСБК0099001", "electricity", "01.09.2026", "27.11.2026"}, &out); err != nil {
			t.Fatal(err)
		}
		if text := pdfText(t, out.Bytes()); !strings.Contains(text, "28.10.2026") || strings.Contains(text, "15.10.2026") {
			t.Errorf("the act's text names no 28.10.2026:\n%s", text)
		}
	})
}
