package exchangeapi_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

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
