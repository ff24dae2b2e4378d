package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode"

	"kabinet"
	"kabinet/mail/mailpittest"
	"kabinet/requests"
	"kabinet/sms/smstest"
	"kabinet/sqlstore"
	"kabinet/sqlstore/sqlstoretest"
)

// TestStatementArrivesInMailpit orders Иванов's reconciliation statement
// for electricity over the demo's year on the running program, waits for
// the letter in mailpit and reads its PDF with pdftotext: the closing
// balance it states is the ledger's sum up to the last day.
func TestStatementArrivesInMailpit(t *testing.T) {
	needPDFToText(t)
	mp, gw := mailpittest.Start(t), smstest.NewSMSRu(t)
	m := MustRunMain(t, sqlstoretest.SQLiteDSN(t), withChannels(mp, gw))
	acc, err := m.app.DB.FindAccountByNumber(context.Background(), kabinet.MustParseAccountNumber("10103001857"))
	if err != nil {
		t.Fatal(err)
	}
	to := m.app.Calendar.Today()
	text := orderStatement(t, m, mp, acc, to.AddDate(-1, 0, 0), to)
	// Spaces are compared as spaces: the amount's thousands separator is a
	// no-break space in the PDF and may come out of pdftotext as either.
	want := oneSpaced(balanceSentence(electricityBalance(t, m.app.DB, acc.ID, to), to))
	if got := oneSpaced(text); !strings.Contains(got, want) {
		t.Errorf("the statement does not say %q:\n%s", want, text)
	}
}

// TestStatementDatedInSuppliersZone orders a statement at 02:00 in
// Irkutsk, still the day before in UTC: the PDF the portal sends is dated
// with the supplier's day (the renderer is the one made with the
// supplier's zone, not one made without it).
func TestStatementDatedInSuppliersZone(t *testing.T) {
	needPDFToText(t)
	mp, gw := mailpittest.Start(t), smstest.NewSMSRu(t)
	night := time.Date(2026, 11, 26, 18, 0, 0, 0, time.UTC) // 27.11.2026 02:00 in Irkutsk
	m := MustRunMain(t, sqlstoretest.SQLiteDSN(t), withChannels(mp, gw), func(c *Config) { c.Now = night })
	acc, err := m.app.DB.FindAccountByNumber(context.Background(), kabinet.MustParseAccountNumber("10103001857"))
	if err != nil {
		t.Fatal(err)
	}
	to := m.app.Calendar.Today()
	text := orderStatement(t, m, mp, acc, to.AddDate(0, -1, 0), to)
	if want := "Дата формирования: 27.11.2026"; !strings.Contains(text, want) {
		t.Errorf("the statement does not say %q:\n%s", want, text)
	}
}

func needPDFToText(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("KABINET_TEST_TOOLS") != "" {
			t.Fatal("pdftotext is missing")
		}
		t.Skip("pdftotext is missing")
	}
}

// orderStatement orders the account's electricity statement for [from,
// to] on the running program, waits for the letter in mailpit and returns
// the text of its PDF.
func orderStatement(t *testing.T, m *Main, mp *mailpittest.Server, acc *kabinet.Account, from, to time.Time) string {
	t.Helper()
	_, err := m.app.Requests.Statement(context.Background(), requests.Sender{Account: acc}, requests.StatementForm{FullName: acc.FullName(),
		Address: acc.Address, Service: string(kabinet.ServiceElectricity), From: from.Format(time.DateOnly),
		To: to.Format(time.DateOnly), Email: "ivanov@example.ru"})
	if err != nil {
		t.Fatal(err)
	}
	eventually(t, "the statement in mailpit", func() bool { return len(mp.Messages(t)) == 1 })
	letter := mp.Message(t, mp.Messages(t)[0].ID)
	if len(letter.Attachments) != 1 || letter.Attachments[0].ContentType != "application/pdf" {
		t.Fatalf("attachments = %+v", letter.Attachments)
	}
	path := filepath.Join(t.TempDir(), letter.Attachments[0].FileName)
	os.WriteFile(path, mp.Part(t, letter.ID, letter.Attachments[0].PartID), 0o644)
	text, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	return string(text)
}

// electricityBalance sums the ledger of the account's electricity
// sub-account booked up to day to: charges, recalculations and penalties
// less payments.
func electricityBalance(t *testing.T, db *sqlstore.DB, accountID int64, to time.Time) kabinet.Money {
	t.Helper()
	subs, err := db.FindSubAccounts(context.Background(), accountID)
	if err != nil {
		t.Fatal(err)
	}
	var sum kabinet.Money
	for _, sub := range subs {
		if len(sub.Services) == 0 || sub.Services[0] != kabinet.ServiceElectricity {
			continue
		}
		es, err := db.FindLedgerEntries(context.Background(), kabinet.LedgerFilter{SubAccountID: sub.ID, Limit: 1 << 20})
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range es {
			if !e.BookedOn().After(to) {
				sum += e.Amount
			}
		}
	}
	return sum
}

// oneSpaced folds every run of Unicode white space into one ASCII space.
func oneSpaced(s string) string { return strings.Join(strings.FieldsFunc(s, unicode.IsSpace), " ") }

func balanceSentence(m kabinet.Money, on time.Time) string {
	switch {
	case m > 0:
		return "Задолженность на " + on.Format("02.01.2006") + " составляет " + m.Plain() + " руб."
	case m < 0:
		return "Переплата на " + on.Format("02.01.2006") + " составляет " + m.Abs().Plain() + " руб."
	}
	return "Задолженность на " + on.Format("02.01.2006") + " отсутствует."
}

// TestStatementCommand closes November 2026 on a demo world and prints
// Иванов's act for electricity up to 30.11.2026: it closes on what the
// November bill says to pay the electricity provider, November's charges
// included (an act whose rows were the months entries were posted in left
// them out), and a provider's code names the same act.
func TestStatementCommand(t *testing.T) {
	ctx := context.Background()
	dsn := filepath.Join(t.TempDir(), "kabinet.db")
	db := mustCloseNovember(t, dsn)
	acc, err := db.FindAccountByNumber(ctx, kabinet.MustParseAccountNumber("10103001857"))
	if err != nil {
		t.Fatal(err)
	}
	bill, err := db.FindBill(ctx, acc.ID, kabinet.Period{Year: 2026, Month: time.November})
	if err != nil {
		t.Fatal(err)
	}
	var toPay kabinet.Money
	var code string
	for _, bp := range bill.Data.Providers {
		if bp.Lines[0].Service == kabinet.ServiceElectricity {
			toPay, code = bp.ToPay, bp.Provider.Code
		}
	}
	db.Close()

	for _, of := range []string{"electricity", "Электроэнергия", code} {
		var out bytes.Buffer
		if err := run(ctx, []string{"statement", "--db", dsn, "10103001857", of, "01.01.2026", "2026-11-30"}, &out); err != nil {
			t.Fatalf("%s: %v", of, err)
		}
		if !bytes.HasPrefix(out.Bytes(), []byte("%PDF-")) {
			t.Fatalf("%s: not a PDF: %.20q", of, out.Bytes())
		}
		if _, err := exec.LookPath("pdftotext"); err != nil {
			if os.Getenv("KABINET_TEST_TOOLS") != "" {
				t.Fatal("pdftotext is missing")
			}
			continue
		}
		path := filepath.Join(t.TempDir(), "act.pdf")
		os.WriteFile(path, out.Bytes(), 0o644)
		text, err := exec.Command("pdftotext", "-layout", path, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		want := balanceSentence(toPay, time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC))
		if got := oneSpaced(string(text)); !strings.Contains(got, oneSpaced(want)) {
			t.Errorf("%s: the act does not say %q:\n%s", of, want, text)
		}
	}
	var out bytes.Buffer
	for _, args := range [][]string{{"10103001857", "gas", "01.01.2026", "30.11.2026"}, {"10103001857", "electricity", "31.11.2026", "30.11.2026"},
		{"10103001857", "electricity", "30.11.2026", "01.01.2026"}, {"10103001857", "electricity", "01.01.2026"}} {
		if err := run(ctx, append([]string{"statement", "--db", dsn}, args...), &out); err == nil {
			t.Errorf("statement %v: no error", args)
		}
	}
}
