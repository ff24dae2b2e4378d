package web

import (
	"bytes"
	"html/template"
)

// The layout around every page is written here rather than by a template:
// its forty-odd actions (the title, the brand and its picture, the link to
// the version for the visually impaired, the footer), each value escaped
// through reflection, were most of what rendering «Главная» cost once its
// own blocks were written in Go (issue 17). The page's "content" block,
// the settings panel of the version for the visually impaired and the
// back office's menu stay templates.

const (
	layoutHead  = "<!doctype html>\n<html lang=\"ru\""
	layoutMeta  = ">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>"
	layoutBody  = "\n</head>\n<body>\n<a class=\"skip-link\" href=\"#main\">Перейти к содержанию</a>\n"
	layoutBrand = "\n<header class=\"site-header\">\n  <div class=\"container header-inner\">\n    <a class=\"brand\" href=\""
	layoutFoot  = "\n</main>\n<footer class=\"site-footer\">\n  <div class=\"container footer-inner\">\n    <p class=\"footer-name\">"
	layoutPhone = "</p>\n    <p class=\"footer-contact\">Единый контактный центр\n      <a class=\"footer-phone\" href=\"tel:+78001009777\">8-800-100-9777</a><span class=\"footer-note\">,\n      звонок по России бесплатный</span></p>\n" +
		"    <p class=\"footer-feedback\"><a href=\"/feedback\">Форма обратной связи</a></p>\n    \n    "
	// In the footer, not the header: on a phone at 200 % the offer would
	// push the debts below the first screen.
	layoutInstall = "<p class=\"footer-install\"><button type=\"button\" class=\"button button-secondary install-app\" data-install hidden>Установить приложение</button></p>"
	layoutEnd     = "\n  </div>\n</footer>\n</body>\n</html>\n"
)

// contentWriter is a page that writes its content block itself, into
// the page's buffer («Главная»); its template's block is then empty.
type contentWriter interface{ writeContent(m *markup) }

// a11yPaneled is a page whose settings panel returns somewhere else than
// the page's own path (the settings page itself).
type a11yPaneled interface{ A11yPanel() A11yPanel }

// writeLayout writes page p: the layout around its "content" block of t.
func (s *Server) writeLayout(buf *bytes.Buffer, t *template.Template, p page) error {
	b := p.base()
	m := (*markup)(buf)
	m.WriteString(layoutHead)
	if b.A11y.On {
		m.attr("data-a11y", "on")
		m.attr("data-a11y-size", b.A11y.Size)
		m.attr("data-a11y-theme", b.A11y.Theme)
		m.attr("data-a11y-images", b.A11y.Images)
	}
	m.WriteString(layoutMeta)
	m.esc(b.Title)
	m.WriteString(" — ")
	m.esc(b.SupplierName)
	m.WriteString("</title>\n")
	if b.Office != nil {
		m.WriteString(string(s.pages.statics["head-office"]))
	} else {
		m.WriteString(string(s.pages.statics["head-portal"]))
	}
	m.WriteString("\n")
	for _, name := range b.Scripts {
		url, err := s.assets.URL(name)
		if err != nil {
			return err
		}
		m.WriteString(`<script src="`)
		m.esc(url)
		m.WriteString("\" defer></script>\n")
	}
	m.WriteString(layoutBody)
	if b.A11y.On && b.Path != "/a11y" {
		if err := t.ExecuteTemplate(buf, "a11y-panel", p.(a11yPaneled).A11yPanel()); err != nil {
			return err
		}
	}
	m.WriteString(layoutBrand)
	if b.Office != nil {
		m.WriteString("/office/")
	} else {
		m.WriteString("/")
	}
	m.WriteString("\">\n      ")
	if err := writeImage(m, b.Img("logo.svg", "", 44, 44), s.assets.URL); err != nil {
		return err
	}
	m.WriteString("\n      <span class=\"brand-text\">\n        <span class=\"brand-name\">")
	m.esc(b.SupplierName)
	m.WriteString("</span>\n        <span class=\"brand-sub\">")
	if b.Office != nil {
		m.WriteString("Рабочее место оператора")
	} else {
		m.WriteString("Личный кабинет физического лица")
	}
	m.WriteString("</span>\n      </span>\n    </a>\n    ")
	if b.Office == nil && !b.A11y.On && b.Path != "/a11y" {
		m.WriteString("\n    <a class=\"a11y-link\" href=\"/a11y?return=")
		m.urlQuery(b.Path)
		m.WriteString("\">")
		if err := writeImage(m, b.Img("eye.svg", "", 24, 24), s.assets.URL); err != nil {
			return err
		}
		m.WriteString("<span>Версия для слабовидящих</span></a>\n    ")
	}
	m.WriteString("\n  </div>\n  ")
	switch {
	case b.Office != nil && len(b.Office.Nav) > 0:
		if err := t.ExecuteTemplate(buf, "office-nav", p); err != nil {
			return err
		}
	case b.Office == nil && b.SignedIn:
		m.WriteString(string(b.NavHTML()))
	}
	m.WriteString("\n</header>\n<main id=\"main\" class=\"container main\">\n  ")
	if b.Flash != "" {
		m.WriteString(`<div class="notice notice-success" role="status"><p>`)
		m.esc(b.Flash)
		m.WriteString(`</p></div>`)
	}
	m.WriteString("\n  ")
	if cw, ok := p.(contentWriter); ok {
		cw.writeContent(m)
	} else if err := t.ExecuteTemplate(buf, "content", p); err != nil {
		return err
	}
	m.WriteString(layoutFoot)
	m.esc(b.SupplierName)
	m.WriteString(layoutPhone)
	if b.Office == nil {
		m.WriteString(layoutInstall)
	}
	m.WriteString(layoutEnd)
	return nil
}

// writeImage writes a picture (the "image" partial calls it too), or its
// alt text when images are switched off (nothing for decoration).
func writeImage(m *markup, img Image, asset func(string) (string, error)) error {
	if img.Off {
		if img.Alt != "" {
			m.WriteString(`<span class="img-alt">Изображение: `)
			m.esc(img.Alt)
			m.WriteString(`</span>`)
		}
		return nil
	}
	url, err := asset(img.Name)
	if err != nil {
		return err
	}
	m.WriteString("<img")
	if img.Class != "" {
		m.attr("class", img.Class)
	}
	m.attr("src", url)
	m.attr("alt", img.Alt)
	m.WriteString(` width="`)
	m.int(img.Width)
	m.WriteString(`" height="`)
	m.int(img.Height)
	m.WriteString(`">`)
	return nil
}
