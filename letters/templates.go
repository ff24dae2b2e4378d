package letters

import (
	"bytes"
	"embed"
	"fmt"
	htmltemplate "html/template"
	"kabinet"
	"strings"
	texttemplate "text/template"
)

//go:embed templates
var templateFS embed.FS

// Templates renders letters from the embedded templates: a subject and text
// with text/template and the HTML alternative with html/template, which
// escapes every value for its context (text, attribute, URL).
type Templates struct {
	text map[string]*texttemplate.Template
	html map[string]*htmltemplate.Template
}

// NewTemplates parses the embedded templates. An error means a broken build.
func NewTemplates() (*Templates, error) {
	t := &Templates{text: map[string]*texttemplate.Template{}, html: map[string]*htmltemplate.Template{}}
	for _, l := range []Letter{ConfirmEmail{}, ResetPassword{}, Notice{}} {
		name := l.templateName()
		text, err := texttemplate.ParseFS(templateFS, "templates/layout.txt", "templates/"+name+".txt")
		if err != nil {
			return nil, fmt.Errorf("letters: parse %s.txt: %w", name, err)
		}
		html, err := htmltemplate.New(name).Funcs(htmlFuncs()).
			ParseFS(templateFS, "templates/layout.html", "templates/"+name+".html")
		if err != nil {
			return nil, fmt.Errorf("letters: parse %s.html: %w", name, err)
		}
		t.text[name], t.html[name] = text, html
	}
	return t, nil
}

// page is what the layouts see: the letter, its rendered subject and
// its one greeting.
type page struct {
	Subject  string
	Greeting string
	Letter   Letter
}

// Render fills the templates of l into an e-mail to the address to.
func (t *Templates) Render(to string, l Letter) (*kabinet.Message, error) {
	name := l.templateName()
	var subject, text, html bytes.Buffer
	if err := t.text[name].ExecuteTemplate(&subject, "subject", l); err != nil {
		return nil, fmt.Errorf("letters: render %s subject: %w", name, err)
	}
	// A subject is one header line; a stray newline from the data would
	// otherwise end up folded or rejected by go-mail.
	p := page{Subject: strings.Join(strings.Fields(subject.String()), " "), Greeting: Greeting, Letter: l}
	if n, ok := l.(Notice); ok { // its words may greet, by name: then they greet instead
		if g, rest, ok := SplitGreeting(n.Body); ok {
			n.Body = rest
			p.Greeting, p.Letter = g, n
		}
	}
	if err := t.text[name].ExecuteTemplate(&text, "layout", p); err != nil {
		return nil, fmt.Errorf("letters: render %s.txt: %w", name, err)
	}
	if err := t.html[name].ExecuteTemplate(&html, "layout", p); err != nil {
		return nil, fmt.Errorf("letters: render %s.html: %w", name, err)
	}
	m := &kabinet.Message{Channel: kabinet.ChannelEmail, Recipient: to, Subject: p.Subject, Text: text.String(), HTML: html.String()}
	if n, ok := l.(Notice); ok {
		m.Unsubscribe = n.Unsubscribe
	}
	return m, nil
}

// link is the argument of the HTML "button" template.
type link struct{ URL, Text string }

// htmlFuncs are the helpers the HTML templates call.
func htmlFuncs() htmltemplate.FuncMap {
	return htmltemplate.FuncMap{
		"button":     func(url, text string) link { return link{url, text} },
		"paragraphs": paragraphs,
	}
}

// paragraphs splits plain text at blank lines, so that a Notice body written
// as text becomes <p> elements in HTML.
func paragraphs(s string) []string {
	var ps []string
	for p := range strings.SplitSeq(strings.ReplaceAll(s, "\r\n", "\n"), "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			ps = append(ps, p)
		}
	}
	return ps
}
