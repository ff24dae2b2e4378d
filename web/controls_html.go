package web

import (
	"bytes"
	"html/template"
	"io"
	"strconv"
	"strings"
)

// The label, the text field and the checkbox are written here rather than
// by template actions: «Главная»'s services panel alone has five boxes and
// two fields, some fifteen actions each, and every action is a call
// through reflection (issue 17). The partials "label", "field" and
// "checkbox" print what these methods write, so pages call them as before.

// escaper escapes text and quoted attribute values as html/template does.
var escaper = strings.NewReplacer("\x00", "\uFFFD", `"`, "&#34;", "&", "&amp;", "'", "&#39;", "+", "&#43;", "<", "&lt;", ">", "&gt;")

// escaped are the bytes escaper replaces: most of what a page writes has
// none, and is then written as it is without going through the replacer.
const escaped = "\x00\"&'+<>"

// writeEscaped writes s to w, escaped for HTML text and quoted attributes.
func writeEscaped(w interface {
	io.Writer
	io.StringWriter
}, s string) {
	if strings.IndexAny(s, escaped) < 0 {
		w.WriteString(s)
		return
	}
	escaper.WriteString(w, s)
}

// markup writes HTML; esc escapes what it writes. A page's fragments
// (the controls, the chart, the menu) are written into one of their own;
// the layout and «Главная»'s content straight into the page's pooled
// buffer, converted (writeLayout).
type markup bytes.Buffer

func (m *markup) buf() *bytes.Buffer   { return (*bytes.Buffer)(m) }
func (m *markup) WriteString(s string) { m.buf().WriteString(s) }
func (m *markup) Write(b []byte)       { m.buf().Write(b) }
func (m *markup) Grow(n int)           { m.buf().Grow(n) }
func (m *markup) esc(s string)         { writeEscaped(m.buf(), s) }
func (m *markup) html() template.HTML  { return template.HTML(m.buf().String()) }

// attr writes ` name="value"`, the value escaped.
func (m *markup) attr(name, value string) {
	m.WriteString(" ")
	m.WriteString(name)
	m.WriteString(`="`)
	m.esc(value)
	m.WriteString(`"`)
}

// attrInt writes ` name="n"`.
func (m *markup) attrInt(name string, n int) {
	m.WriteString(" ")
	m.WriteString(name)
	m.WriteString(`="`)
	m.int(n)
	m.WriteString(`"`)
}

func (m *markup) int(n int) {
	var buf [20]byte
	m.Write(strconv.AppendInt(buf[:0], int64(n), 10))
}

// urlQuery writes s as a query value the way html/template does in a URL
// attribute: every byte but the unreserved ones as %xx, in lower case.
func (m *markup) urlQuery(s string) {
	const hex = "0123456789abcdef"
	b := m.buf()
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', c == '-', c == '.', c == '_', c == '~':
			b.WriteByte(c)
		default:
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
		}
	}
}

// LabelHTML is the control's label, with * after a required one, and its
// hint.
func (f Field) LabelHTML() template.HTML {
	var m markup
	f.label(&m)
	return m.html()
}

func (f Field) label(m *markup) {
	m.WriteString(`<label class="field-label" for="`)
	m.esc(f.ID)
	m.WriteString(`">`)
	m.esc(f.Label)
	if f.Mark {
		m.WriteString(`<span class="required-mark" aria-hidden="true"> *</span>`)
	}
	m.WriteString("</label>\n  ")
	if f.Hint != "" {
		m.WriteString(`<p class="field-hint" id="`)
		m.esc(f.ID)
		m.WriteString(`-hint">`)
		m.esc(f.Hint)
		m.WriteString(`</p>`)
	}
}

// InputHTML is the text field: label above, hint, input, error beside.
func (f Field) InputHTML() template.HTML {
	var m markup
	m.Grow(512)
	f.writeInput(&m)
	return m.html()
}

// writeInput writes InputHTML's markup to m.
func (f Field) writeInput(m *markup) {
	m.openField("", f.Error != "")
	f.label(m)
	m.WriteString("\n  <input class=\"input\"")
	m.attr("id", f.ID)
	m.attr("name", f.Name)
	m.attr("type", f.Type)
	m.attr("value", f.Value)
	if f.Autocomplete != "" {
		m.attr("autocomplete", f.Autocomplete)
	}
	if f.InputMode != "" {
		m.attr("inputmode", f.InputMode)
	}
	if f.Required {
		m.WriteString(` required aria-required="true"`)
	}
	if f.Error != "" {
		m.WriteString(` aria-invalid="true"`)
	}
	if d := f.DescribedBy(); d != "" {
		m.attr("aria-describedby", d)
	}
	m.WriteString(">\n  ")
	fieldError(m, f.ID, f.Error)
	m.WriteString("\n</div>\n")
}

// HTML is the checkbox: the box, its label beside it and the error under
// it.
func (c Checkbox) HTML() template.HTML {
	var m markup
	m.Grow(384)
	c.write(&m)
	return m.html()
}

// write writes HTML's markup to m.
func (c Checkbox) write(m *markup) {
	m.openField(" checkbox", c.Error != "")
	m.WriteString("<input class=\"choice-input\" type=\"checkbox\"")
	m.attr("id", c.ID)
	m.attr("name", c.Name)
	m.attr("value", c.Value)
	if c.Checked {
		m.WriteString(` checked`)
	}
	if c.Required {
		m.WriteString(` required aria-required="true"`)
	}
	if c.Error != "" {
		m.WriteString(` aria-invalid="true" aria-describedby="`)
		m.esc(c.ID)
		m.WriteString(`-error"`)
	}
	m.WriteString(">\n  <label class=\"choice-label\" for=\"")
	m.esc(c.ID)
	m.WriteString(`">`)
	m.esc(c.Label)
	m.WriteString("</label>\n  ")
	fieldError(m, c.ID, c.Error)
	m.WriteString("\n</div>\n")
}

// openField starts a control's box: class field, then class, then
// field-invalid when the control was refused.
func (m *markup) openField(class string, invalid bool) {
	m.WriteString("\n<div class=\"field")
	m.WriteString(class)
	if invalid {
		m.WriteString(" field-invalid")
	}
	m.WriteString("\">\n  ")
}

// fieldError is the error beside control id, nothing without one.
func fieldError(m *markup, id, err string) {
	if err == "" {
		return
	}
	m.WriteString(`<p class="field-error" id="`)
	m.esc(id)
	m.WriteString(`-error">`)
	m.esc(err)
	m.WriteString(`</p>`)
}
