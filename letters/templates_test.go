package letters_test

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"kabinet"
	"kabinet/letters"
)

// update rewrites the golden files: go test ./letters -update.
var update = flag.Bool("update", false, "rewrite testdata/*.golden")

// letters are the golden cases. The values carry characters that HTML must
// escape (& in a query, quotes in a name) and Cyrillic everywhere.
var golden = map[string]letters.Letter{
	"confirm_email": letters.ConfirmEmail{
		SupplierName: `ООО "Энергосбыт"`, AccountNumber: "380012345678",
		Link:    "https://kabinet.example/confirm?token=Zx9_a-B&src=mail",
		Expires: "24 часа, до 16 марта 2026 г. 10:00 по иркутскому времени",
	},
	"reset_password": letters.ResetPassword{
		SupplierName: `ООО "Энергосбыт"`, AccountNumber: "380012345678",
		Link:    "https://kabinet.example/password/reset?token=Qw8_c-D&src=mail",
		Expires: "1 час, до 10:00 по иркутскому времени",
	},
	"notice": letters.Notice{
		SupplierName: `ООО "Энергосбыт"`, Title: "Пора передать показания",
		Body: "Приём показаний за март открыт до 25-го числа.\n\n" +
			"Если показаний не будет, начисление пойдёт по среднему расходу <за 6 месяцев>.",
		Link:        "https://kabinet.example/readings?from=mail&kind=reminder",
		Unsubscribe: "https://kabinet.example/unsubscribe/abc123",
	},
	"notice_minimal": letters.Notice{
		SupplierName: `ООО "Энергосбыт"`, Title: "Плановые работы 12 марта",
		Body: "С 01:00 до 03:00 личный кабинет будет недоступен.",
	},
}

// MustTemplates parses the embedded templates or fails the test.
func MustTemplates(tb testing.TB) *letters.Templates {
	tb.Helper()
	t, err := letters.NewTemplates()
	if err != nil {
		tb.Fatal(err)
	}
	return t
}

// MustRender renders l to a fixed address or fails the test.
func MustRender(tb testing.TB, l letters.Letter) *kabinet.Message {
	tb.Helper()
	m, err := MustTemplates(tb).Render("ivanov@example.ru", l)
	if err != nil {
		tb.Fatal(err)
	}
	return m
}

func TestRenderGolden(t *testing.T) {
	for name, l := range golden {
		t.Run(name, func(t *testing.T) {
			m := MustRender(t, l)
			checkGolden(t, name+".txt.golden", "Subject: "+m.Subject+"\n\n"+m.Text)
			checkGolden(t, name+".html.golden", m.HTML)
		})
	}
}

// checkGolden compares got with testdata/name, or rewrites it under -update.
func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./letters -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the rendering (go test ./letters -update rewrites it); got:\n%s", path, got)
	}
}
