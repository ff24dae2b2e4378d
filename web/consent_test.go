package web

import (
	"strings"
	"testing"
)

func TestConsentPage(t *testing.T) {
	d := doc(t, get(t, MustServer(t, nil).Handler(), "/consent"))
	text := d.Text("main")
	for _, want := range []string{testSupplier, "регистрация и обслуживание в личном кабинете", "Редакция от 01.11.2026",
		"письменным заявлением", "форму обратной связи"} {
		if !strings.Contains(text, want) {
			t.Errorf("consent text lacks %q", want)
		}
	}
}
