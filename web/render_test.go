package web

import (
	"maps"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"testing"

	"kabinet"
	"kabinet/auth"
	"kabinet/home"
	"kabinet/requests"
	"kabinet/web/htmltest"
)

// pageFixtures has one filled page struct per template in templates/pages.
// TestRenderEveryPage fails when a template has no fixture here.
func pageFixtures(s *Server, r *http.Request) map[string]page {
	base := s.portal.base(r, "Заголовок")
	fixtures := map[string]page{
		"login": &LoginPage{BasePage: base, Account: "ИЭСБК0041300",
			Notice: "Сообщение", Errors: map[string]string{"secret": "Ошибка"}},
		"password": &PasswordPage{BasePage: base, Account: "ИЭСБК0041300", By: "sms", Sent: true,
			Errors: map[string]string{"code": "Неверный код"}},
		"a11y":  &A11yPage{BasePage: base, Return: "/login"},
		"error": &ErrorPage{BasePage: base, Status: 500, Message: "Сбой", Detail: "detail"},
		"home": &HomePage{BasePage: base, FullName: "Петрова Анна Сергеевна", Account: "ИЭСБК0041300",
			Balances: []BalanceView{{SubAccount: "0041300", Label: "Задолженность перед ООО «Демо»", Amount: "1,00 ₽",
				Penalties: "0,00 ₽", Forecast: "Оплатите 1,00 ₽ до 10.12", PaymentsURL: "/a/1/payments?provider=1"}},
			Bills: []BillLink{{Period: "Октябрь 2026", URL: "/a/1/bills/2026-10.pdf"}}, SampleURL: "/a/1/bills/sample.pdf",
			Charts:   charts(home.Consumption(nil)),
			Services: ServicesPanel{Action: "/a/1/services", Errors: map[string]string{"phone": "Ошибка", "bill": "Ошибка"}},
			PayAll:   &PayAllForm{Total: 451230, Action: "/a/1/pay/all", Key: "k", Seen: 451230}, ChargesURL: "/a/1/charges"},
		"charges": &ChargesPage{BasePage: base, Account: "ИЭСБК0041300", Back: "/a/1/", StatementURL: "/a/1/statement",
			Providers: []ChargesView{{Provider: "ООО «Демо»", SubAccount: "0041300", Months: []ChargesRow{{Period: "Ноябрь 2026",
				BillURL: "/a/1/bills/2026-11.pdf", Opening: "1,00", Charged: "2,00", Adjustments: "0,00", Penalties: "0,00",
				Paid: "1,00", ToPay: "0,00", Overpaid: "3,00 ₽"}}}}},
		"payments": &PaymentsPage{BasePage: base, Account: "ИЭСБК0041300", Back: "/a/1/",
			Providers: []ProviderPaymentsView{{Provider: "ООО «Демо»", SubAccount: "0041300",
				Payments: []PaymentRow{{Date: "01.11.2026", Amount: "1,00 ₽", Channel: "Банк"}}}}},
		"notifications": &NotificationsPage{BasePage: base, Items: []NotificationView{{Time: "27.11.2026 10:00",
			Title: "Счет готов", Text: "Текст", Link: "/a/1/", New: true}}},
		"unsubscribe": &UnsubscribePage{BasePage: base, Token: "1.x", Error: "Ссылка повреждена"},
		"specialist": &SpecialistPage{BasePage: base, RequestForm: RequestForm{Action: "/a/1/specialist", Back: "/a/1/",
			Errors: map[string]string{"phone": "Ошибка"}}, Form: requests.SpecialistForm{FullName: "Петрова"},
			Services: []kabinet.Service{kabinet.ServiceElectricity}},
		"statement": &StatementPage{BasePage: base, RequestForm: RequestForm{Action: "/a/1/statement", Back: "/a/1/",
			Errors: map[string]string{"from": "Ошибка"}}, Services: []kabinet.Service{kabinet.ServiceHeat}},
		"documents": &DocumentsPage{BasePage: base, RequestForm: RequestForm{Action: "/a/1/documents", Back: "/a/1/",
			Errors: map[string]string{"files": "Ошибка"}}, Limits: requests.DefaultConfig()},
		"feedback": &FeedbackPage{BasePage: base, RequestForm: RequestForm{Action: "/feedback", Back: "/", Notice: "Много"},
			Branches: []*kabinet.Branch{{ID: 1, Name: "Правобережное отделение (г. Иркутск)"}}, Limits: requests.DefaultConfig()},
		"requests": &RequestsPage{BasePage: base, Links: []NavItem{{Label: "Вызов специалиста", URL: "/a/1/specialist"}},
			Items: []RequestItem{{Number: "ОБ-000001", Kind: "Обращение", Date: "27.11.2026", Deadline: "27.12.2026",
				Status: "Ответ дан", StatusClass: "answered", Answer: "Ответ", Files: []FileLink{{Name: "скан.pdf", URL: "/a/1/requests/1/files/1", Size: "1 Кб"}}}}},
		"register": &RegisterPage{BasePage: base, Account: "ИЭСБК0041300",
			Form: RegisterForm{Surname: "Петрова", By: "sms", Consent: true}, Errors: map[string]string{"email": "Ошибка"}},
		"consent": &ConsentPage{BasePage: base, Operator: testSupplier, Purposes: "цели", Version: "2026-11-01"},
		"pending": &PendingPage{BasePage: base, Account: "ИЭСБК0041300",
			Pending: auth.Pending{By: kabinet.ConfirmBySMS, Phone: "+7 (902) ***-**-11", CodeSent: true},
			Errors:  map[string]string{"code": "Неверный код"}},
		"confirmed": &ConfirmedPage{BasePage: base},
		"offline":   &OfflinePage{BasePage: base},
		"link":      &LinkPage{BasePage: base, Expired: true},
		"reset":     &ResetPage{BasePage: base, Token: "t", Errors: map[string]string{"confirm": "Пароли не совпадают."}},
		"profile": &ProfilePage{BasePage: withSwitcher(base, 2), Account: &kabinet.Account{ID: 7, Display: "10103001857",
			Surname: "Петрова", FirstName: "Анна", Address: "г. Иркутск", Rooms: 2, Area: 5430, Residents: 3},
			Holdings: []Holding{{Number: "10103001857", Provider: "ООО «БЭК»", Services: []string{"Теплоснабжение"}}},
			Linked: []LinkedAccount{{Label: "10103001857", Number: "10103001857", URL: "/a/7/profile", Current: true},
				{Label: "Дача", Number: "ИЭСБК0041300", URL: "/a/8/profile", UnlinkURL: "/a/8/unlink"}},
			Name: "Квартира", LinkAccount: "ИЭСБК", LinkNotice: "Неверный номер",
			Errors: map[string]string{"name": "Слишком длинно", "link-secret": "Укажите"}},
		"security": &SecurityPage{BasePage: withSwitcher(base, 2), Account: &kabinet.Account{ID: 7, Display: "10103001857"},
			Email: "ivanov@example.ru", Phone: "+7 (902) 555-00-11", Errors: map[string]string{"current": "Неверный текущий пароль."},
			Devices: []DeviceView{{Name: "Chrome, Windows", IP: "10.0.0.1", Since: "27.11.2026 10:00", Seen: "27.11.2026 10:05", Current: true},
				{Name: "Safari, iPhone", IP: "10.0.0.2", Since: "26.11.2026 09:00", Seen: "26.11.2026 09:30", EndURL: "/a/7/security/devices/0123456789abcdef/end"}}},
		"security_contact": &ContactPage{BasePage: base, Account: &kabinet.Account{ID: 7}, Phone: true, Current: "+7 (902) 555-00-11",
			Value: "+7 950", CodeSent: "+7 (950) 765-43-21", Errors: map[string]string{"phone": "Ошибка", "code": "Неверный код."}},
		"security_confirm": &ContactConfirmPage{BasePage: base, Token: "t"},
		"unlink": &UnlinkPage{BasePage: withSwitcher(base, 6), Label: "Дача", Number: "ИЭСБК0041300",
			Action: "/a/8/unlink", Back: "/a/8/profile"},
		"ask": &AskPage{BasePage: base, Facts: []Fact{{"Дата", "20.11.2026"}, {"Показание", "12500"}},
			Question: "Удалить это показание?", Action: "/a/1/readings/1/2/delete", Button: "Удалить показание", Back: "/a/1/readings"},
		"pay": &PayPage{BasePage: base, Account: "ИЭСБК0041300", Action: "/a/1/pay", Key: "k", Notice: "Сообщение", Total: 226246, Sum: 226246,
			AgentURL: "https://agent.example/?ls=1", OtherURL: "/pay", Payee: "П*****а А.", Carry: []Hidden{{"account", "1"}},
			Contact: Field{ID: "contact", Name: "contact", Label: "E-mail или телефон для чека", Type: "text", Error: "Ошибка"},
			Lines: []PayLine{{Provider: "ООО «Иркутскэнергосбыт»", Balance: kabinet.Balance{Debt: 226246, PenaltyPart: 1200},
				Field: Field{ID: "amount-1", Name: "amount-1", Label: "Сумма", Type: "text", Value: "2262,46", Error: "Ошибка"}},
				{Provider: "ООО «БЭК»", Balance: kabinet.Balance{Debt: -58}}},
			Autopay: &AutopayFields{On: Checkbox{ID: "autopay", Name: "autopay", Value: "1", Label: "Подключить автоплатеж", Checked: true},
				Mode: choice("autopay-mode", "Сумма", "cap", "", Option{Value: "full", Label: "Полная"}, Option{Value: "cap", Label: "Не более"}),
				Cap:  Field{ID: "autopay-cap", Name: "autopay-cap", Label: "Не более, ₽", Type: "text", Error: "Ошибка"},
				Day:  Field{ID: "autopay-day", Name: "autopay-day", Label: "День", Type: "text", Value: "15"}, Page: "/a/1/autopay",
				Current: &kabinet.AutopayRule{Card: "411111**1111", Mode: kabinet.AutopayCap, Cap: 500000, Day: 15}}},
		"autopay": &AutopayPage{BasePage: base, Account: "ИЭСБК0041300", Active: true, PayURL: "/a/1/pay", OffURL: "/a/1/autopay/off",
			Rule:    &kabinet.AutopayRule{Card: "411111**1111", Mode: kabinet.AutopayFull, Day: 15, State: kabinet.AutopayActive},
			Charges: []AutopayRow{{Date: "15.12.2026", Period: "ноябрь 2026", Amount: "1 500,00 ₽", State: "Списано"}}},
		"payother": &PayOtherPage{BasePage: base, Account: "ИЭСБК0041300", Surname: "Петрова", Notice: "Сообщение",
			Errors: map[string]string{"surname": "Ошибка"}},
		"sbp": &SBPPage{BasePage: base, Order: &kabinet.PaymentOrder{Number: "K1", Amount: 100}, QR: "data:image/png;base64,AA==",
			Link: "https://qr.nspk.ru/AD1?type=02", SBPStatus: SBPStatus{Text: "Ожидаем оплату."}, StatusURL: "/payments/sbp/K1/status",
			Refresh: 5, Back: "/", History: "/a/1/payments"},
		"payment": &PaymentPage{BasePage: base, Order: &kabinet.PaymentOrder{Number: "K1", Amount: 100}, Status: "Оплачено",
			Paid: true, Card: "411111**1111", Back: "/"},
		"readings": &ReadingsPage{BasePage: base, Account: "10103001857", Services: []Tab{{Label: "Электроэнергия", URL: "/a/1/readings", Current: true}},
			Service: "Электроэнергия", Meters: []Tab{{Label: "Нева, № 1", URL: "/a/1/readings?meter=1"}, {Label: "Нева, № 2", URL: "/a/1/readings?meter=2"}},
			Card: &MeterCard{Type: "Нева", Serial: "1", Info: []Fact{{"Класс точности", "1,0"}}, Warning: "Поверка", Overdue: true,
				Columns: []string{"Показание, день"}, Span: 6, Rows: []HistoryRow{{Date: "20.11.2026", Values: []string{"1"}, DeleteURL: "/a/1/readings/1/2/delete"}},
				Window: "До 25 числа", Late: true, Form: ReadingForm{Action: "/a/1/readings/1", Date: "27.11.2026",
					Inputs: []ReadingInput{{ID: "reading-v0", Name: "v0", Label: "Показание, день", Invalid: true}}, Problem: "Ошибка",
					Confirm: "high", ConfirmLabel: "Верно", Confirmed: []string{"rollover"}},
				Receipt: &ReceiptView{Number: "1", At: "27.11.2026 10:00:00", Values: "1", Period: "декабрь 2026", Late: true,
					Preview: "≈ 1 ₽", TierWarning: "Ступень", DeleteURL: "/a/1/readings/1/1/delete"}}},
		"outbox": &OutboxPage{BasePage: base, Mail: true, Messages: []OutboxMessage{{Time: "2026-11-27 10:00:00 UTC",
			Recipient: "a@example.ru", Subject: "Тема", Status: "queued", Body: linkify("Ссылка: http://x.test/a?token=1 .")}}},
	}
	maps.Copy(fixtures, officePageFixtures(base))
	return fixtures
}

// withSwitcher gives a page n accounts in the header's switcher, the first
// of them current.
func withSwitcher(base BasePage, n int) BasePage {
	base.Accounts = nil
	for i := range n {
		base.Accounts = append(base.Accounts, SwitchItem{Label: "Счет " + strconv.Itoa(i), Number: "ИЭСБК00413" + strconv.Itoa(i),
			URL: "/a/" + strconv.Itoa(i+1) + "/", Current: i == 0})
	}
	return base
}

func TestRenderEveryPage(t *testing.T) {
	s := MustServer(t, nil)
	r := httptest.NewRequest(http.MethodGet, "/profile", nil)
	fixtures := pageFixtures(s, r)
	names := s.pages.names()
	slices.Sort(names)
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			p, ok := fixtures[name]
			if !ok {
				t.Fatalf("no fixture for page %q", name)
			}
			for _, signedIn := range []bool{false, true} {
				p.base().SignedIn = signedIn
				w := httptest.NewRecorder()
				if err := s.render(w, http.StatusOK, name, p); err != nil {
					t.Fatal(err)
				}
				checkLayout(t, htmltest.Parse(t, w.Body.Bytes()), signedIn)
			}
		})
	}
}

// checkLayout checks what every page shares: language, title, header with
// the supplier's name, one h1, the main landmark and the footer's phone.
func checkLayout(t *testing.T, d *htmltest.Doc, signedIn bool) {
	t.Helper()
	if lang, _ := htmltest.Attr(d.One("html"), "lang"); lang != "ru" {
		t.Errorf("lang = %q", lang)
	}
	if got := d.Text("title"); got != "Заголовок — "+testSupplier {
		t.Errorf("title = %q", got)
	}
	if got := d.Text("header .brand-name"); got != testSupplier {
		t.Errorf("brand = %q", got)
	}
	d.One("h1")
	d.One("main#main")
	d.One(`a.skip-link[href="#main"]`)
	d.One(`footer a[href="tel:+78001009777"]`)
	if got := d.Text("footer .footer-phone"); got != "8-800-100-9777" {
		t.Errorf("phone = %q", got)
	}
	if len(d.Find(`header nav.office-nav`)) > 0 {
		checkOfficeNav(t, d)
		return
	}
	nav := d.Find(`header nav .nav-list a`)
	if !signedIn {
		if len(nav) > 0 {
			t.Error("customer navigation shown to a visitor")
		}
		return
	}
	var labels []string
	for _, a := range nav {
		labels = append(labels, htmltest.Text(a))
	}
	if want := []string{"Главная", "Передать показания", "Личные данные"}; !slices.Equal(labels, want) {
		t.Errorf("nav = %q, want %q", labels, want)
	}
	d.One(`header nav a[href="/profile"][aria-current=page]`)
	if got := d.Text(`header nav form[method=post][action="/logout"] button`); got != "Выход" {
		t.Errorf("exit = %q", got)
	}
}

func TestErrorPages(t *testing.T) {
	h := MustServer(t, nil).Handler()
	t.Run("NotFoundInRussian", func(t *testing.T) {
		w := get(t, h, "/no/such/page")
		wantStatus(t, w, http.StatusNotFound)
		if got := doc(t, w).Text("h1"); got != "Страница не найдена" {
			t.Errorf("h1 = %q", got)
		}
	})
	t.Run("PasswordPageIsNoDeadEnd", func(t *testing.T) {
		w := get(t, h, "/password")
		wantStatus(t, w, http.StatusOK)
		doc(t, w).One(`main a.form-link[href="/login"]`)
	})
}
