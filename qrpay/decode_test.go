package qrpay

import (
	"reflect"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
)

func TestDecode(t *testing.T) {
	vector1 := Payment{Name: "ООО «Три кита»", PersonalAcc: "40702810138250123017", BankName: `ОАО "БАНК"`,
		BIC: "044525225", CorrespAcc: "30101810965770000413"}
	win, _ := charmap.Windows1251.NewEncoder().String("ST00011" + workedExampleString[7:])
	// KOI8-R has no «», so that vector names the payee with plain quotes.
	koiPayment := workedExample()
	koiPayment.Name = `ООО "Демо-Энергосбыт"`
	koi, _ := charmap.KOI8R.NewEncoder().String("ST00013" + strings.ReplaceAll(workedExampleString[7:], "«Демо-Энергосбыт»", `"Демо-Энергосбыт"`))
	tests := []struct {
		name, in string
		want     Payment
	}{
		{"WorkedExample", workedExampleString, workedExample()},
		{"QRCoderTrailingSeparator", `ST00012|Name=ООО «Три кита»|PersonalAcc=40702810138250123017|BankName=ОАО "БАНК"|BIC=044525225|CorrespAcc=30101810965770000413|`, vector1},
		{"Windows1251", win, workedExample()},
		{"KOI8R", koi, koiPayment},
		{"OtherSeparator", strings.ReplaceAll(workedExampleString, "|", "#"), workedExample()},
		{"AnyKeyCase", strings.NewReplacer("PersAcc=", "persAcc=", "LastName=", "lastname=", "Sum=", "SUM=").Replace(workedExampleString), workedExample()},
		{"LineBreakAtEnd", workedExampleString + "|\r\n", workedExample()},
		{"AnyOrder", `ST00012|BIC=044525225|Name=ООО «Три кита»|CorrespAcc=30101810965770000413|PersonalAcc=40702810138250123017|BankName=ОАО "БАНК"`, vector1},
		{"EqualsInValue", strings.Replace(workedExampleString, "Purpose=Оплата", "Purpose=a=b Оплата", 1),
			func() Payment { p := workedExample(); p.Purpose = "a=b " + p.Purpose; return p }()},
		{"UnknownKeysKept", workedExampleString + "|CounterId=011076123|CounterVal=4512",
			func() Payment {
				p := workedExample()
				p.Extra = []Requisite{{"CounterId", "011076123"}, {"CounterVal", "4512"}}
				return p
			}()},
		{"Purpose210", strings.Replace(workedExampleString, "Purpose=Оплата", "Purpose="+strings.Repeat("ж", 165), 1),
			func() Payment {
				p := workedExample()
				p.Purpose = strings.Repeat("ж", 165) + p.Purpose[len("Оплата"):]
				return p
			}()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Decode(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestDecodeInvalid(t *testing.T) {
	tests := []struct{ name, in string }{
		{"ErrEmpty", ""},
		{"ErrNoHeader", "Name=ООО|PersonalAcc=40702810818350001234"},
		{"ErrVersion", "ST00022|" + workedExampleString[8:]},
		{"ErrCharsetFlag", "ST00014|" + workedExampleString[8:]},
		{"ErrNotUTF8", "ST00012|Name=\xce\xce\xce|" + workedExampleString[strings.Index(workedExampleString, "PersonalAcc"):]},
		{"ErrNoRequisites", "ST00012|"},
		{"ErrMandatoryMissing", strings.Replace(workedExampleString, "|BIC=042520607", "", 1)},
		{"ErrMandatoryEmpty", strings.Replace(workedExampleString, "|BIC=042520607", "|BIC=", 1)},
		{"ErrNoEquals", workedExampleString + "|Flat"},
		{"ErrEmptyRequisite", strings.Replace(workedExampleString, "|BIC=", "||BIC=", 1)},
		{"ErrBadKey", workedExampleString + "|Кв=1"},
		{"ErrRepeatedKey", workedExampleString + "|persacc=1"},
		{"ErrPurpose211", strings.Replace(workedExampleString, "Purpose=", "Purpose="+strings.Repeat("ж", 211-51), 1)},
		{"ErrBICTooLong", strings.Replace(workedExampleString, "BIC=042520607", "BIC=0425206070", 1)},
		{"ErrSumNotDigits", strings.Replace(workedExampleString, "Sum=316662", "Sum=3166.62", 1)},
		{"ErrSumTooLong", strings.Replace(workedExampleString, "Sum=316662", "Sum=1234567890123456789", 1)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Decode(tt.in)
			wantInvalid(t, err)
		})
	}
}
