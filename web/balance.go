package web

import (
	"strconv"

	"kabinet"
	"kabinet/home"
)

// BalanceView is one provider's line of «Главная» as the manual shows it:
// «Лицевой счет», «Задолженность перед …» or «Переплата перед …» with
// «в т.ч. пени», then what to pay by when, and «История оплат ►».
type BalanceView struct {
	SubAccount string
	Label      string
	Amount     string
	Penalties  string
	// Forecast is the penalty forecast, "" when nothing is owed.
	Forecast    string
	Overpaid    bool
	PaymentsURL string
}

func balanceViews(a *kabinet.Account, bs []*home.ProviderBalance) []BalanceView {
	views := make([]BalanceView, len(bs))
	for i, b := range bs {
		label := "Задолженность перед "
		if b.Balance.Overpaid() {
			label = "Переплата перед "
		}
		views[i] = BalanceView{SubAccount: b.SubAccount.Number, Label: label + b.Provider.Name,
			Amount: b.Balance.Debt.Abs().String(), Penalties: b.Balance.PenaltyPart.String(),
			Forecast: forecastText(b), Overpaid: b.Balance.Overpaid(),
			PaymentsURL: accountPath(a, "payments?provider="+strconv.FormatInt(b.Provider.ID, 10))}
	}
	return views
}

// forecastText says what to pay by the bill's due date, or, once that has
// passed, by when so that no penalty accrues, or, once some accrues, how
// much a day. The dates are the ones the bill and the reminders print.
func forecastText(b *home.ProviderBalance) string {
	f := b.Forecast
	switch {
	case f.Pay <= 0:
		return ""
	case f.PerDay > 0:
		return "Пени начисляются: " + f.PerDay.String() + " в день. Оплатите " + f.Pay.String() +
			" как можно скорее, чтобы они не росли"
	case !f.Overdue:
		return "Оплатите " + f.Pay.String() + " до " + f.Due.Format("02.01.2006") + " — срок оплаты по счету"
	}
	return "Срок оплаты по счету " + f.Due.Format("02.01.2006") + " прошел. Оплатите " + f.Pay.String() +
		" до " + f.By.Format("02.01.2006") + ", чтобы не начислялись пени"
}
