package main

import (
	"context"
	"fmt"
	"html"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"kabinet"
	"kabinet/auth"
	"kabinet/cmd/kabinet/app"
	"kabinet/sqlstore"
)

// pageReader serves one world's database through the application as the
// kabinet command builds it (app.New, without its workers, so nothing
// changes the world while it is read), on a clock stopped at testNow, and
// reads a customer's pages as text.
type pageReader struct {
	t    *testing.T
	db   *sqlstore.DB
	site http.Handler
}

func newPageReader(t *testing.T, dsn string, builtinBilling bool) *pageReader {
	t.Helper()
	ctx := context.Background()
	cfg := app.DefaultConfig()
	cfg.DB = dsn
	db, q, err := app.Open(ctx, cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	cfg.Data, cfg.BaseURL, cfg.BuiltinBilling = t.TempDir(), "http://kabinet.test", builtinBilling
	cfg.Clock = func() time.Time { return testNow }
	a, err := app.New(ctx, cfg, db, q, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatalf("app.New: %v", err)
	}
	return &pageReader{t: t, db: db, site: a.Site}
}

// customerPages is what a customer of the account numbered number sees on
// its pages, page by page, as text: «Главная» (debts, penalties and their
// forecast per provider, the bills), «Начисления и оплаты», «История
// оплат», «Передать показания» for every service and meter, the account's
// card of «Личные данные», and the act (акт сверки) of each service as a
// PDF's text.
func (p *pageReader) customerPages(number string) map[string]string {
	p.t.Helper()
	acc, cookie := p.signIn(number)
	root := "/a/" + strconv.FormatInt(acc.ID, 10) + "/"
	pages := map[string]string{}
	for name, path := range map[string]string{"Главная": root, "Начисления": root + "charges", "История оплат": root + "payments"} {
		pages[name] = mainText(p.get(path, cookie))
	}
	// «Личные данные»: only the account's card (owner, address, rooms,
	// area, residents, providers). Its other cards are the registration's
	// contacts and linked accounts: Kabinet's own, not the billing's.
	card := section(p.get(root+"profile", cookie), "profile-title")
	if card == "" {
		p.t.Fatalf("%s: «Личные данные» has no card of the account", number)
	}
	pages["Личные данные"] = mainText(card)
	p.readingsPages(pages, root+"readings", cookie)
	for _, svc := range []kabinet.Service{kabinet.ServiceElectricity, kabinet.ServiceHeat} {
		pages["Акт сверки "+string(svc)] = p.act(root+"statement", cookie, acc, svc)
	}
	return pages
}

// signIn starts a session for the account's owner, registering one (a
// confirmed user) when the account has none, as the imported world's
// accounts have not: registrations are Kabinet's own, not the billing's.
func (p *pageReader) signIn(number string) (*kabinet.Account, *http.Cookie) {
	p.t.Helper()
	ctx := context.Background()
	acc, err := p.db.FindAccountByNumber(ctx, kabinet.MustParseAccountNumber(number))
	if err != nil {
		p.t.Fatal(err)
	}
	u, err := p.db.FindOwner(ctx, acc.ID)
	if kabinet.ErrorCode(err) == kabinet.ENOTFOUND {
		u = &kabinet.User{Email: fmt.Sprintf("roundtrip%d@example.ru", acc.ID), ConfirmBy: kabinet.ConfirmByEmail, ConfirmedAt: testNow}
		err = p.db.CreateUser(ctx, u, acc.ID)
	}
	if err != nil {
		p.t.Fatal(err)
	}
	token, hash := auth.NewToken()
	s := &kabinet.Session{TokenHash: hash, UserID: u.ID, AccountID: acc.ID, CreatedAt: testNow, SeenAt: testNow, IP: "127.0.0.1"}
	if err := p.db.CreateSession(ctx, s); err != nil {
		p.t.Fatal(err)
	}
	return acc, &http.Cookie{Name: "kabinet_session", Value: token}
}

func (p *pageReader) get(path string, cookie *http.Cookie) string {
	p.t.Helper()
	return p.do(httptest.NewRequest(http.MethodGet, "http://kabinet.test"+path, nil), cookie)
}

func (p *pageReader) do(r *http.Request, cookie *http.Cookie) string {
	p.t.Helper()
	r.AddCookie(cookie)
	w := httptest.NewRecorder()
	p.site.ServeHTTP(w, r)
	if w.Code != http.StatusOK {
		p.t.Fatalf("%s %s: %d\n%.2000s", r.Method, r.URL, w.Code, w.Body.String())
	}
	return w.Body.String()
}

var (
	serviceTab = regexp.MustCompile(`<a class="tab" href="([^"]+)"`)
	meterList  = regexp.MustCompile(`(?s)<nav class="meter-list".*?</nav>`)
	link       = regexp.MustCompile(`href="([^"]+)"`)
)

// readingsPages adds «Передать показания» of each service, and within it
// of each meter, in the order the page lists them, each with its whole
// history (the page shows the last months unless asked). The links carry
// the meters' IDs, which are each database's own; the pages are named by
// their place in the lists.
func (p *pageReader) readingsPages(pages map[string]string, path string, cookie *http.Cookie) {
	first := p.get(path, cookie)
	tabs := serviceTab.FindAllStringSubmatch(first, -1)
	if len(tabs) == 0 {
		tabs = [][]string{{"", path}}
	}
	for i, tab := range tabs {
		page := p.get(wholeHistory(tab[1]), cookie)
		pages[fmt.Sprintf("Показания, услуга %d", i+1)] = mainText(page)
		for j, m := range link.FindAllStringSubmatch(meterList.FindString(page), -1) {
			pages[fmt.Sprintf("Показания, услуга %d, прибор %d", i+1, j+1)] = mainText(p.get(wholeHistory(m[1]), cookie))
		}
	}
}

// wholeHistory is a readings page's link asking for the history from 2020.
func wholeHistory(href string) string {
	u := html.UnescapeString(href)
	if strings.Contains(u, "?") {
		return u + "&from=2020-01-01"
	}
	return u + "?from=2020-01-01"
}

// act downloads the act (акт сверки) of a service from the start of the
// year to today, as the form offers it, and returns its text: the page
// with the form's reason when the account has no such service.
func (p *pageReader) act(path string, cookie *http.Cookie, acc *kabinet.Account, svc kabinet.Service) string {
	p.t.Helper()
	form := url.Values{"do": {"download"}, "full_name": {acc.FullName()}, "address": {acc.Address}, "service": {string(svc)},
		"from": {"2026-01-01"}, "to": {testNow.Format(time.DateOnly)}}
	r := httptest.NewRequest(http.MethodPost, "http://kabinet.test"+path, strings.NewReader(form.Encode()))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	r.AddCookie(cookie)
	w := httptest.NewRecorder()
	p.site.ServeHTTP(w, r)
	if w.Header().Get("Content-Type") == "application/pdf" {
		return pdfText(p.t, w.Body.Bytes())
	}
	return strconv.Itoa(w.Code) + " " + mainText(w.Body.String())
}

// section is the <section> of a page labelled by the heading with ID id.
func section(page, id string) string {
	i := strings.Index(page, `<section class="card" aria-labelledby="`+id+`">`)
	if i < 0 {
		return ""
	}
	j := strings.Index(page[i:], "</section>")
	if j < 0 {
		return page[i:]
	}
	return page[i : i+j]
}

var (
	scripts = regexp.MustCompile(`(?is)<(script|style|svg)\b.*?</(script|style|svg)>`)
	tags    = regexp.MustCompile(`(?s)<[^>]*>`)
)

// mainText is the text of a page's <main>, tags stripped (with them every
// attribute: links and form fields carry each database's own IDs of
// accounts and meters and the page's anti-forgery keys), entities
// decoded and white space made single spaces.
func mainText(page string) string {
	if i := strings.Index(page, "<main"); i >= 0 {
		page = page[i:]
	}
	if i := strings.Index(page, "</main>"); i >= 0 {
		page = page[:i]
	}
	page = tags.ReplaceAllString(scripts.ReplaceAllString(page, " "), " ")
	return strings.Join(strings.Fields(html.UnescapeString(page)), " ")
}

// pageDifferences compares the original world's pages of an account with
// the imported world's, and names each that differs with its first
// difference.
func pageDifferences(number string, want, got map[string]string) []string {
	var diffs []string
	for name, w := range want {
		g, ok := got[name]
		if !ok {
			diffs = append(diffs, fmt.Sprintf("%s: the imported world has no page %q", number, name))
		} else if w != g {
			diffs = append(diffs, fmt.Sprintf("%s, %s: the imported world's page differs from the original's:\n%s", number, name, firstDifference(w, g)))
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			diffs = append(diffs, fmt.Sprintf("%s: the imported world has a page %q the original has not", number, name))
		}
	}
	sort.Strings(diffs)
	return diffs
}

// firstDifference shows both texts around where they part.
func firstDifference(want, got string) string {
	i := 0
	for i < len(want) && i < len(got) && want[i] == got[i] {
		i++
	}
	from := max(0, i-200)
	return fmt.Sprintf("original: …%s\nimported: …%s", clip(want, from, i+300), clip(got, from, i+300))
}

func clip(s string, from, to int) string {
	for from > 0 && from < len(s) && s[from]&0xC0 == 0x80 {
		from--
	}
	to = min(to, len(s))
	for to < len(s) && s[to]&0xC0 == 0x80 {
		to++
	}
	if from > to {
		return ""
	}
	return s[from:to]
}
