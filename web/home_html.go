package web

// The debts and the bills of «Главная» are written here rather than by
// template actions, as the chart and the services panel are: a dozen
// actions a provider and half a dozen a bill, each value escaped through
// reflection, were a sixth of what rendering the page allocated (issue
// 17). The links are the portal's own paths; the markup is the one the
// template wrote.

// writeDebts writes each provider's debt (or overpayment) with its
// penalties and their forecast, then «Итого к оплате» and the ways to pay.
func (p *HomePage) writeDebts(m *markup) {
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
}

// writeBills writes «Счета на оплату»: a bill a row, the sample bill and
// «Начисления и оплаты по месяцам»; or, before the first close, why there
// is none.
func (p *HomePage) writeBills(m *markup) {
	if len(p.Bills) == 0 {
		m.WriteString("\n      <p>Счетов пока нет: счет появится здесь после закрытия месяца.</p>\n      ")
		return
	}
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
}

// writeContent writes «Главная» under the layout, straight into the
// page's buffer (writeLayout): the greeting, the debts, the offer of push
// notices, the bills, the chart and the services panel.
func (p *HomePage) writeContent(m *markup) {
	m.WriteString("\n<h1 class=\"page-title\">Главная</h1>\n<p class=\"greeting\">Здравствуйте, ")
	m.esc(p.FullName)
	m.WriteString("!</p>\n<div class=\"home-layout\">\n  <div class=\"home-main\">\n    <section class=\"card\" aria-labelledby=\"debts-title\" data-balances")
	m.attr("data-account", p.Account)
	m.attr("data-seen", p.Seen)
	m.WriteString(">\n      <h2 id=\"debts-title\">Задолженность по лицевому счету <span class=\"account-number\">")
	m.esc(p.Account)
	m.WriteString("</span></h2>\n      ")
	p.writeDebts(m)
	m.WriteString("\n      <p class=\"muted\">Полная информация о начислениях и оплатах по услугам представлена в платежном документе за отчетный период.</p>\n    </section>\n\n    \n    ")
	// The offer comes after the debts: on a phone the debts are the first screen.
	if o := p.PushOffer; o != nil {
		m.WriteString(`<section id="push-offer" class="card push-offer" hidden`)
		m.attr("data-key", o.Key)
		m.attr("data-action", o.Action)
		m.WriteString(" aria-labelledby=\"push-offer-title\">\n      <h2 id=\"push-offer-title\">Подписаться на уведомления</h2>\n" +
			"      <p>Браузер сообщит о новом счете, сроке передачи показаний и задолженности, даже когда личный кабинет закрыт.</p>\n" +
			"      <div class=\"actions-row\"><button type=\"button\" class=\"button\" data-push-yes>Подписаться</button>\n" +
			"        <button type=\"button\" class=\"button button-secondary\" data-push-later>Не сейчас</button></div>\n" +
			"      <p data-push-status role=\"status\"></p>\n    </section>")
	}
	m.WriteString("\n\n    <section class=\"card\" aria-labelledby=\"bills-title\">\n      <h2 id=\"bills-title\">Счета на оплату</h2>\n      ")
	p.writeBills(m)
	m.WriteString("\n      <p><a class=\"form-link\" href=\"/pay\">Оплата другого лицевого счета</a></p>\n    </section>\n\n    ")
	if len(p.Charts) > 0 {
		m.WriteString("\n    <section class=\"card\" aria-labelledby=\"usage-title\">\n      <h2 id=\"usage-title\">Потребление по месяцам</h2>\n      ")
		for i := range p.Charts {
			p.Charts[i].write(m)
		}
		m.WriteString("\n    </section>\n    ")
	}
	m.WriteString("\n  </div>\n\n  <section class=\"card services\" id=\"services\" aria-labelledby=\"services-title\">\n    <h2 id=\"services-title\">Дополнительные услуги</h2>\n    ")
	p.Services.write(m)
	m.WriteString("\n  </section>\n</div>\n")
}
