package web

import (
	"net/http"
	"strconv"
	"strings"

	"kabinet"
	"kabinet/office"
)

// OfficeAccountsPage is the account look-up: by number, the owner's name
// or words of the address.
type OfficeAccountsPage struct {
	BasePage
	Query    string
	Searched bool
	Results  []OfficeAccountRow
}

// OfficeAccountRow is one account found.
type OfficeAccountRow struct{ URL, Number, Name, Address string }

// QueryField is the search box.
func (p *OfficeAccountsPage) QueryField() Field {
	return Field{ID: "q", Name: "q", Label: "Номер лицевого счета, фамилия или адрес", Type: "search", Value: p.Query,
		Hint: "Например, 10103001857, «Иванов Иван» или «Ленина 5»"}
}

// handleOfficeAccounts looks accounts up (?q=). The query travels in the
// URL so that a result can be linked and the back button works; the
// request log records the route only, never the query.
func (s *officeSite) handleOfficeAccounts(w http.ResponseWriter, r *http.Request, o *kabinet.Operator) error {
	p := &OfficeAccountsPage{BasePage: s.base(r, "Лицевые счета"), Query: strings.TrimSpace(r.URL.Query().Get("q"))}
	if p.Query != "" {
		found, err := s.office.Search(r.Context(), o, p.Query, s.officeClient(r))
		if err != nil {
			return err
		}
		p.Searched = true
		for _, a := range found {
			p.Results = append(p.Results, OfficeAccountRow{URL: officeAccountPath(a.ID), Number: a.Display, Name: a.FullName(), Address: a.Address})
		}
	}
	return s.render(w, http.StatusOK, "office_accounts", p)
}

func officeAccountPath(id int64) string { return "/office/accounts/" + strconv.FormatInt(id, 10) }

// OfficeAccountPage is an account as the back office sees it.
type OfficeAccountPage struct {
	BasePage
	Number, Name, Address, District, Phone, Email, Home string
	Providers                                           []OfficeProviderView
	Meters                                              []OfficeMeterView
	// Registration is the owner's registration, nil if none.
	Registration *OfficeUserView
	Users        []OfficeUserView
	Informing    OfficeInformingView
	DeleteAction string
	DeleteError  string
}

// OfficeProviderView is a provider's sub-account with its balance and
// newest ledger entries.
type OfficeProviderView struct {
	Provider, SubAccount, Debt string
	Ledger                     []OfficeLedgerRow
}

// OfficeLedgerRow is one ledger entry.
type OfficeLedgerRow struct{ Date, Period, Kind, Amount, Channel string }

// OfficeMeterView is a meter with its newest readings.
type OfficeMeterView struct {
	Title    string
	Zones    []string
	Readings []OfficeReadingRow
}

// OfficeReadingRow is one reading: a value and a consumption per zone.
type OfficeReadingRow struct {
	Date, Period, Source, Status string
	Zones                        []OfficeZoneCell
}

// OfficeZoneCell is one zone's value and consumption.
type OfficeZoneCell struct{ Value, Consumption string }

// OfficeInformingView is where the supplier's messages and bills go, as
// the customer set it in «Дополнительные услуги».
type OfficeInformingView struct {
	Email, Phone, Channels string
	// SavedAt is when the customer saved it, "" for the defaults.
	SavedAt string
}

func (s *officeSite) informingView(set *kabinet.ServiceSettings) OfficeInformingView {
	v := OfficeInformingView{Email: set.Email, Phone: kabinet.FormatPhone(set.Phone)}
	v.Channels = informingChannels(set)
	if !set.UpdatedAt.IsZero() {
		v.SavedAt = s.local(set.UpdatedAt).Format("02.01.2006 15:04")
	}
	return v
}

// OfficeUserView is a registration that reaches the account.
type OfficeUserView struct {
	Email, Phone, Status, Since, Relation string
}

// DeleteBox is the confirmation the deletion needs.
func (p *OfficeAccountPage) DeleteBox() Checkbox {
	return Checkbox{ID: "confirm", Name: "confirm", Value: "yes", Error: p.DeleteError, Required: true,
		Label: "Подтверждаю удаление регистрации: клиент потеряет доступ и сможет зарегистрироваться заново"}
}

// handleOfficeAccount shows an account; the view is written to the audit
// log before anything is shown.
func (s *officeSite) handleOfficeAccount(w http.ResponseWriter, r *http.Request, o *kabinet.Operator) error {
	return s.renderOfficeAccount(w, r, o, http.StatusOK, "")
}

func (s *officeSite) renderOfficeAccount(w http.ResponseWriter, r *http.Request, o *kabinet.Operator, status int, deleteError string) error {
	id, err := officeID(r)
	if err != nil {
		return err
	}
	card, err := s.office.Account(r.Context(), o, id, s.officeClient(r))
	if err != nil {
		return err
	}
	a := card.Account
	p := &OfficeAccountPage{BasePage: s.base(r, "Лицевой счет "+a.Display), Number: a.Display, Name: a.FullName(),
		Address: a.Address, District: a.District, Phone: kabinet.FormatPhone(strings.TrimPrefix(a.Phone, "+")), Email: a.Email, Home: homeText(a),
		DeleteAction: officeAccountPath(a.ID) + "/registration/delete", DeleteError: deleteError}
	p.Informing = s.informingView(card.Informing)
	for _, pc := range card.Providers {
		p.Providers = append(p.Providers, providerView(pc))
	}
	for _, mc := range card.Meters {
		p.Meters = append(p.Meters, meterView(mc))
	}
	for _, u := range card.Users {
		v := s.userView(u.User)
		v.Relation = "Владелец (зарегистрировал этот счет)"
		if !u.Owner {
			v.Relation = "Привязал к своему счету " + u.Registered
		}
		p.Users = append(p.Users, v)
		if u.Owner {
			p.Registration = &v
		}
	}
	return s.render(w, status, "office_account", p)
}

func officeID(r *http.Request) (int64, error) {
	raw := r.PathValue("id")
	id, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || id <= 0 || strconv.FormatInt(id, 10) != raw {
		return 0, kabinet.Errorf(kabinet.ENOTFOUND, "Лицевой счет не найден")
	}
	return id, nil
}

func homeText(a *kabinet.Account) string {
	kind := "квартира"
	if a.Housing == kabinet.HousingHouse {
		kind = "дом"
	}
	if a.Settlement == kabinet.SettlementRural {
		kind += ", сельская местность"
	}
	return kind + ", комнат: " + strconv.Itoa(a.Rooms) + ", площадь " + a.Area.String() + ", проживающих: " + strconv.Itoa(a.Residents)
}

var entryKinds = map[kabinet.EntryKind]string{kabinet.EntryCharge: "Начисление", kabinet.EntryPayment: "Оплата",
	kabinet.EntryPenalty: "Пени", kabinet.EntryAdjustment: "Корректировка"}

func providerView(pc *office.ProviderCard) OfficeProviderView {
	v := OfficeProviderView{Provider: pc.Provider.Name, SubAccount: pc.SubAccount.Number, Debt: pc.Balance.Debt.String()}
	for _, e := range pc.Ledger {
		row := OfficeLedgerRow{Date: e.PostedOn.Format("02.01.2006"), Period: e.Period.Title(), Kind: entryKinds[e.Kind], Amount: e.Amount.String()}
		if e.Kind == kabinet.EntryPayment {
			row.Channel = e.Channel.Title()
		}
		v.Ledger = append(v.Ledger, row)
	}
	return v
}

func meterView(mc *office.MeterCard) OfficeMeterView {
	m := mc.Meter
	v := OfficeMeterView{Title: m.Service.Title() + ": " + m.Model + " № " + m.Serial}
	for i := range m.Zoning.Zones() {
		v.Zones = append(v.Zones, m.Zoning.ZoneTitle(i))
	}
	for _, rd := range mc.Readings {
		row := OfficeReadingRow{Date: rd.TakenOn.Format("02.01.2006"), Period: rd.Period.Title(), Source: rd.Source.Title(), Status: rd.Status.Title()}
		for i := range rd.Values {
			row.Zones = append(row.Zones, OfficeZoneCell{strconv.FormatInt(rd.Values[i], 10), strconv.FormatInt(rd.Consumption[i], 10)})
		}
		v.Readings = append(v.Readings, row)
	}
	return v
}

func (s *officeSite) userView(u *kabinet.User) OfficeUserView {
	v := OfficeUserView{Email: u.Email, Phone: kabinet.FormatPhone(u.Phone), Status: "Ожидает подтверждения",
		Since: s.local(u.CreatedAt).Format("02.01.2006 15:04")}
	if u.Confirmed() {
		v.Status = "Подтверждена " + s.local(u.ConfirmedAt).Format("02.01.2006")
	}
	return v
}

// handleOfficeDeleteRegistration deletes the account's registration
// (AUTH-9) once the box is ticked; unticked, the page comes back with the
// reason beside it.
func (s *officeSite) handleOfficeDeleteRegistration(w http.ResponseWriter, r *http.Request, o *kabinet.Operator) error {
	if err := parseForm(w, r); err != nil {
		return err
	}
	id, err := officeID(r)
	if err != nil {
		return err
	}
	if r.PostForm.Get("confirm") != "yes" {
		return s.renderOfficeAccount(w, r, o, http.StatusUnprocessableEntity, "Отметьте, что подтверждаете удаление регистрации.")
	}
	if err := s.office.DeleteRegistration(r.Context(), o, id, s.officeClient(r)); err != nil {
		return err
	}
	return s.redirect(w, r, officeAccountPath(id), "office-deleted")
}
