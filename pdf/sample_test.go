package pdf

import (
	"bytes"
	"strings"
	"testing"
)

func TestSampleBill(t *testing.T) {
	b := demoBill()
	doc, err := NewRenderer().SampleBill(b)
	if err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, doc)
	if n := strings.Count(text, "\f"); n != 2 {
		t.Errorf("%d pages, want the bill and the page of notes", n)
	}
	text = compact(text)
	for _, want := range []string{
		"ЕДИНЫЙ ПЛАТЁЖНЫЙ ДОКУМЕНТ", "5 660,24 ₽", // the bill itself
		"Образец квитанции с пояснениями начислений",
		"Данные плательщика", "Показания и расход", "Тариф и начисление", "Перерасчёт", "Пени",
		"Оплачено", "Итого к оплате", "QR-код для оплаты",
		"15 466 − 15 234 = 232 кВт·ч", "232 кВт·ч × 2,05 ₽ = 475,60 ₽",
		"1 200,00 + 614,84 + (−35,20) + 12,47 − 1 000,00 = 792,11 ₽", "Оплатите до 10.02.2026",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the sample lacks %q:\n%s", want, text)
		}
	}
	if again, _ := NewRenderer().SampleBill(demoBill()); !bytes.Equal(again, doc) {
		t.Error("the same sample rendered twice gives different bytes")
	}
	// The callouts keep clear of the codes: both still scan.
	codes := pageQRCodes(t, doc, 1)
	for _, bp := range b.Data.Providers {
		checkQR(t, codes, b, &bp)
	}
}
