package htmltest

import "testing"

const page = `<!doctype html><html lang="ru"><body>
<header class="site-header top"><a class="brand" href="/">Сбыт</a></header>
<main id="main"><form action="/login"><div class="field"><label for="a">Номер</label>
<input id="a" name="account" type="text" value="42"></div>
<button type="submit">Войти</button></form></main></body></html>`

func TestFind(t *testing.T) {
	d := Parse(t, []byte(page))
	tests := []struct {
		sel  string
		want int
	}{
		{"header.site-header.top a.brand", 1},
		{"main > form", 1},
		{"main > div", 0},
		{"main div > label[for=a]", 1},
		{`input[name="account"][type=text]`, 1},
		{"a[href^=/], button", 2},
		{"input[value*=4]", 1},
		{"#main form button", 1},
		{"header button", 0},
		{"[lang]", 1},
	}
	for _, tt := range tests {
		t.Run(tt.sel, func(t *testing.T) {
			if got := len(d.Find(tt.sel)); got != tt.want {
				t.Errorf("Find(%q) = %d elements, want %d", tt.sel, got, tt.want)
			}
		})
	}
}

func TestText(t *testing.T) {
	d := Parse(t, []byte(page))
	if got := d.Text("label"); got != "Номер" {
		t.Errorf("Text = %q", got)
	}
	if v, _ := Attr(d.One("input"), "value"); v != "42" {
		t.Errorf("Attr value = %q", v)
	}
}
