package exchange

import (
	"bytes"
	"errors"
	"io"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"

	"kabinet"
)

func readAll(t *testing.T, name, text string) ([]*Record, []*LineError) {
	t.Helper()
	rd, err := NewReader(name, strings.NewReader(text), nil)
	if err != nil {
		t.Fatalf("NewReader: %v", err)
	}
	var recs []*Record
	var bad []*LineError
	for {
		rec := rd.Kind().NewRecord()
		err := rd.Next(rec)
		var le *LineError
		switch {
		case err == io.EOF:
			return recs, bad
		case errors.As(err, &le):
			bad = append(bad, le)
		case err != nil:
			t.Fatalf("Next: %v", err)
		default:
			recs = append(recs, rec)
		}
	}
}

const accountsCSV = "account_id;account_number;surname;first_name;address;settlement;housing;rooms;total_area;electric_heating\n" +
	"A1;ИЭСБК0041300;Петрова;Анна;\"г. Иркутск; ул. Ленина, 1\";city;flat;2;54,3;да\n" +
	"A2;10103001857;Иванов;;ул. Мира, 2;rural;house;три;80;0\n" +
	"A3;10103001858;;;ул. Мира, 3;rural;house;1;80;0\n"

func TestReaderCSV(t *testing.T) {
	recs, bad := readAll(t, "accounts-full-2026-11-27.csv", accountsCSV)
	if len(recs) != 1 || len(bad) != 2 {
		t.Fatalf("got %d records and %d errors, want 1 and 2", len(recs), len(bad))
	}
	r := recs[0]
	if r.Get("address") != "г. Иркутск; ул. Ленина, 1" || r.Area("total_area") != 5430 || !r.Bool("electric_heating") || r.Int("rooms") != 2 || r.Line != 2 {
		t.Errorf("record = %+v", r.vals)
	}
	if got, want := bad[0].Error(), `accounts-full-2026-11-27.csv:3: rooms: не целое число: "три"`; got != want {
		t.Errorf("error = %q, want %q", got, want)
	}
	if bad[1].Line != 4 || bad[1].Field != "surname" {
		t.Errorf("error = %v, want line 4, surname", bad[1])
	}
}

func TestReaderWindows1251(t *testing.T) {
	win, err := charmap.Windows1251.NewEncoder().String(accountsCSV)
	if err != nil {
		t.Fatal(err)
	}
	recs, _ := readAll(t, "accounts.csv", win)
	if len(recs) != 1 || recs[0].Get("surname") != "Петрова" || recs[0].Get("account_number") != "ИЭСБК0041300" {
		t.Fatalf("windows-1251 read as %v", recs)
	}
}

func TestKindRecognised(t *testing.T) {
	for name, want := range map[string]string{"accounts.csv": "accounts", "subaccounts_delta.jsonl": "subaccounts",
		"ledger-2026-11.csv": "ledger", "bills.jsonl": "bills", "accountsX.csv": "", "x.csv": ""} {
		got := ""
		if k := KindOfFile(name); k != nil {
			got = k.Name
		}
		if got != want {
			t.Errorf("KindOfFile(%q) = %q, want %q", name, got, want)
		}
	}
	t.Run("ByHeader", func(t *testing.T) {
		rd, err := NewReader("export.csv", strings.NewReader("\xef\xbb\xbfmeter_id;subaccount_id;service;serial;zones;digits\n"), nil)
		if err != nil || rd.Kind() != KindMeters {
			t.Fatalf("kind = %v, %v; want meters", rd, err)
		}
	})
	t.Run("ByJSONKeys", func(t *testing.T) {
		recs, bad := readAll(t, "x.jsonl", "\n"+`{"entry_id":"E1","subaccount_id":"S1","period":"2026-11","kind":"charge","amount":1234.5,"posted_on":"30.11.2026"}`+"\n")
		if len(bad) != 0 || len(recs) != 1 || recs[0].Kind != KindLedger || recs[0].Line != 2 {
			t.Fatalf("records %v, errors %v", recs, bad)
		}
		if recs[0].Money("amount") != 123450 || recs[0].Get("posted_on") != "2026-11-30" {
			t.Errorf("record = %v", recs[0].vals)
		}
	})
	t.Run("Unknown", func(t *testing.T) {
		if _, err := NewReader("x.csv", strings.NewReader("a;b\n"), nil); err == nil {
			t.Fatal("an unknown header was accepted")
		}
	})
}

func TestWriterRoundTrip(t *testing.T) {
	for _, enc := range []Encoding{CSV, JSONL} {
		for _, win := range []bool{false, true} {
			var buf bytes.Buffer
			w, err := NewWriter(&buf, KindLedger, enc, win)
			if err != nil {
				t.Fatal(err)
			}
			rec := KindLedger.NewRecord()
			rec.Set("entry_id", "E;1\"")
			rec.Set("subaccount_id", "S1")
			rec.SetPeriod("period", kabinet.Period{Year: 2026, Month: 1})
			rec.Set("kind", "adjustment")
			rec.SetMoney("amount", -5)
			rec.Set("posted_on", "2026-01-31")
			rec.Set("note", "Перерасчёт — «объём»")
			if err := w.Write(rec); err != nil {
				t.Fatal(err)
			}
			if err := w.Flush(); err != nil {
				t.Fatal(err)
			}
			recs, bad := readAll(t, "ledger."+string(enc), buf.String())
			if len(bad) != 0 || len(recs) != 1 {
				t.Fatalf("%s/%v: read back %v, %v from %q", enc, win, recs, bad, buf.String())
			}
			got := recs[0]
			if got.Get("entry_id") != "E;1\"" || got.Money("amount") != -5 || got.Get("note") != "Перерасчёт — «объём»" {
				t.Errorf("%s/%v: read back %q", enc, win, got.vals)
			}
			if enc == JSONL && !strings.Contains(buf.String(), `"amount":-0.05`) {
				t.Errorf("JSON money not a number: %s", buf.String())
			}
		}
	}
}

func TestParseDecimal(t *testing.T) {
	for s, want := range map[string]int64{"1": 100, "1,5": 150, "-0.05": -5, "1 234.56": 123456, "+2": 200} {
		if got, ok := parseDecimal(s, 2); !ok || got != want {
			t.Errorf("parseDecimal(%q) = %d, %v; want %d", s, got, ok, want)
		}
	}
	for _, s := range []string{"", "1.234", "1e3", "1.", ".5", "abc"} {
		if _, ok := parseDecimal(s, 2); ok {
			t.Errorf("parseDecimal(%q) accepted", s)
		}
	}
}

// TestDecimalValue: amounts as formatDecimal writes them are read digit by
// digit; the value is ParseInt's of the digits, up to the 15 whole digits
// and 4 places decimalText allows, where int64 ends.
func TestDecimalValue(t *testing.T) {
	texts := []string{"0.00", "0.01", "-0.01", "10.00", "-486.26", "999999999999999.99", "-999999999999999.99",
		"922337203685477.5807", "999999999999999.9999", "-999999999999999.9999", "123456789012345.6789"}
	for n := int64(-100000); n <= 100000; n += 7 {
		texts = append(texts, formatDecimal(n*n*n, 2), formatDecimal(n*n, 4))
	}
	for _, s := range texts {
		places := len(s) - strings.IndexByte(s, '.') - 1
		if !decimalText(s, places) {
			t.Fatalf("%q is not decimal text", s)
		}
		want, _ := strconv.ParseInt(strings.Replace(s, ".", "", 1), 10, 64)
		if got, ok := parseDecimal(s, places); !ok || got != want {
			t.Errorf("parseDecimal(%q, %d) = %d, %v; want %d", s, places, got, ok, want)
		}
	}
}
