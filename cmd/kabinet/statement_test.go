package main

import (
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
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("KABINET_TEST_TOOLS") != "" {
			t.Fatal("pdftotext is missing")
		}
		t.Skip("pdftotext is missing")
	}
	mp, gw := mailpittest.Start(t), smstest.NewSMSRu(t)
	m := MustRunMain(t, sqlstoretest.SQLiteDSN(t), withChannels(mp, gw))
	ctx := context.Background()
	acc, err := m.db.FindAccountByNumber(ctx, kabinet.MustParseAccountNumber("10103001857"))
	if err != nil {
		t.Fatal(err)
	}
	today := time.Now().In(m.loc)
	to := time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, time.UTC)
	from := to.AddDate(-1, 0, 0)
	_, err = m.reqs.Statement(ctx, requests.Sender{Account: acc}, requests.StatementForm{FullName: acc.FullName(),
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
	// Spaces are compared as spaces: the amount's thousands separator is a
	// no-break space in the PDF and may come out of pdftotext as either.
	want := oneSpaced(balanceSentence(electricityBalance(t, m.db, acc.ID, to), to))
	if got := oneSpaced(string(text)); !strings.Contains(got, want) {
		t.Errorf("the statement does not say %q:\n%s", want, text)
	}
}

// electricityBalance sums the ledger of the account's electricity
// sub-account up to day to: charges, recalculations and penalties less
// payments.
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
		es, err := db.FindLedgerEntries(context.Background(), sqlstore.LedgerFilter{SubAccountID: sub.ID, Limit: 1 << 20})
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range es {
			if !e.PostedOn.After(to) {
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
