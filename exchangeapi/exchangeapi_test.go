package exchangeapi_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"kabinet"
	"kabinet/exchange"
	"kabinet/exchangeapi"
	"kabinet/sqlstore"
	"kabinet/sqlstore/sqlstoretest"
)

var ctx = context.Background()

const providersCSV = "provider_id;code;name;inn;bank_name;bic;corresp_account;settlement_account;services\n" +
	"P1;IES;ООО «Иркутскэнергосбыт»;3808166404;Байкальский банк;042520607;30101810900000000607;40702810918350007537;electricity\n" +
	"P2;BEK;ООО «Теплосеть»;;Байкальский банк;042520607;30101810900000000607;40702810918350007538;heat\n"

// exchangeServer is the exchange over a fresh database with one token.
func exchangeServer(t *testing.T, dsn string) (*sqlstore.DB, http.Handler, string) {
	db := sqlstoretest.MustOpen(t, dsn)
	tokens := exchange.NewTokens(db)
	secret, _, err := tokens.Add(ctx, "billing", kabinet.ScopeExchange)
	if err != nil {
		t.Fatal(err)
	}
	s := exchangeapi.New(exchangeapi.Config{}, exchangeapi.Deps{Tokens: tokens,
		Exporter: &exchange.Exporter{Store: db}, Importer: &exchange.Importer{Store: db}})
	return db, s, "Bearer " + secret
}

// TestImportOverHTTP: a file with a bad line is answered 422 with the
// line, field and reason, its good line imported; every use is in the
// audit log under the token's name.
func TestImportOverHTTP(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, dsn string) {
		db, h, bearer := exchangeServer(t, dsn)
		r := httptest.NewRequest(http.MethodPost, "/api/exchange/v1/providers", strings.NewReader(providersCSV))
		r.Header.Set("Authorization", bearer)
		r.Header.Set("Content-Type", "text/csv; charset=utf-8")
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		var sum struct {
			Inserted, Refused int
			Errors            []struct {
				Line          int
				Field, Reason string
			}
		}
		if err := json.Unmarshal(w.Body.Bytes(), &sum); err != nil {
			t.Fatalf("%d %s: %v", w.Code, w.Body, err)
		}
		if w.Code != http.StatusUnprocessableEntity || sum.Inserted != 1 || sum.Refused != 1 ||
			len(sum.Errors) != 1 || sum.Errors[0].Line != 3 || sum.Errors[0].Field != "inn" {
			t.Fatalf("import answered %d %s", w.Code, w.Body)
		}
		ps, err := db.FindProviders(ctx)
		if err != nil || len(ps) != 1 || ps[0].Code != "IES" {
			t.Errorf("providers after the import: %v, %v", ps, err)
		}

		for _, path := range []string{"/api/exchange/v1/export?since=0", "/api/exchange/v1/bills-of-lading"} {
			r = httptest.NewRequest(http.MethodGet, path, nil)
			r.Header.Set("Authorization", bearer)
			w = httptest.NewRecorder()
			h.ServeHTTP(w, r)
		}
		if w.Code != http.StatusNotFound || !strings.Contains(w.Body.String(), `"code":"not_found"`) {
			t.Errorf("an unknown route: %d %s, want a JSON 404", w.Code, w.Body)
		}
		es, err := db.FindAuditEntries(ctx, kabinet.AuditFilter{})
		if err != nil || len(es) != 2 {
			t.Fatalf("audit entries: %v, %v; want the import and the export", es, err)
		}
		for _, e := range es {
			if e.TokenID == 0 || e.OperatorID != 0 || e.OperatorLogin != "token:billing" || e.IP != "192.0.2.1" {
				t.Errorf("audit entry %+v, want the token's", e)
			}
		}
		if es[0].Action != kabinet.AuditExchangeExport || es[1].Action != kabinet.AuditExchangeImport {
			t.Errorf("audited %s, %s; want the export after the import", es[0].Action, es[1].Action)
		}
	})
}

// TestImportDryRun: ?dry_run=1 answers what a full snapshot would add,
// change and close, and its bad lines, and writes nothing.
func TestImportDryRun(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, dsn string) {
		db, h, bearer := exchangeServer(t, dsn)
		const head = "account_id;account_number;surname;address;settlement;housing\n"
		post := func(path, body string) (int, map[string]any) {
			r := httptest.NewRequest(http.MethodPost, path, strings.NewReader(body))
			r.Header.Set("Authorization", bearer)
			w := httptest.NewRecorder()
			h.ServeHTTP(w, r)
			var sum map[string]any
			if err := json.Unmarshal(w.Body.Bytes(), &sum); err != nil {
				t.Fatalf("%d %s: %v", w.Code, w.Body, err)
			}
			return w.Code, sum
		}
		if code, _ := post("/api/exchange/v1/accounts", head+"A1;1001;Орлова;ул. Мира, 1;city;flat\nA2;1002;Белов;ул. Мира, 2;city;flat\n"); code != http.StatusOK {
			t.Fatalf("the first import answered %d", code)
		}
		code, sum := post("/api/exchange/v1/accounts?full=true&dry_run=1",
			head+"A1;1001;Орлова-Белова;ул. Мира, 1;city;flat\nA3;1003;Сёмин;ул. Мира, 3;city;flat\nA4;1004;Зуев;ул. Мира, 4;city;tent\n")
		want := map[string]any{"dry_run": true, "lines": 3.0, "inserted": 1.0, "updated": 1.0, "closed": 1.0, "refused": 1.0}
		for k, v := range want {
			if sum[k] != v {
				t.Errorf("%s = %v, want %v (%d %v)", k, sum[k], v, code, sum)
			}
		}
		if errs, _ := sum["errors"].([]any); code != http.StatusUnprocessableEntity || len(errs) != 1 ||
			errs[0].(map[string]any)["field"] != "housing" || errs[0].(map[string]any)["line"] != 4.0 {
			t.Errorf("answered %d with errors %v, want 422 and line 4's housing", code, sum["errors"])
		}
		as, err := db.FindAccountsByExternalID(ctx, []string{"A1", "A2", "A3"})
		if err != nil || len(as) != 2 || as["A1"].Surname != "Орлова" || !as["A2"].ClosedOn.IsZero() {
			t.Errorf("a dry run changed the accounts: %v, %v", as, err)
		}
		if es, _ := db.FindAuditEntries(ctx, kabinet.AuditFilter{}); len(es) != 2 || !strings.HasPrefix(es[0].Detail, "проверка без записи") {
			t.Errorf("audit log %v, want the dry run noted", es)
		}
	})
}

// TestBillFilesOverHTTP: bill_files comes as multipart/form-data, the
// lines in the part «file» and each PDF in a part under the name a line
// gives; the PDF is kept for its account and period, a line whose PDF is
// not sent is a bad line, the import is audited, and the same request
// again changes nothing. Another kind with a PDF beside it is refused.
func TestBillFilesOverHTTP(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, dsn string) {
		db, h, bearer := exchangeServer(t, dsn)
		r := httptest.NewRequest(http.MethodPost, "/api/exchange/v1/accounts",
			strings.NewReader("account_id;account_number;surname;address;settlement;housing\nA1;1001;Орлова;ул. Мира, 1;city;flat\n"))
		r.Header.Set("Authorization", bearer)
		h.ServeHTTP(httptest.NewRecorder(), r)
		own := []byte("%PDF-1.4\n% the supplier's bill of A1 for October 2026\n%%EOF\n")
		post := func(kind string) *httptest.ResponseRecorder {
			var body bytes.Buffer
			mw := multipart.NewWriter(&body)
			lines, _ := mw.CreateFormFile("file", "bill_files.csv")
			io.WriteString(lines, "account_id;period;file\nA1;2026-10;A1-2026-10.pdf\nA1;2026-09;A1-2026-09.pdf\n")
			pdf, _ := mw.CreateFormFile("pdf", "A1-2026-10.pdf")
			pdf.Write(own)
			mw.Close()
			r := httptest.NewRequest(http.MethodPost, "/api/exchange/v1/"+kind, &body)
			r.Header.Set("Authorization", bearer)
			r.Header.Set("Content-Type", mw.FormDataContentType())
			w := httptest.NewRecorder()
			h.ServeHTTP(w, r)
			return w
		}
		w := post("bill_files")
		var sum struct {
			Inserted, Refused int
			Errors            []struct {
				Line          int
				Field, Reason string
			}
		}
		if err := json.Unmarshal(w.Body.Bytes(), &sum); err != nil {
			t.Fatalf("%d %s: %v", w.Code, w.Body, err)
		}
		if w.Code != http.StatusUnprocessableEntity || sum.Inserted != 1 || sum.Refused != 1 || len(sum.Errors) != 1 ||
			sum.Errors[0].Line != 3 || sum.Errors[0].Field != "file" || !strings.Contains(sum.Errors[0].Reason, "нет файла") {
			t.Fatalf("bill_files answered %d %s", w.Code, w.Body)
		}
		as, err := db.FindAccountsByExternalID(ctx, []string{"A1"})
		if err != nil {
			t.Fatal(err)
		}
		got, err := db.FindBillPDF(ctx, as["A1"].ID, kabinet.Period{Year: 2026, Month: time.October})
		if err != nil || !bytes.Equal(got, own) {
			t.Errorf("the October PDF kept: %.40q, %v", got, err)
		}
		if w := post("bill_files"); !strings.Contains(w.Body.String(), `"inserted":0,"updated":0`) {
			t.Errorf("the same request again: %d %s", w.Code, w.Body)
		}
		if w := post("accounts"); w.Code != http.StatusBadRequest || !strings.Contains(w.Body.String(), "только bill_files") {
			t.Errorf("accounts with a PDF beside: %d %s, want 400", w.Code, w.Body)
		}
		es, err := db.FindAuditEntries(ctx, kabinet.AuditFilter{})
		if err != nil || len(es) != 3 || es[0].Action != kabinet.AuditExchangeImport || !strings.HasPrefix(es[0].Detail, "bill_files-api.csv (bill_files)") {
			t.Errorf("audit entries %v, %v; want the accounts and both bill_files imports", es, err)
		}
	})
}

// TestLedgerOverHTTPSettles: a ledger posted over HTTP ends as `kabinet
// import` of the file would: the kept balances its lines made stale are
// computed before the answer, so the accounts' pages read them at once.
func TestLedgerOverHTTPSettles(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, dsn string) {
		db, h, bearer := exchangeServer(t, dsn)
		for _, f := range []struct{ kind, body string }{
			{"providers", providersCSV},
			{"accounts", "account_id;account_number;surname;address;settlement;housing\nA1;1001;Орлова;ул. Мира, 1;city;flat\n"},
			{"subaccounts", "subaccount_id;account_id;provider_id;number;services\nS1;A1;P1;0041300;electricity\n"},
			{"ledger", "entry_id;subaccount_id;period;kind;service;amount;posted_on;channel;note\n" +
				"L1;S1;2026-10;opening;;1200,00;2026-10-01;;\nL2;S1;2026-10;charge;electricity;845,30;2026-11-01;;\n"},
		} {
			r := httptest.NewRequest(http.MethodPost, "/api/exchange/v1/"+f.kind, strings.NewReader(f.body))
			r.Header.Set("Authorization", bearer)
			w := httptest.NewRecorder()
			h.ServeHTTP(w, r)
			if f.kind != "providers" && w.Code != http.StatusOK { // providers.csv has a bad line
				t.Fatalf("%s answered %d %s", f.kind, w.Code, w.Body)
			}
		}
		var ledger, stale int
		if err := db.SQL().QueryRowContext(ctx, `SELECT (SELECT COUNT(*) FROM ledger),
			(SELECT COUNT(*) FROM balances WHERE debts_at <> version)`).Scan(&ledger, &stale); err != nil {
			t.Fatal(err)
		}
		if ledger != 2 || stale != 0 {
			t.Errorf("after the ledger over HTTP: %d entries, %d kept balances stale; want 2 and none", ledger, stale)
		}
	})
}
