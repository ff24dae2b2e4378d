package web

import (
	"testing"

	"kabinet"
	"kabinet/office"

	"kabinet/web/htmltest"
)

// officePageFixtures has one filled page struct per back-office template,
// with the office's header; TestRenderEveryPage renders them.
func officePageFixtures(base BasePage) map[string]page {
	base.Office = &OfficeHeader{Name: "Смирнова Ольга", Role: "Администратор",
		Nav: []NavItem{{Label: "Лицевые счета", URL: "/office/accounts", Current: true}, {Label: "Журнал аудита", URL: "/office/audit"}}}
	return map[string]page{
		"office_login": &OfficeLoginPage{BasePage: base, Login: "operator", Notice: "Неверный логин, пароль или код подтверждения.",
			Errors: map[string]string{"code": "Укажите код"}},
		"office_password": &OfficePasswordPage{BasePage: base, Forced: true, Errors: map[string]string{"confirm": "Пароли не совпадают."}},
		"office_accounts": &OfficeAccountsPage{BasePage: base, Query: "иванов", Searched: true,
			Results: []OfficeAccountRow{{URL: "/office/accounts/1", Number: "10103001857", Name: "Иванов Иван Иванович", Address: "г. Иркутск"}}},
		"office_account": &OfficeAccountPage{BasePage: base, Number: "10103001857", Name: "Иванов Иван Иванович", Address: "г. Иркутск",
			Home: "квартира", DeleteAction: "/office/accounts/1/registration/delete", DeleteError: "Отметьте",
			Providers: []OfficeProviderView{{Provider: "ООО «Демо»", SubAccount: "0041300", Debt: "1,00 ₽",
				Ledger: []OfficeLedgerRow{{Date: "01.11.2026", Period: "октябрь 2026", Kind: "Оплата", Amount: "-1,00 ₽", Channel: "Банк"}}}},
			Meters: []OfficeMeterView{{Title: "Электроэнергия: Меркурий № 1", Zones: []string{"День", "Ночь"},
				Readings: []OfficeReadingRow{{Date: "20.11.2026", Period: "ноябрь 2026", Source: "Контрольное", Status: "Принято",
					Zones: []OfficeZoneCell{{"100", "10"}, {"50", "5"}}}}}},
			Registration: &OfficeUserView{Email: "ivanov@example.ru", Status: "Подтверждена"},
			Users:        []OfficeUserView{{Email: "ivanov@example.ru", Relation: "Владелец"}}},
		"office_requests": &OfficeQueuePage{BasePage: base, KindTitle: "Обращения",
			Kinds:    []NavItem{{Label: "Обращения", URL: "/office/requests?kind=feedback", Current: true}},
			Statuses: []NavItem{{Label: "Все", URL: "/office/requests?kind=feedback", Current: true}},
			Rows: []OfficeQueueRow{{URL: "/office/requests/1", Number: "ОБ-000001", Date: "27.11.2026", Age: "31 дн.", Deadline: "27.12.2026",
				Name: "Петров", Topic: "Тема", Channel: "Телефон", Phone: true, Status: "Принято", StatusClass: "open", Assignee: "—", Overdue: true},
				{URL: "/office/requests/2", Number: "ОБ-000002", Status: "В работе", StatusClass: "open", DueSoon: true}}},
		"office_request": &OfficeRequestPage{BasePage: base, ID: 1, Number: "ОБ-000001", Kind: "Обращение", Status: "Принято",
			StatusClass: "open", Open: true, Overdue: true, Action: "/office/requests/1", Facts: []Fact{{"ФИО", "Петров"}},
			Files:  []FileLink{{Name: "скан.pdf", Size: "1 Кб", URL: "/office/requests/1/files/1"}},
			Errors: map[string]string{"answer": "Напишите ответ."}, status: "new", me: 2},
		"office_audit": &OfficeAuditPage{BasePage: base, Operators: []Option{{Value: "", Label: "Все операторы", Checked: true}},
			Errors: map[string]string{"from": "Укажите дату"}, Limited: true,
			Entries: []OfficeAuditRow{{At: "27.11.2026 10:00:00", Operator: "operator", Action: "Просмотр лицевого счета",
				Account: "10103001857", AccountURL: "/office/accounts/1", IP: "127.0.0.1"}}},
		"office_broadcasts": &OfficeBroadcastsPage{BasePage: base, Districts: []string{"Кировский"},
			Draft:  office.BroadcastDraft{Title: "Отключение", Audience: kabinet.AudienceList, List: "1\n2"},
			Errors: map[string]string{"list": "Не найдены лицевые счета: строка 1 «1»."},
			Broadcasts: []OfficeBroadcastRow{{URL: "/office/broadcasts/1", Number: "1", Created: "27.11.2026 10:00", Title: "Отключение",
				Audience: "всем", Status: "Черновик"}}},
		"office_broadcast": &OfficeBroadcastPage{BasePage: base, Number: "1", Subject: "Отключение", Text: "Завтра\nс 10 до 12",
			Audience: "район «Кировский»", Status: "Отправляется", Sent: true, Total: 10, Batches: 2, BatchesDone: 1, Percent: 50, Informed: 5},
	}
}

// checkOfficeNav checks the back office's menu: its own sections and its
// own «Выход», nothing of the customer's.
func checkOfficeNav(t *testing.T, d *htmltest.Doc) {
	t.Helper()
	d.One(`header nav.office-nav a[href="/office/accounts"][aria-current=page]`)
	if got := d.Text(`header nav form[method=post][action="/office/logout"] button`); got != "Выход" {
		t.Errorf("exit = %q", got)
	}
	if n := len(d.Find(`header a[href="/notifications"], header a[href^="/a11y"], header form[action="/logout"]`)); n > 0 {
		t.Errorf("%d customer links in the back office's header", n)
	}
	if got := d.Text(`header .brand-sub`); got != "Рабочее место оператора" {
		t.Errorf("brand-sub = %q", got)
	}
}
