package pdf

import (
	"strings"
	"testing"

	"kabinet"
	"kabinet/qrpay"
)

func TestBillCases(t *testing.T) {
	t.Run("Overpaid", func(t *testing.T) {
		doc := MustBill(t, NewRenderer(), overpaidBill())
		text := compact(pdfText(t, doc))
		for _, want := range []string{"ПЕРЕПЛАТА", "207,89 ₽", "Переплата 207,89 ₽ будет учтена в следующем счёте"} {
			if !strings.Contains(text, want) {
				t.Errorf("an overpaid bill lacks %q:\n%s", want, text)
			}
		}
		// Nothing to pay: the code carries the requisites, the payer types a sum.
		p, err := qrpay.Decode(pageQRCodes(t, doc, 1)[0])
		if err != nil || p.Sum != 0 || p.AddAmount != 0 || p.PersAcc != "10103001857" {
			t.Errorf("code of an overpaid bill: %+v, %v", p, err)
		}
	})
	t.Run("EstimatedSingleRate", func(t *testing.T) {
		// As billrun writes a month without a reading: zone code T, the
		// meter's serial, no readings.
		b := demoBill()
		bp := &b.Data.Providers[0]
		bp.Lines = []kabinet.BillLine{{Service: kabinet.ServiceElectricity, MeterSerial: "011076123", Zone: "T",
			Consumption: 150, Unit: "кВт·ч", TariffKopecks: 18100, Amount: 27150, Basis: "по среднему"}}
		text := compact(pdfText(t, MustBill(t, NewRenderer(), b)))
		if want := "Электроэнергия 150 кВт·ч 1,81 271,50 по среднему"; !strings.Contains(text, want) {
			t.Errorf("the bill lacks %q:\n%s", want, text)
		}
	})
	t.Run("ManyProvidersRunOver", func(t *testing.T) {
		b := demoBill()
		for range 2 {
			b.Data.Providers = append(b.Data.Providers, b.Data.Providers[:2]...)
		}
		text := pdfText(t, MustBill(t, NewRenderer(), b))
		if pages := strings.Count(text, "\f"); pages != 2 {
			t.Errorf("six providers take %d pages, want 2", pages)
		}
		if n := strings.Count(text, "Передавайте показания до 25 числа"); n != 2 {
			t.Errorf("the footer is on %d pages, want every page", n)
		}
	})
	t.Run("ErrWrongAccount", func(t *testing.T) {
		b := demoBill()
		b.Data.Providers[1].Provider.PersonalAcc = "40702810218350005679"
		if _, err := NewRenderer().Bill(b); kabinet.ErrorCode(err) != kabinet.EINVALID {
			t.Errorf("a bill whose account fails its control key: %v, want EINVALID", err)
		}
	})
	t.Run("ErrNoProviders", func(t *testing.T) {
		b := demoBill()
		b.Data.Providers = nil
		if _, err := NewRenderer().Bill(b); kabinet.ErrorCode(err) != kabinet.EINVALID {
			t.Errorf("got %v, want EINVALID", err)
		}
	})
}

func TestFormat(t *testing.T) {
	for k, want := range map[int64]string{20500: "2,05", 12460: "1,246", 456700: "45,67", 12345: "1,2345", 10000: "1,00", 123456700: "12\u00a0345,67"} {
		if got := tariff(k); got != want {
			t.Errorf("tariff(%d) = %q, want %q", k, got, want)
		}
	}
	for _, tt := range []struct {
		zone  string
		three bool
		want  string
	}{{"T", false, ""}, {"T1", false, "день"}, {"T2", false, "ночь"}, {"T1", true, "пик"}, {"T2", true, "ночь"},
		{"T3", true, "полупик"}, {"", false, ""}, {"день", false, "день"}} {
		if got := zoneTitle(tt.zone, tt.three); got != tt.want {
			t.Errorf("zoneTitle(%q, %v) = %q, want %q", tt.zone, tt.three, got, tt.want)
		}
	}
	for full, want := range map[string][3]string{
		"Иванов Иван Иванович": {"Иванов", "Иван", "Иванович"}, "Иванов И. И.": {"Иванов", "", ""},
		"Петрова Анна": {"Петрова", "Анна", ""}, "": {"", "", ""},
	} {
		if l, f, m := splitName(full); [3]string{l, f, m} != want {
			t.Errorf("splitName(%q) = %q %q %q, want %q", full, l, f, m, want)
		}
	}
}

// overpaidBill is demoBill's electricity alone with 1 000,00 more paid:
// 792,11 − 1 000,00 = −207,89, an overpayment.
func overpaidBill() *kabinet.Bill {
	b := demoBill()
	bp := &b.Data.Providers[0]
	bp.Payments += 100000
	bp.ToPay -= 100000
	b.Data.Total = bp.ToPay
	b.Data.Providers = b.Data.Providers[:1]
	return b
}
