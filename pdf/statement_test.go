package pdf

import (
	"bytes"
	"strings"
	"testing"

	"kabinet"
)

func TestStatement(t *testing.T) {
	t.Run("Debt", func(t *testing.T) {
		text := compact(pdfText(t, MustStatement(t, demoStatement())))
		for _, want := range []string{
			"АКТ СВЕРКИ ВЗАИМОРАСЧЕТОВ", "за период с 01.01.2026 по 31.03.2026", "по услуге «Электроэнергия»",
			"Поставщик ООО «Демо-Энергосбыт», ИНН 3801999990, КПП 380101001", "Потребитель Иванов Иван Иванович",
			"Лицевой счёт 10103001857",
			"Сальдо на 01.01.2026 1 200,00",
			"Январь 2026 10.02.2026 614,84 −35,20 12,47 1 000,00 792,11",
			"Февраль 2026 10.03.2026 702,30 0,00 3,10 792,11 705,40",
			"Март 2026 10.04.2026 655,02 0,00 0,00 1 000,00 360,42",
			"Итого за период 1 972,16 −35,20 15,57 2 792,11 360,42",
			"Задолженность на 31.03.2026 составляет 360,42 руб.", "Дата формирования: 02.04.2026",
		} {
			if !strings.Contains(text, want) {
				t.Errorf("the statement lacks %q:\n%s", want, text)
			}
		}
	})
	t.Run("Overpayment", func(t *testing.T) {
		s := demoStatement()
		s.Months[2].Paid += 50000
		s.Closing -= 50000
		text := compact(pdfText(t, MustStatement(t, s)))
		if want := "Переплата на 31.03.2026 составляет 139,58 руб."; !strings.Contains(text, want) {
			t.Errorf("the statement lacks %q:\n%s", want, text)
		}
	})
	t.Run("Settled", func(t *testing.T) {
		s := demoStatement()
		s.Months[2].Paid += 36042
		s.Closing = 0
		if text := compact(pdfText(t, MustStatement(t, s))); !strings.Contains(text, "Задолженность на 31.03.2026 отсутствует.") {
			t.Errorf("a settled statement says:\n%s", text)
		}
	})
	t.Run("ErrDoesNotAddUp", func(t *testing.T) {
		s := demoStatement()
		s.Closing++
		if _, err := NewRenderer().Statement(s); kabinet.ErrorCode(err) != kabinet.EINTERNAL {
			t.Errorf("got %v, want EINTERNAL", err)
		}
	})
	t.Run("LongRunsOver", func(t *testing.T) {
		s := demoStatement()
		for i := range 45 {
			m := kabinet.StatementMonth{Period: s.Months[2].Period.Add(i + 1), Charged: 10000, Paid: 10000}
			s.Months = append(s.Months, m)
		}
		text := pdfText(t, MustStatement(t, s))
		if strings.Count(text, "\f") < 2 || !strings.Contains(compact(text), "Декабрь 2029") {
			t.Errorf("45 more months should run over to a second page:\n%s", text)
		}
	})
	t.Run("Deterministic", func(t *testing.T) {
		if !bytes.Equal(MustStatement(t, demoStatement()), MustStatement(t, demoStatement())) {
			t.Error("the same statement rendered twice gives different bytes")
		}
	})
}

// MustStatement renders s or fails the test.
func MustStatement(tb testing.TB, s *kabinet.Statement) []byte {
	tb.Helper()
	doc, err := NewRenderer().Statement(s)
	if err != nil {
		tb.Fatalf("Statement: %v", err)
	}
	return doc
}
