package web

import (
	"html/template"
	"strconv"
)

// The customer's menu, bell and account switcher are written here rather
// than by template actions, as the chart is: they are on every page of
// the cabinet, and their thirty-odd actions, each value escaped through
// reflection, were a seventh of what rendering «Главная» allocated (issue
// 17). The links are the portal's own paths; the markup is the one the
// "nav" partial wrote.

const (
	navStart = "\n<nav class=\"site-nav\" aria-label=\"Основное меню\">\n  <div class=\"container nav-inner\">\n    <details class=\"nav-fold\">\n" +
		"      <summary class=\"nav-toggle\"><svg class=\"nav-toggle-icon\" viewBox=\"0 0 24 24\" width=\"24\" height=\"24\" aria-hidden=\"true\" focusable=\"false\"><path d=\"M3 6h18v2H3zm0 5h18v2H3zm0 5h18v2H3z\"/></svg>Меню</summary>\n" +
		"      <ul class=\"nav-list\">\n        "
	bellStart = "\n      </ul>\n    </details>\n    <a class=\"bell\" href=\"/notifications\""
	bellIcon  = ">\n      <svg class=\"bell-icon\" viewBox=\"0 0 24 24\" width=\"24\" height=\"24\" aria-hidden=\"true\" focusable=\"false\"><path d=\"M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1z\"/></svg>\n" +
		"      <span class=\"bell-text\">Уведомления</span>"
	navEnd = "\n    </a>\n    <form class=\"nav-exit\" method=\"post\" action=\"/logout\">\n      <button type=\"submit\">Выход</button>\n    </form>\n  </div>\n</nav>\n"
)

// NavHTML is the customer's menu, the bell with its count, «Выход», and
// on the pages of an account the switcher of the accounts the customer
// reaches.
func (p *BasePage) NavHTML() template.HTML {
	var m markup
	m.Grow(3 << 10)
	m.WriteString(navStart)
	for _, it := range p.Nav {
		m.WriteString(`<li><a`)
		m.attr("href", it.URL)
		if it.Current {
			m.WriteString(` aria-current="page"`)
		}
		m.WriteString(`>`)
		m.esc(it.Label)
		m.WriteString("</a></li>\n        ")
	}
	m.WriteString(bellStart)
	if p.Path == "/notifications" {
		m.WriteString(` aria-current="page"`)
	}
	m.WriteString(bellIcon)
	if p.Unread != 0 {
		m.WriteString(` <span class="bell-count">`)
		m.WriteString(strconv.Itoa(p.Unread))
		m.WriteString(`<span class="visually-hidden"> непрочитанных</span></span>`)
	}
	m.WriteString(navEnd)
	if len(p.Accounts) > 0 {
		p.writeSwitcher(&m)
	}
	return m.html()
}

// writeSwitcher writes the accounts the customer reaches: a row of links,
// or when there are many a disclosure that needs no script.
func (p *BasePage) writeSwitcher(m *markup) {
	m.WriteString("\n<nav class=\"account-switch\" aria-label=\"Лицевые счета\">\n  <div class=\"container account-switch-inner\">\n    ")
	if p.FoldAccounts() {
		m.WriteString("\n    <details class=\"account-switch-fold\">\n      <summary><span class=\"account-switch-label\">Лицевой счет:</span> ")
		p.CurrentAccount().write(m)
		m.WriteString("\n        <span class=\"account-switch-more\">сменить (")
		m.int(len(p.Accounts))
		m.WriteString(")</span></summary>\n      ")
		switchList(m, p.Accounts)
		m.WriteString("\n    </details>\n    ")
	} else {
		m.WriteString("\n    <span class=\"account-switch-label\" aria-hidden=\"true\">Лицевой счет:</span>\n    ")
		switchList(m, p.Accounts)
		m.WriteString("\n    ")
	}
	m.WriteString("\n  </div>\n</nav>\n")
}

func switchList(m *markup, items []SwitchItem) {
	m.WriteString("\n<ul class=\"account-switch-list\">\n  ")
	for _, it := range items {
		m.WriteString(`<li><a`)
		m.attr("href", it.URL)
		if it.Current {
			m.WriteString(` aria-current="true"`)
		}
		m.WriteString(`>`)
		it.write(m)
		m.WriteString("</a></li>\n  ")
	}
	m.WriteString("\n</ul>\n")
}

// write writes the account's name, and its number beside a name.
func (it SwitchItem) write(m *markup) {
	m.WriteString(`<span class="account-switch-name">`)
	m.esc(it.Label)
	m.WriteString(`</span>`)
	if it.Number != "" {
		m.WriteString(` <span class="account-switch-number">`)
		m.esc(it.Number)
		m.WriteString(`</span>`)
	}
}
