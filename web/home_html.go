package web

import "html/template"

// The debts and the bills of «Главная» are written here rather than by
// template actions, as the chart and the services panel are: a dozen
// actions a provider and half a dozen a bill, each value escaped through
// reflection, were a sixth of what rendering the page allocated (issue
// 17). The links are the portal's own paths; the markup is the one the
// template wrote.

// DebtsHTML is each provider's debt (or overpayment) with its penalties
// and their forecast, then «Итого к оплате» and the ways to pay.
func (p *HomePage) DebtsHTML() template.HTML {
	var m markup
	m.Grow(3 << 10)
	for _, b := range p.Balances {
		m.WriteString("\n      <div class=\"balance")
		if b.Overpaid {
			m.WriteString(" balance-overpaid")
		}
		m.WriteString("\" data-balance>\n        <dl class=\"facts\"><div><dt>Лицевой счет</dt><dd class=\"sub-account\">")
		m.esc(b.SubAccount)
		m.WriteString("</dd></div></dl>\n        <p class=\"balance-line\"><span class=\"balance-label\">")
		m.esc(b.Label)
		m.WriteString("</span>\n          <span class=\"balance-amount\">")
		m.esc(b.Amount)
		m.WriteString("</span></p>\n        <p class=\"balance-penalties\">в т.ч. пени <span class=\"nowrap\">")
		m.esc(b.Penalties)
		m.WriteString("</span></p>\n        ")
		if b.Forecast != "" {
			m.WriteString(`<p class="forecast">`)
			m.esc(b.Forecast)
			m.WriteString(`</p>`)
		}
		m.WriteString("\n        <p class=\"balance-history\"><a class=\"form-link\"")
		m.attr("href", b.PaymentsURL)
		m.WriteString(">История оплат ►</a></p>\n      </div>\n      ")
	}
	if len(p.Balances) == 0 {
		m.WriteString("\n      <p>По лицевому счету нет исполнителей услуг.</p>\n      ")
	}
	m.WriteString("\n      ")
	pay := p.PayAll
	if pay != nil {
		m.WriteString(`<p class="pay-total">Итого к оплате: <strong class="total-amount">`)
		m.esc(pay.Total.String())
		m.WriteString(`</strong></p>`)
	}
	m.WriteString("\n      <div class=\"actions-row pay-actions\">\n        ")
	payButton := pay != nil && pay.Action != ""
	if payButton {
		m.WriteString(`<form method="post"`)
		m.attr("action", pay.Action)
		m.WriteString(">\n          <input type=\"hidden\" name=\"key\"")
		m.attr("value", pay.Key)
		m.WriteString(`><input type="hidden" name="total" value="`)
		m.int(int(pay.Seen))
		m.WriteString("\">\n          <button class=\"button\" type=\"submit\">Оплатить всё: ")
		m.esc(pay.Total.String())
		m.WriteString("</button>\n        </form>")
	}
	m.WriteString("\n        <a class=\"button")
	if payButton {
		m.WriteString(" button-secondary")
	}
	m.WriteString("\" href=\"pay\">Оплатить картой</a>\n      </div>\n")
	return m.html()
}

// BillsHTML is «Счета на оплату»: a bill a row, the sample bill and
// «Начисления и оплаты по месяцам»; or, before the first close, why there
// is none.
func (p *HomePage) BillsHTML() template.HTML {
	var m markup
	if len(p.Bills) == 0 {
		m.WriteString("\n      <p>Счетов пока нет: счет появится здесь после закрытия месяца.</p>\n      ")
		return m.html()
	}
	m.Grow(2 << 10)
	m.WriteString("\n      <table class=\"bills\">\n        <thead><tr><th scope=\"col\">Период</th><th scope=\"col\">Счет на оплату</th></tr></thead>\n        <tbody>\n        ")
	for _, b := range p.Bills {
		m.WriteString(`<tr><td>`)
		m.esc(b.Period)
		m.WriteString("</td>\n          <td><a class=\"bill-link\"")
		m.attr("href", b.URL)
		m.WriteString(` target="_blank" rel="noopener">Квитанция<span class="visually-hidden"> за `)
		m.esc(b.Period)
		m.WriteString(" (PDF, откроется в новой вкладке)</span></a></td></tr>\n        ")
	}
	m.WriteString("\n        </tbody>\n      </table>\n      <p><a class=\"form-link\"")
	m.attr("href", p.SampleURL)
	m.WriteString(" target=\"_blank\" rel=\"noopener\">Образец квитанции с пояснениями начислений<span class=\"visually-hidden\"> (PDF, откроется в новой вкладке)</span></a></p>\n      <p><a class=\"form-link\"")
	m.attr("href", p.ChargesURL)
	m.WriteString(">Начисления и оплаты по месяцам</a></p>\n      ")
	return m.html()
}
