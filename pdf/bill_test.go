package pdf

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"kabinet"
	"kabinet/qrpay"
)

func TestBill(t *testing.T) {
	b := demoBill()
	doc := MustBill(t, NewRenderer(), b)

	t.Run("Text", func(t *testing.T) {
		text := compact(pdfText(t, doc))
		for _, want := range []string{
			"ЕДИНЫЙ ПЛАТЁЖНЫЙ ДОКУМЕНТ", "Счёт за январь 2026", "Иванов Иван Иванович",
			"Лицевой счёт 10103001857", "Проживает 2 чел. Площадь: 54,3 м²",
			"ИТОГО К ОПЛАТЕ", "5 660,24 ₽", "Оплатить до 10.02.2026",
			"ООО «Демо-Энергосбыт»", "ООО «Демо-Теплосеть»", "ИНН 3801999990 КПП 380101001",
			"Электроэнергия, день 15 234 15 466 232 кВт·ч 2,05 475,60 по показаниям",
			"Электроэнергия, ночь 7 120 7 238 118 кВт·ч 1,18 139,24 по показаниям",
			"Теплоснабжение 54,3 м² 45,67 2 479,88 по площади", "Прибор учёта № 011076123",
			"1 200,00 614,84 −35,20 12,47 1 000,00 792,11",
			"4 700,20 2 479,88 0,00 38,15 2 350,10 4 868,13",
			"Итого к оплате 4 868,13 ₽ — оплатить до 10.02.2026",
			"Оплата по QR-коду в", "Передавайте показания до 25 числа", "Телефон поставщика 8-800-100-9777",
		} {
			if !strings.Contains(text, want) {
				t.Errorf("the bill lacks %q:\n%s", want, text)
			}
		}
	})
	t.Run("QRCodes", func(t *testing.T) {
		codes := pageQRCodes(t, doc, 1)
		if len(codes) != len(b.Data.Providers) {
			t.Fatalf("%d codes on the page, want one per provider: %q", len(codes), codes)
		}
		for _, bp := range b.Data.Providers {
			checkQR(t, codes, b, &bp)
		}
	})
	t.Run("Deterministic", func(t *testing.T) {
		for range 3 {
			if again := MustBill(t, NewRenderer(), demoBill()); !bytes.Equal(again, doc) {
				t.Fatal("the same bill rendered twice gives different bytes")
			}
		}
	})
}

// checkQR finds bp's code among codes and checks that it pays the right
// amount to the right account for the right period.
func checkQR(t *testing.T, codes []string, b *kabinet.Bill, bp *kabinet.BillProvider) {
	t.Helper()
	for _, c := range codes {
		p, err := qrpay.Decode(c)
		if err != nil {
			t.Fatalf("a code does not decode: %v\n%s", err, c)
		}
		if p.PersonalAcc != bp.Provider.PersonalAcc {
			continue
		}
		want := qrpay.Payment{Sum: bp.ToPay, AddAmount: bp.Penalties, PersAcc: b.Data.AccountNumber,
			PersonalAcc: bp.Provider.PersonalAcc, BIC: bp.Provider.BIC, PaymPeriod: "012026", PayeeINN: bp.Provider.INN}
		got := qrpay.Payment{Sum: p.Sum, AddAmount: p.AddAmount, PersAcc: p.PersAcc,
			PersonalAcc: p.PersonalAcc, BIC: p.BIC, PaymPeriod: p.PaymPeriod, PayeeINN: p.PayeeINN}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: got %+v, want %+v", bp.Provider.Name, got, want)
		}
		return
	}
	t.Errorf("no code pays %s (%s)", bp.Provider.Name, bp.Provider.PersonalAcc)
}

// MustBill renders b or fails the test.
func MustBill(tb testing.TB, r *Renderer, b *kabinet.Bill) []byte {
	tb.Helper()
	doc, err := r.Bill(b)
	if err != nil {
		tb.Fatalf("Bill: %v", err)
	}
	return doc
}

// TestBillConcurrent: one Renderer serves many goroutines (run with -race).
func TestBillConcurrent(t *testing.T) {
	r := NewRenderer()
	want := MustBill(t, r, demoBill())
	errs := make(chan error, 8)
	for i := range 8 {
		go func() {
			b := demoBill()
			b.Data.Providers[i%2].ToPay += kabinet.Money(i) // some codes shared, some not
			if _, err := r.Bill(b); err != nil {
				errs <- err
				return
			}
			again, err := r.Bill(demoBill())
			if err == nil && !bytes.Equal(again, want) {
				err = errors.New("a concurrent rendering differs")
			}
			errs <- err
		}()
	}
	for range 8 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}

// A close runs in the night after a month ends: a bill issued at 02:00 on
// 1 February in Irkutsk is still 31 January in UTC, and must be dated the
// 1st, as the supplier sees it.
func TestBillIsDatedInTheSuppliersZone(t *testing.T) {
	b := demoBill()
	b.IssuedAt = time.Date(2026, 2, 1, 2, 0, 0, 0, irkutsk).UTC()
	r := NewRenderer()
	for _, c := range []struct {
		loc  *time.Location
		want string
	}{{nil, "от 31.01.2026"}, {irkutsk, "от 01.02.2026"}} {
		r.Location = c.loc
		if text := compact(pdfText(t, MustBill(t, r, b))); !strings.Contains(text, c.want) {
			t.Errorf("in %v the bill is not dated %q:\n%s", c.loc, c.want, text)
		}
	}
}
