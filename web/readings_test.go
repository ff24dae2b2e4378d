package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/alexedwards/argon2id"

	"kabinet"
	"kabinet/web/htmltest"
)

// metered creates a registered city flat supplied with electricity and
// heat, with a single-rate 5-digit meter read at 12345 on 20.10.2026.
func (p *portal) metered(tb testing.TB, number, pw string) (*kabinet.Account, *kabinet.Meter) {
	tb.Helper()
	ctx := context.Background()
	prov := &kabinet.Provider{Code: "P" + number, Name: "ООО «Демо-Энергосбыт»", INN: "3801999990", KPP: "380101001",
		BankName: "Банк", BIC: "042520607", CorrespAcc: "30101810900000000607", PersonalAcc: "40702810818350001234",
		Services: []kabinet.Service{kabinet.ServiceElectricity, kabinet.ServiceHeat}}
	if err := p.db.CreateProvider(ctx, prov); err != nil {
		tb.Fatal(err)
	}
	sub := &kabinet.SubAccount{ProviderID: prov.ID, Number: number, Services: prov.Services}
	a := &kabinet.Account{Number: kabinet.MustParseAccountNumber(number), Display: number, Surname: "Иванов",
		FirstName: "Иван", Address: "г. Иркутск, ул. Ленина, д. 5, кв. 12", Settlement: kabinet.SettlementCity,
		Housing: kabinet.HousingFlat, Residents: 2}
	if err := p.db.CreateAccount(ctx, a, []*kabinet.SubAccount{sub}); err != nil {
		tb.Fatal(err)
	}
	hash, _ := argon2id.CreateHash(pw, cheapArgon)
	u := &kabinet.User{PasswordHash: hash, Email: number + "@example.ru", ConfirmBy: kabinet.ConfirmByEmail, ConfirmedAt: p.clock.Now()}
	if err := p.db.CreateUser(ctx, u, a.ID); err != nil {
		tb.Fatal(err)
	}
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	m := &kabinet.Meter{AccountID: a.ID, SubAccountID: sub.ID, Service: kabinet.ServiceElectricity, Model: "ЦЭ 6807П",
		Serial: "007128-286", Zoning: kabinet.ZoningSingle, Digits: 5, AccuracyClass: "2", Ratio: 1, Phases: 1,
		InstalledOn: day(2012, 3, 27), VerifiedOn: day(2009, 1, 1), NextVerifiedOn: day(2025, 1, 1)}
	if err := p.db.CreateMeter(ctx, m); err != nil {
		tb.Fatal(err)
	}
	r := &kabinet.Reading{MeterID: m.ID, TakenOn: day(2026, 10, 20), Period: kabinet.Period{Year: 2026, Month: 10},
		Values: []int64{12345}, Consumption: []int64{200}, Source: kabinet.SourcePhone, Status: kabinet.ReadingCalculated}
	if err := p.db.CreateReading(ctx, r); err != nil {
		tb.Fatal(err)
	}
	return a, m
}

func TestReadings(t *testing.T) {
	p := newPortal(t, "http://portal.test", Config{})
	a, m := p.metered(t, "10103001857", "demo2026-secret")
	page := accountPath(a, "readings")
	form := accountPath(a, "readings/"+strconv.FormatInt(m.ID, 10))
	customer := newAgent(t, p.Handler())
	customer.post("/login", url.Values{"account": {"10103001857"}, "secret": {"demo2026-secret"}})

	t.Run("MeterCard", func(t *testing.T) {
		d := doc(t, customer.get(page))
		d.One(`.tabs a[aria-current=page]`)
		if got := d.Text(".meter-card"); !strings.Contains(got, "ЦЭ 6807П") || !strings.Contains(got, "007128-286") ||
			!strings.Contains(got, "Знаков до запятой: 5, после запятой: 0") || !strings.Contains(got, "Срок поверки прибора учета истёк 01.01.2025") {
			t.Errorf("meter card: %q", got)
		}
		if got := d.Text(".reading-form h3"); got != "Новое показание на 27.11.2026" {
			t.Errorf("form heading %q", got)
		}
		if got := d.Text(".window-note"); !strings.Contains(got, "будет учтено в расчёте за декабрь 2026") {
			t.Errorf("after the 25th the page says %q", got)
		}
	})

	t.Run("NoMeters", func(t *testing.T) {
		d := doc(t, customer.get(page+"?service=heat"))
		if got := d.Text(".no-meters"); got != "Нет зарегистрированных приборов учета" {
			t.Errorf("heat: %q", got)
		}
	})

	t.Run("ErrDigitsExceededKeepsInput", func(t *testing.T) {
		w := customer.post(form, url.Values{"v0": {"123456"}})
		wantStatus(t, w, http.StatusUnprocessableEntity)
		d := doc(t, w)
		if got := d.Text(".reading-submit .reading-problem[role=alert]"); !strings.Contains(got, "5 знаков до запятой, введено 6") {
			t.Errorf("problem %q", got)
		}
		if v, _ := oneAttr(d, "#reading-v0", "value"); v != "123456" {
			t.Errorf("input not kept: %q", v)
		}
	})

	t.Run("HighNeedsTheTick", func(t *testing.T) {
		w := customer.post(form, url.Values{"v0": {"19000"}})
		wantStatus(t, w, http.StatusUnprocessableEntity)
		doc(t, w).One(`#reading-confirm[name=confirm][value=high]`)
	})

	var receipt string
	t.Run("SubmitShowsReceiptAndRow", func(t *testing.T) {
		w := customer.post(form, url.Values{"v0": {"12 500"}})
		wantStatus(t, w, http.StatusSeeOther)
		receipt = strings.TrimSuffix(w.Header().Get("Location"), "#receipt") // browsers keep the fragment
		d := doc(t, customer.get(receipt))
		if got := d.Text("#receipt .receipt-time"); got != "27.11.2026 18:00:00 (UTC+8)" {
			t.Errorf("receipt time %q", got)
		}
		if got := d.Text("#receipt .receipt-period"); !strings.Contains(got, "войдёт в расчёт за декабрь 2026, а не за ноябрь 2026") {
			t.Errorf("receipt period %q", got)
		}
		if got := d.Text("#receipt .preview"); !strings.Contains(got, "составит ≈") || !strings.Contains(got, "расход 155 кВт·ч") {
			t.Errorf("preview %q", got)
		}
		if got := htmltest.Text(d.Find(".readings-table tbody tr")[0]); !strings.Contains(got, "27.11.2026") || !strings.Contains(got, "12500") ||
			!strings.Contains(got, "Через Личный кабинет") || !strings.Contains(got, "Принято") {
			t.Errorf("history row %q", got)
		}
	})

	t.Run("SameDayReplaces", func(t *testing.T) {
		// The replacement is a new reading with a new receipt number: a
		// number is never given to two readings.
		w := customer.post(form, url.Values{"v0": {"12510"}})
		replaced := receipt
		receipt = strings.TrimSuffix(w.Header().Get("Location"), "#receipt")
		if receipt == replaced || doc(t, customer.get(replaced)).Has("#receipt") {
			t.Errorf("the replacement kept the receipt %s", replaced)
		}
		d := doc(t, customer.get(page))
		if n := len(d.Find(".readings-table td form")); n != 1 {
			t.Errorf("%d deletable rows after a second reading today, want 1", n)
		}
	})

	t.Run("AnotherSessionCannotDelete", func(t *testing.T) {
		other := newAgent(t, p.Handler())
		other.post("/login", url.Values{"account": {"10103001857"}, "secret": {"demo2026-secret"}})
		d := doc(t, other.get(receipt))
		if d.Has("#receipt form") || d.Has(".readings-table td form") {
			t.Error("another session is offered to delete")
		}
		action, _ := oneAttr(doc(t, customer.get(receipt)), "#receipt form", "action")
		wantStatus(t, other.post(action, nil), http.StatusConflict)
	})

	t.Run("DeleteThenSubmitAgain", func(t *testing.T) {
		action, _ := oneAttr(doc(t, customer.get(receipt)), "#receipt form", "action")
		d := doc(t, customer.settle(customer.post(action, nil)))
		if got := d.Text("main > .notice-success"); got != "Показание удалено." {
			t.Errorf("flash %q", got)
		}
		if d.Has(".readings-table td form") {
			t.Error("the deleted reading is still listed")
		}
		wantStatus(t, customer.post(form, url.Values{"v0": {"12520"}}), http.StatusSeeOther)
	})

	t.Run("SignOutEndsDeleting", func(t *testing.T) {
		customer.post("/logout", nil)
		customer.post("/login", url.Values{"account": {"10103001857"}, "secret": {"demo2026-secret"}})
		if doc(t, customer.get(page)).Has(".readings-table td form") {
			t.Error("after signing out and in again the reading can still be deleted")
		}
	})

	t.Run("OtherCustomersMeter", func(t *testing.T) {
		b, _ := p.metered(t, "ИЭСБК0041300", "Байкал-2026-омуль")
		other := newAgent(t, p.Handler())
		other.post("/login", url.Values{"account": {"ИЭСБК0041300"}, "secret": {"Байкал-2026-омуль"}})
		wantStatus(t, other.post(accountPath(b, "readings/"+strconv.FormatInt(m.ID, 10)), url.Values{"v0": {"1"}}), http.StatusNotFound)
		wantStatus(t, other.get(accountPath(b, "readings")+"?meter="+strconv.FormatInt(m.ID, 10)), http.StatusNotFound)
	})
}

func TestReadingsBeforeThe25th(t *testing.T) {
	p := newPortal(t, "http://portal.test", Config{})
	p.clock.now = time.Date(2026, 11, 25, 15, 59, 59, 0, time.UTC) // 23:59:59 in Irkutsk
	a, m := p.metered(t, "10103001857", "demo2026-secret")
	customer := newAgent(t, p.Handler())
	customer.post("/login", url.Values{"account": {"10103001857"}, "secret": {"demo2026-secret"}})
	d := doc(t, customer.get(accountPath(a, "readings")))
	if got := d.Text(".window-note"); !strings.Contains(got, "до 25.11.2026 включительно, войдёт в расчёт за ноябрь 2026") {
		t.Errorf("window note %q", got)
	}
	w := customer.post(accountPath(a, "readings/"+strconv.FormatInt(m.ID, 10)), url.Values{"v0": {"12500"}})
	if got := doc(t, customer.get(strings.TrimSuffix(w.Header().Get("Location"), "#receipt"))).Text("#receipt .receipt-period"); got != "Показание войдёт в расчёт за ноябрь 2026." {
		t.Errorf("receipt says %q", got)
	}
}

func TestReadingsHistoryFilter(t *testing.T) {
	p := newPortal(t, "http://portal.test", Config{})
	a, m := p.metered(t, "10103001857", "demo2026-secret")
	customer := newAgent(t, p.Handler())
	customer.post("/login", url.Values{"account": {"10103001857"}, "secret": {"demo2026-secret"}})
	base := accountPath(a, "readings") + "?meter=" + strconv.FormatInt(m.ID, 10)
	for _, c := range []struct {
		name, query, caption string
		rows                 int
		err                  bool
	}{
		{"Default", "", "Показания с 01.07.2026 по 27.11.2026", 1, false},
		{"DateInput", "&from=2026-11-01&to=2026-11-27", "Показания с 01.11.2026 по 27.11.2026", 0, false},
		{"TypedDates", "&from=01.10.2026&to=31.10.2026", "Показания с 01.10.2026 по 31.10.2026", 1, false},
		{"Swapped", "&from=2026-11-27&to=2026-10-01", "Показания с 01.10.2026 по 27.11.2026", 1, true},
		{"Nonsense", "&from=вчера", "Показания с 01.07.2026 по 27.11.2026", 1, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			d := doc(t, customer.get(base+c.query))
			if got := d.Text(".readings-table caption"); got != c.caption {
				t.Errorf("caption %q, want %q", got, c.caption)
			}
			rows := len(d.Find(".readings-table tbody tr td.num")) / 2
			if rows != c.rows || d.Has(".history-filter .field-error") != c.err {
				t.Errorf("%d rows, error shown %v", rows, d.Has(".history-filter .field-error"))
			}
		})
	}
	d := doc(t, customer.get(base+"&from=2026-07-01&to=2026-11-27"))
	if year, _ := htmltest.Attr(d.Find(".shortcut")[0], "href"); !strings.Contains(year, "from=2025-07-01&to=2026-11-27") {
		t.Errorf("«< Год» → %q", year)
	}
}

// oneAttr returns an attribute of the one element matching selector.
func oneAttr(d *htmltest.Doc, selector, name string) (string, bool) {
	return htmltest.Attr(d.One(selector), name)
}
