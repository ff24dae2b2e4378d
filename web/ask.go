package web

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"kabinet"
	"kabinet/auth"
	"kabinet/readings"
)

// AskPage asks before an action that cannot be undone (issue 20): the
// button on the page leads here, and only the button here does it, so a
// slip of the finger costs nothing. It is a page of its own, so it works
// without JavaScript.
type AskPage struct {
	BasePage
	Facts    []Fact
	Question string
	Action   string // where the button posts
	Button   string
	Back     string // «Отмена»
}

// handleReadingDeleteAsk asks before a reading is deleted (METER-5); a
// reading the session may not delete is not found.
func (s *portalSite) handleReadingDeleteAsk(w http.ResponseWriter, r *http.Request, v *auth.Visitor, a *kabinet.Account) error {
	m, err := s.readings.Meter(r.Context(), a, idParam(r.PathValue("meter")))
	if err != nil {
		return err
	}
	recent, err := s.readings.Recent(r.Context(), m)
	if err != nil {
		return err
	}
	id := idParam(r.PathValue("reading"))
	i := slices.IndexFunc(recent, func(x *kabinet.Reading) bool { return x.ID == id })
	if i < 0 || !readings.Deletable(recent[i], v.Session.TokenHash) {
		return kabinet.Errorf(kabinet.ENOTFOUND, "Показание не найдено или его уже нельзя удалить")
	}
	back := accountPath(a, "readings") + "?meter=" + strconv.FormatInt(m.ID, 10)
	return s.render(w, http.StatusOK, "ask", &AskPage{BasePage: s.base(r, "Удалить показание"),
		Facts: []Fact{{"Лицевой счет", a.Display}, {"Прибор учета", meterTitle(m)},
			{"Дата", recent[i].TakenOn.Format(dateRu)}, {"Показание", readingValues(m, recent[i])}},
		Question: "Удалить это показание? Отменить удаление нельзя, но показание можно передать снова, пока прием открыт.",
		Action:   accountPath(a, fmt.Sprintf("readings/%d/%d/delete", m.ID, id)), Button: "Удалить показание", Back: back})
}

// handleAutopayOffAsk asks before autopay is turned off (PAY-2): turning
// it on again needs a payment by card.
func (s *portalSite) handleAutopayOffAsk(w http.ResponseWriter, r *http.Request, v *auth.Visitor, a *kabinet.Account) error {
	view, err := s.payments.Autopay(r.Context(), a.ID)
	if err != nil {
		return err
	}
	back := accountPath(a, "autopay")
	if view.Rule == nil || view.Rule.State != kabinet.AutopayActive {
		return s.redirect(w, r, back, "")
	}
	facts := []Fact{{"Лицевой счет", a.Display}, {"Сумма", view.Rule.RuleTitle()}}
	if view.Rule.Card != "" {
		facts = append(facts, Fact{"Карта", view.Rule.Card})
	}
	return s.render(w, http.StatusOK, "ask", &AskPage{BasePage: s.base(r, "Отключить автоплатеж"), Facts: facts,
		Question: "Отключить автоплатеж? Карта будет отвязана; чтобы подключить автоплатеж снова, нужно будет оплатить счет картой.",
		Action:   accountPath(a, "autopay/off"), Button: "Отключить автоплатеж", Back: back})
}

func meterTitle(m *kabinet.Meter) string {
	return strings.TrimSpace(m.Model + " № " + m.Serial)
}

func readingValues(m *kabinet.Meter, r *kabinet.Reading) string {
	var values []string
	for z, x := range r.Values {
		if m.Zoning == kabinet.ZoningSingle {
			values = append(values, strconv.FormatInt(x, 10))
		} else {
			values = append(values, m.Zoning.ZoneTitle(z)+" "+strconv.FormatInt(x, 10))
		}
	}
	return strings.Join(values, ", ")
}
