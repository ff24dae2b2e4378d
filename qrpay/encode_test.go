package qrpay

import (
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"

	"kabinet"
)

// workedExample is the bill of DOMAIN.md §1.8: 3 166,62 ₽ of which
// 166,62 ₽ пени.
func workedExample() Payment {
	return Payment{
		Name: "ООО «Демо-Энергосбыт»", PersonalAcc: "40702810818350001234",
		BankName: "БАЙКАЛЬСКИЙ БАНК ПАО СБЕРБАНК", BIC: "042520607", CorrespAcc: "30101810900000000607",
		KPP: "380101001", PayeeINN: "3801999990",
		Purpose: "Оплата эл/энергии и пени, л/с 123456789, за 01.2026",
		Sum:     316662, PersAcc: "123456789", PaymPeriod: "012026", LastName: "Иванов",
		PayerAddress: "г. Иркутск, ул. Ленина, д. 1, кв. 1", AddAmount: 16662,
	}
}

const workedExampleString = "ST00012|Name=ООО «Демо-Энергосбыт»|PersonalAcc=40702810818350001234|BankName=БАЙКАЛЬСКИЙ БАНК ПАО СБЕРБАНК|BIC=042520607|CorrespAcc=30101810900000000607|KPP=380101001|PayeeINN=3801999990|Purpose=Оплата эл/энергии и пени, л/с 123456789, за 01.2026|Sum=316662|PersAcc=123456789|PaymPeriod=012026|LastName=Иванов|PayerAddress=г. Иркутск, ул. Ленина, д. 1, кв. 1|AddAmount=16662"

func TestEncode(t *testing.T) {
	t.Run("WorkedExample", func(t *testing.T) {
		got := MustEncode(t, workedExample())
		if got != workedExampleString {
			t.Errorf("got\n%s\nwant\n%s", got, workedExampleString)
		}
		if len(got) != 468 {
			t.Errorf("UTF-8 size %d, DOMAIN.md §1.8 says 468", len(got))
		}
	})
	t.Run("MandatoryOnly", func(t *testing.T) {
		// Vector 1 with the bank's real correspondent account: QRCoder's
		// test uses one that fails the ЦБ key against the БИК.
		p := Payment{Name: "ООО «Три кита»", PersonalAcc: "40702810138250123017", BankName: `ОАО "БАНК"`,
			BIC: "044525225", CorrespAcc: "30101810400000000225"}
		want := `ST00012|Name=ООО «Три кита»|PersonalAcc=40702810138250123017|BankName=ОАО "БАНК"|BIC=044525225|CorrespAcc=30101810400000000225`
		if got := MustEncode(t, p); got != want {
			t.Errorf("got  %s\nwant %s", got, want)
		}
	})
	t.Run("SeparatorStripped", func(t *testing.T) {
		p := workedExample()
		p.Name = "ООО «Демо|Энергосбыт»"
		p.PayerAddress = "г. Иркутск,\nул. Ленина | д. 1"
		got := MustEncode(t, p)
		if n := strings.Count(got, "|"); n != 14 {
			t.Errorf("%d separators in %s, want 14 (15 requisites)", n, got)
		}
		if !strings.Contains(got, "|Name=ООО «ДемоЭнергосбыт»|") || !strings.Contains(got, "|PayerAddress=г. Иркутск, ул. Ленина  д. 1|") {
			t.Errorf("values not cleaned: %s", got)
		}
	})
	t.Run("PurposeTruncated", func(t *testing.T) {
		for _, n := range []int{160, 161, 210} {
			p := workedExample()
			p.Purpose = strings.Repeat("ж", n)
			got := MustEncode(t, p)
			if !strings.Contains(got, "|Purpose="+strings.Repeat("ж", 160)+"|Sum=") {
				t.Errorf("Purpose of %d characters not cut to 160: %s", n, got)
			}
		}
	})
	t.Run("Windows1251", func(t *testing.T) {
		b, err := workedExample().EncodeAs(Windows1251)
		if err != nil {
			t.Fatal(err)
		}
		if len(b) != 374 || string(b[:7]) != "ST00011" {
			t.Errorf("size %d, head %q; DOMAIN.md §1.8 says 374 bytes, ST00011", len(b), b[:7])
		}
		text, _ := charmap.Windows1251.NewDecoder().Bytes(b)
		if want := "ST00011" + workedExampleString[7:]; string(text) != want {
			t.Errorf("windows-1251 text differs:\n%s\n%s", text, want)
		}
	})
	t.Run("RubleSignNotIn1251", func(t *testing.T) {
		p := workedExample()
		p.Purpose = "Оплата 100 ₽"
		_, err := p.EncodeAs(Windows1251)
		wantInvalid(t, err)
	})
}

// MustEncode encodes p or fails the test.
func MustEncode(tb testing.TB, p Payment) string {
	tb.Helper()
	s, err := p.Encode()
	if err != nil {
		tb.Fatalf("Encode: %v", err)
	}
	return s
}

func wantInvalid(tb testing.TB, err error) {
	tb.Helper()
	if kabinet.ErrorCode(err) != kabinet.EINVALID {
		tb.Fatalf("got %v, want EINVALID", err)
	}
	if !strings.HasPrefix(kabinet.ErrorMessage(err), "QR-код оплаты: ") {
		tb.Errorf("message %q does not say what it is about", kabinet.ErrorMessage(err))
	}
}
