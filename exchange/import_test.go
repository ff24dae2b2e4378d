package exchange_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"

	"kabinet"
	"kabinet/billing"
	"kabinet/exchange"
	"kabinet/sqlstore"
	"kabinet/sqlstore/sqlstoretest"
)

const (
	providersCSV = "provider_id;code;name;inn;kpp;bank_name;bic;corresp_account;settlement_account;services\n" +
		"P1;IES;ООО «Иркутскэнергосбыт»;3808166404;381250001;Байкальский банк;042520607;30101810900000000607;40702810918350007537;electricity\n"
	accountsCSV = "account_id;account_number;surname;first_name;address;district;settlement;housing;rooms;total_area;residents;electric_heating\n" +
		"A1;ИЭСБК0041300;Петрова;Анна;г. Иркутск, ул. Ленина, д. 1, кв. 2;Кировский округ;city;flat;2;54,3;2;нет\n" +
		"A2;ИЭСБК0041301;Иванов;Иван;г. Иркутск, ул. Мира, д. 2;Кировский округ;town;flat;1;30;1;нет\n" +
		"A3;ИЭСБК0041302;Сидоров;Пётр;с. Хомутово, ул. Садовая, д. 3;Иркутский район;rural;house;3;80;3;да\n"
	subaccountsCSV = "subaccount_id;account_id;provider_id;number;services\n" +
		"S1;A1;P1;0041300;electricity\nS3;A3;P1;0041302;electricity\n"
	ledgerCSV = "entry_id;subaccount_id;period;kind;service;amount;posted_on;channel;note\n" +
		"L1;S1;2026-10;opening;;1200,00;2026-10-01;;\n" +
		"L2;S1;2026-10;charge;electricity;845,30;2026-11-01;;\n" +
		"L3;S3;2026-10;payment;;500;2026-10-15;post;\n"
)

func importText(t *testing.T, db *sqlstore.DB, dir, name, text string) *exchange.Summary {
	t.Helper()
	s, err := (&exchange.Importer{Store: db, Again: true}).ImportFile(ctx, writeFile(t, dir, name, text), nil)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// importMeter imports the providers, accounts and sub-accounts above and
// one meter, M1 of S1, with one zone.
func importMeter(t *testing.T, db *sqlstore.DB, dir string) {
	t.Helper()
	importText(t, db, dir, "providers.csv", providersCSV)
	importText(t, db, dir, "accounts.csv", accountsCSV)
	importText(t, db, dir, "subaccounts.csv", subaccountsCSV)
	importText(t, db, dir, "meters.csv", "meter_id;subaccount_id;service;serial;zones;digits;installed_on\nM1;S1;electricity;123;1;6;2020-01-01\n")
}

// TestBadLines: accounts take the good lines and report the bad ones; a
// ledger with one bad line is refused whole, and goes in once fixed.
func TestBadLines(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, dsn string) {
		db := sqlstoretest.MustOpen(t, dsn)
		dir := t.TempDir()
		importText(t, db, dir, "providers.csv", providersCSV)
		s := importText(t, db, dir, "accounts.csv", accountsCSV)
		if s.Inserted != 2 || s.Refused != 1 || len(s.Errors) != 1 || s.Errors[0].Line != 3 || s.Errors[0].Field != "settlement" {
			t.Fatalf("accounts: %s %v", s, s.Errors)
		}
		if got := s.Errors[0].Error(); !strings.HasPrefix(got, "accounts.csv:3: settlement: не одно из city, rural") {
			t.Errorf("error reads %q", got)
		}
		importText(t, db, dir, "subaccounts.csv", subaccountsCSV)
		bad := strings.Replace(ledgerCSV, "L3;S3", "L3;S9", 1)
		s = importText(t, db, dir, "ledger.csv", bad)
		if !s.RefusedWhole || s.Inserted != 0 || len(s.Errors) != 1 || s.Errors[0].Field != "subaccount_id" || s.Errors[0].Line != 4 {
			t.Fatalf("ledger with a bad line: %s %v", s, s.Errors)
		}
		if n := count(t, db, "ledger"); n != 0 {
			t.Fatalf("a refused ledger left %d entries", n)
		}
		s = importText(t, db, dir, "ledger.csv", ledgerCSV)
		if !s.OK() || s.Inserted != 3 {
			t.Fatalf("ledger: %s %v", s, s.Errors)
		}
		var sum int64
		db.SQL().QueryRow(`SELECT sum(amount) FROM ledger`).Scan(&sum)
		if sum != 120000+84530-50000 {
			t.Errorf("ledger sums to %d", sum)
		}
	})
}

// TestDirectoryChecksAhead imports a directory whose ledger and bills are
// checked beside the files before them: the ledger refers to sub-accounts
// the same directory adds (a check run before they were written would
// refuse it), and a bills file that does not balance is refused whole
// while the rest goes in.
func TestDirectoryChecksAhead(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, dsn string) {
		db := sqlstoretest.MustOpen(t, dsn)
		dir := t.TempDir()
		writeFile(t, dir, "providers.csv", providersCSV)
		writeFile(t, dir, "accounts.csv", strings.Replace(accountsCSV, ";town;", ";city;", 1))
		writeFile(t, dir, "subaccounts.csv", subaccountsCSV)
		writeFile(t, dir, "ledger.csv", ledgerCSV)
		writeFile(t, dir, "bills.csv", "bill_id;account_id;period;issued_at;subaccount_id;opening_balance;payments;to_pay;due_on;service;consumption;unit;tariff;amount;basis\n"+
			"B3;A3;2026-10;2026-11-01T00:00:00Z;S3;0;500;-400;2026-11-25;electricity;10;кВт·ч;1;10;по нормативу\n")
		sums, err := (&exchange.Importer{Store: db}).ImportPath(ctx, dir)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]*exchange.Summary{}
		for _, s := range sums {
			got[s.Kind] = s
		}
		if s := got["ledger"]; s == nil || !s.OK() || s.Inserted != 3 {
			t.Fatalf("ledger: %v", s)
		}
		if s := got["bills"]; s == nil || !s.RefusedWhole || len(s.Errors) != 1 || s.Errors[0].Field != "to_pay" {
			t.Fatalf("bills: %v", s)
		}
		if n := count(t, db, "ledger"); n != 3 {
			t.Errorf("%d ledger entries, want 3", n)
		}
		if n := count(t, db, "bills"); n != 0 {
			t.Errorf("a refused bills file left %d bills", n)
		}
	})
}

// TestBillMustBalance refuses a bills file whose section does not add up.
func TestBillMustBalance(t *testing.T) {
	db := sqlstoretest.MustOpen(t, sqlstoretest.SQLiteDSN(t))
	dir := t.TempDir()
	importText(t, db, dir, "providers.csv", providersCSV)
	importText(t, db, dir, "accounts.csv", accountsCSV)
	importText(t, db, dir, "subaccounts.csv", subaccountsCSV)
	bills := "bill_id;account_id;period;issued_at;subaccount_id;opening_balance;payments;to_pay;due_on;service;consumption;unit;tariff;amount;basis\n" +
		"B1;A1;2026-10;2026-11-01T00:00:00Z;S1;1200;0;2045.30;2026-11-25;electricity;150;кВт·ч;5.6353;845.30;по показаниям\n" +
		"B3;A3;2026-10;2026-11-01T00:00:00Z;S3;0;500;-400;2026-11-25;electricity;10;кВт·ч;1;10;по нормативу\n"
	s := importText(t, db, dir, "bills.csv", bills)
	if !s.RefusedWhole || len(s.Errors) != 1 || s.Errors[0].Line != 3 || s.Errors[0].Field != "to_pay" {
		t.Fatalf("bills: %s %v", s, s.Errors)
	}
	s = importText(t, db, dir, "bills.csv", strings.Replace(bills, ";-400;", ";-490;", 1))
	if !s.OK() || s.Inserted != 2 || count(t, db, "bills") != 2 {
		t.Fatalf("bills: %s %v", s, s.Errors)
	}
}

// TestFreshBillsKeepOnlyOtherDueDates: a first import of bills keeps the
// due date a bill printed only where the law's rule gives another day;
// either way the portal's due date (billing.Due) is the printed one.
func TestFreshBillsKeepOnlyOtherDueDates(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, dsn string) {
		db := sqlstoretest.MustOpen(t, dsn)
		dir := t.TempDir()
		importText(t, db, dir, "providers.csv", providersCSV)
		importText(t, db, dir, "accounts.csv", strings.Replace(accountsCSV, ";town;", ";city;", 1))
		importText(t, db, dir, "subaccounts.csv", subaccountsCSV)
		s := importText(t, db, dir, "bills.csv", "bill_id;account_id;period;issued_at;subaccount_id;opening_balance;payments;to_pay;due_on;service;consumption;unit;tariff;amount;basis\n"+
			"B1;A1;2026-10;2026-11-01T00:00:00Z;S1;1200;0;2045.30;2026-11-15;electricity;150;кВт·ч;5.6353;845.30;по показаниям\n"+
			"B3;A3;2026-10;2026-11-01T00:00:00Z;S3;0;500;-490;2026-11-25;electricity;10;кВт·ч;1;10;по нормативу\n")
		if !s.OK() || s.Inserted != 2 {
			t.Fatalf("bills: %s %v", s, s.Errors)
		}
		subs, err := db.FindSubAccountsByExternalID(ctx, []string{"S1", "S3"})
		if err != nil {
			t.Fatal(err)
		}
		printed, err := db.FindBillDueDates(ctx, []int64{subs["S1"].ID, subs["S3"].ID})
		if err != nil {
			t.Fatal(err)
		}
		if len(printed) != 1 || printed[subs["S3"].ID] == nil {
			t.Fatalf("kept due dates %v, want S3's alone", printed)
		}
		oct := kabinet.Period{Year: 2026, Month: time.October}
		for sub, want := range map[string]time.Time{"S1": date(2026, 11, 15), "S3": date(2026, 11, 25)} {
			due := billing.Due{Rules: billing.DefaultDueRules(), Printed: printed[subs[sub].ID]}
			if got := due.DueDate(oct); !got.Equal(want) {
				t.Errorf("%s is due %s, want %s", sub, got, want)
			}
		}
	})
}

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// TestWindows1251 imports accounts exported by 1С in windows-1251.
func TestWindows1251(t *testing.T) {
	db := sqlstoretest.MustOpen(t, sqlstoretest.SQLiteDSN(t))
	win, err := charmap.Windows1251.NewEncoder().String(strings.ReplaceAll(accountsCSV, "\n", "\r\n"))
	if err != nil {
		t.Fatal(err)
	}
	s := importText(t, db, t.TempDir(), "accounts_1c.csv", win)
	if s.Inserted != 2 {
		t.Fatalf("%s %v", s, s.Errors)
	}
	var surname string
	db.SQL().QueryRow(`SELECT surname FROM accounts WHERE external_id = 'A3'`).Scan(&surname)
	if surname != "Сидоров" {
		t.Errorf("surname read as %q", surname)
	}
}

// TestFullSnapshotCloses: an account a full snapshot lacks is closed, kept
// with its sub-accounts, and opens again when a snapshot lists it.
func TestFullSnapshotCloses(t *testing.T) {
	db := sqlstoretest.MustOpen(t, sqlstoretest.SQLiteDSN(t))
	dir := t.TempDir()
	importText(t, db, dir, "accounts.csv", accountsCSV)
	lines := strings.SplitAfter(accountsCSV, "\n")
	var closed []int64
	im := &exchange.Importer{Store: db, Closed: func(_ context.Context, as []*kabinet.Account) ([]*kabinet.Delivery, error) {
		for _, a := range as {
			closed = append(closed, a.ID)
		}
		return nil, nil
	}}
	s, err := im.ImportFile(ctx, writeFile(t, dir, "accounts-full.csv", lines[0]+lines[1]), nil)
	if err != nil || s.Closed != 1 || len(closed) != 1 {
		t.Fatalf("%v %v, closed %v", s, err, closed)
	}
	a, _ := db.FindAccountsByExternalID(ctx, []string{"A1", "A3"})
	if !a["A1"].ClosedOn.IsZero() || a["A3"].ClosedOn.IsZero() || closed[0] != a["A3"].ID {
		t.Fatalf("A1 closed on %v, A3 on %v", a["A1"].ClosedOn, a["A3"].ClosedOn)
	}
	importText(t, db, dir, "accounts-full-2.csv", accountsCSV)
	a, _ = db.FindAccountsByExternalID(ctx, []string{"A3"})
	if !a["A3"].ClosedOn.IsZero() {
		t.Error("A3 listed again is still closed")
	}
}

// crashingStore fails every Load after the first n, like a process killed
// between two chunks' commits.
type crashingStore struct {
	*sqlstore.DB
	n int
}

var errKilled = errors.New("killed")

func (s *crashingStore) Load(ctx context.Context, b kabinet.Batch) error {
	if s.n == 0 {
		return errKilled
	}
	s.n--
	return s.DB.Load(ctx, b)
}

// TestResume: an import stopped between chunks again and again, each time
// restarted, ends identical to one never stopped.
func TestResume(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, dsn string) {
		src, dir := exportDemo(t, dsn, 60, exchange.CSV)
		whole := sqlstoretest.MustOpen(t, freshDSN(t, dsn))
		mustImport(t, whole, dir)
		db := sqlstoretest.MustOpen(t, freshDSN(t, dsn))
		db.RememberExternalIDsAtOnce()
		stops := 0
		for ; stops < 100; stops++ {
			im := &exchange.Importer{Store: &crashingStore{DB: db, n: 3}, Chunk: 97}
			_, err := im.ImportPath(ctx, dir)
			if err == nil {
				break
			}
			if !errors.Is(err, errKilled) {
				t.Fatal(err)
			}
		}
		if stops < 5 || stops == 100 {
			t.Fatalf("stopped only %d times", stops)
		}
		assertSameWorld(t, src, db)
		for _, table := range []string{"accounts", "sub_accounts", "meters", "readings", "ledger", "bills"} {
			if a, b := count(t, whole, table), count(t, db, table); a != b {
				t.Errorf("%s: %d rows after stops, %d without", table, b, a)
			}
		}
		// The chart's months, which a fresh load sums at its end: as the
		// rows give, with stops and without.
		kept, summed := sqlstoretest.Dump(t, whole.SQL(), `SELECT * FROM usage_months ORDER BY account_id, period, service`), sqlstoretest.Dump(t, whole.SQL(), usageSummed)
		if kept != summed || kept != sqlstoretest.Dump(t, db.SQL(), `SELECT * FROM usage_months ORDER BY account_id, period, service`) {
			t.Errorf("the chart's months: kept\n%s\nsummed\n%s\nafter stops\n%s", kept, summed, sqlstoretest.Dump(t, db.SQL(), `SELECT * FROM usage_months ORDER BY account_id, period, service`))
		}
	})
}

// usageSummed is what usage_months holds, summed from the readings and
// the ledger.
const usageSummed = `SELECT account_id, period, service, MAX(units), MAX(charged) FROM (
	SELECT m.account_id, r.period, m.service, SUM(r.c1 + COALESCE(r.c2, 0) + COALESCE(r.c3, 0)) AS units, NULL AS charged
	FROM meters m JOIN readings r ON r.meter_id = m.id GROUP BY m.account_id, r.period, m.service
	UNION ALL
	SELECT s.account_id, l.period, l.service, NULL, SUM(l.amount)
	FROM sub_accounts s JOIN ledger l ON l.sub_account_id = s.id WHERE l.kind = 'charge' GROUP BY s.account_id, l.period, l.service
) u GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`

func count(t *testing.T, db *sqlstore.DB, table string) int {
	t.Helper()
	var n int
	if err := db.SQL().QueryRow(`SELECT count(*) FROM ` + table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestReadingStatusMovesOn: readings imported again change nothing but a
// status the billing system moved on, and an entry posted twice in one
// ledger file goes in once (the database skips what it has).
func TestReadingStatusMovesOn(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, dsn string) {
		db := sqlstoretest.MustOpen(t, dsn)
		dir := t.TempDir()
		importMeter(t, db, dir)
		readings := "reading_id;meter_id;taken_on;period;value_t1;consumption_t1;source;status\n" +
			"R1;M1;2026-09-20;2026-09;1000;100;controller;accepted\nR2;M1;2026-10-20;2026-10;1150;150;controller;accepted\n"
		if s := importText(t, db, dir, "readings.csv", readings); !s.OK() || s.Inserted != 2 {
			t.Fatalf("readings: %s %v", s, s.Errors)
		}
		s := importText(t, db, dir, "readings.csv", strings.Replace(readings, "150;controller;accepted", "150;controller;calculated", 1))
		if !s.OK() || s.Inserted != 0 || s.Updated != 1 {
			t.Fatalf("readings again: %s %v", s, s.Errors)
		}
		var status string
		db.SQL().QueryRow(`SELECT status FROM readings WHERE external_id = 'R2'`).Scan(&status)
		if status != "calculated" || count(t, db, "readings") != 2 {
			t.Errorf("R2 is %q, %d readings", status, count(t, db, "readings"))
		}
		im := &exchange.Importer{Store: db, Chunk: 2}
		s, err := im.ImportFile(ctx, writeFile(t, dir, "ledger.csv", ledgerCSV+"L1;S1;2026-10;opening;;1200,00;2026-10-01;;\n"), nil)
		if err != nil || !s.OK() || s.Inserted != 3 || count(t, db, "ledger") != 3 {
			t.Fatalf("a ledger with an entry twice: %v %s %v", err, s, s.Errors)
		}
	})
}

// TestConsumptionFromReadingBefore: a reading sent without its
// consumption gets what the registers turned since the reading before,
// also when that one is in the chunk before, while readings that bring
// their consumption keep it.
func TestConsumptionFromReadingBefore(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, dsn string) {
		db := sqlstoretest.MustOpen(t, dsn)
		dir := t.TempDir()
		importMeter(t, db, dir)
		var b strings.Builder
		b.WriteString("reading_id;meter_id;taken_on;period;value_t1;consumption_t1;source;status\n")
		want := map[string]int64{}
		value := int64(1000)
		for m := 1; m <= 12; m++ {
			id, turned, given := fmt.Sprintf("R%d", m), int64(10*m), ""
			if m%4 == 0 {
				given = "7" // the billing's own figure
			}
			value += turned
			fmt.Fprintf(&b, "%s;M1;2026-%02d-20;2026-%02d;%d;%s;controller;accepted\n", id, m, m, value, given)
			switch {
			case given != "":
				want[id] = 7
			case m > 1:
				want[id] = turned
			}
		}
		im := &exchange.Importer{Store: db, Chunk: 1}
		if s, err := im.ImportFile(ctx, writeFile(t, dir, "readings.csv", b.String()), nil); err != nil || !s.OK() || s.Inserted != 12 {
			t.Fatalf("readings: %v %s", err, s)
		}
		rows, err := db.SQL().Query(`SELECT external_id, c1 FROM readings`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		for rows.Next() {
			var id string
			var c int64
			if err := rows.Scan(&id, &c); err != nil {
				t.Fatal(err)
			}
			if c != want[id] {
				t.Errorf("%s: consumption %d, want %d", id, c, want[id])
			}
		}
	})
}

// TestFreshLoadRepeats: a first import into empty tables (their external-ID
// indexes dropped and built again at the end) keeps the first of repeated
// IDs, as the conflict on the index does: a reading repeated in a later
// chunk moves the first one's status on, an entry posted twice counts
// once in the kept balance; the indexes are back afterwards.
func TestFreshLoadRepeats(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, dsn string) {
		db := sqlstoretest.MustOpen(t, dsn)
		dir := t.TempDir()
		importMeter(t, db, dir)
		im := &exchange.Importer{Store: db, Chunk: 2}
		readings := "reading_id;meter_id;taken_on;period;value_t1;consumption_t1;source;status\n" +
			"R1;M1;2026-09-20;2026-09;1000;100;controller;accepted\nR2;M1;2026-10-20;2026-10;1150;150;controller;accepted\n" +
			"R1;M1;2026-09-20;2026-09;1000;100;controller;calculated\n"
		s, err := im.ImportFile(ctx, writeFile(t, dir, "readings.csv", readings), nil)
		if err != nil || !s.OK() || s.Inserted != 2 || s.Updated != 1 {
			t.Fatalf("readings with one twice: %v %s %v", err, s, s.Errors)
		}
		var status string
		db.SQL().QueryRow(`SELECT status FROM readings WHERE external_id = 'R1'`).Scan(&status)
		if status != "calculated" || count(t, db, "readings") != 2 {
			t.Errorf("R1 is %q, %d readings", status, count(t, db, "readings"))
		}
		var account int64
		db.SQL().QueryRow(`SELECT account_id FROM meters WHERE external_id = 'M1'`).Scan(&account)
		kept, _ := db.FindUsage(ctx, account, kabinet.Period{Year: 2026, Month: 1})
		summed, err := db.FindLedgerUsage(ctx, account, kabinet.Period{Year: 2026, Month: 1})
		if err != nil || len(kept) != 2 || usageText(kept) != usageText(summed) {
			t.Errorf("the chart's months after a repeated reading: kept %v, summed %v (%v)", kept, summed, err)
		}
		s, err = im.ImportFile(ctx, writeFile(t, dir, "ledger.csv", ledgerCSV+"L1;S1;2026-10;opening;;1200,00;2026-10-01;;\n"), nil)
		if err != nil || !s.OK() || s.Inserted != 3 || count(t, db, "ledger") != 3 {
			t.Fatalf("a ledger with an entry twice: %v %s %v", err, s, s.Errors)
		}
		var adjustments int64
		db.SQL().QueryRow(`SELECT b.adjustments FROM balances b JOIN sub_accounts s ON s.id = b.sub_account_id WHERE s.external_id = 'S1'`).Scan(&adjustments)
		if adjustments != 120000 {
			t.Errorf("kept adjustments of S1: %d", adjustments)
		}
		// The fresh loads' chunks leave the months alone; their ends sum
		// them: the meters' (two months) and now the charge of L2 too.
		kept, _ = db.FindUsage(ctx, account, kabinet.Period{Year: 2026, Month: 1})
		summed, err = db.FindLedgerUsage(ctx, account, kabinet.Period{Year: 2026, Month: 1})
		if err != nil || len(kept) != 3 || usageText(kept) != usageText(summed) {
			t.Errorf("the chart's months after the ledger: kept %v, summed %v (%v)", kept, summed, err)
		}
		im.Again = true
		s, err = im.ImportFile(ctx, writeFile(t, dir, "readings.csv", readings), nil)
		if err != nil || !s.OK() || s.Inserted != 0 || count(t, db, "readings") != 2 {
			t.Errorf("readings again (the index back): %v %s %v", err, s, s.Errors)
		}
	})
}

// usageText is a chart's months as sorted text, to compare two reads.
func usageText(us []kabinet.Usage) string {
	lines := make([]string, len(us))
	for i, u := range us {
		lines[i] = fmt.Sprint(u)
	}
	slices.Sort(lines)
	return strings.Join(lines, "\n")
}
