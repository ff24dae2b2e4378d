package qrpay

import (
	"strings"
	"testing"
)

func TestEncodeInvalid(t *testing.T) {
	tests := []struct {
		name   string
		change func(*Payment)
	}{
		{"ErrNameMissing", func(p *Payment) { p.Name = " | " }},
		{"ErrBankNameMissing", func(p *Payment) { p.BankName = "" }},
		{"ErrNameTooLong", func(p *Payment) { p.Name = strings.Repeat("О", 161) }},
		{"ErrBankNameTooLong", func(p *Payment) { p.BankName = strings.Repeat("Б", 46) }},
		{"ErrBICShort", func(p *Payment) { p.BIC = "04252060" }},
		{"ErrBICLetters", func(p *Payment) { p.BIC = "04252060O" }},
		{"ErrPersonalAccShort", func(p *Payment) { p.PersonalAcc = "4070281081835000123" }},
		{"ErrPersonalAccLeadingZero", func(p *Payment) { p.PersonalAcc = "00702810818350001234" }},
		{"ErrPersonalAccKey", func(p *Payment) { p.PersonalAcc = "40702810818350001235" }},
		{"ErrPersonalAccOtherBank", func(p *Payment) { p.BIC = "044525225"; p.CorrespAcc = "30101810400000000225" }},
		{"ErrCorrespAccKey", func(p *Payment) { p.CorrespAcc = "30101810900000000608" }},
		{"ErrCorrespAccZero", func(p *Payment) { p.CorrespAcc = "0" }},
		{"ErrKPP", func(p *Payment) { p.KPP = "38010100" }},
		{"ErrPayeeINNCheckDigit", func(p *Payment) { p.PayeeINN = "3801999991" }},
		{"ErrPayeeINNLength", func(p *Payment) { p.PayeeINN = "38019999901" }},
		{"ErrPayerINN", func(p *Payment) { p.PayerINN = "380199999000" }},
		{"ErrSumNegative", func(p *Payment) { p.Sum = -1 }},
		{"ErrAddAmountNegative", func(p *Payment) { p.AddAmount = -1 }},
		{"ErrAddAmountOverSum", func(p *Payment) { p.AddAmount = p.Sum + 1 }},
		{"ErrTechCode", func(p *Payment) { p.TechCode = "16" }},
		{"ErrExtraKey", func(p *Payment) { p.Extra = []Requisite{{"Счёт", "1"}} }},
		{"ErrExtraRepeatsField", func(p *Payment) { p.Extra = []Requisite{{"persacc", "1"}} }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := workedExample()
			tt.change(&p)
			_, err := p.Encode()
			wantInvalid(t, err)
		})
	}
}

func TestEncodeValidOptional(t *testing.T) {
	p := workedExample()
	p.TechCode, p.KPP, p.PayerINN = TechCodeUtilities, "3801AB001", "500100732259"
	p.Extra = []Requisite{{"CounterId", "011076123"}}
	got := MustEncode(t, p)
	for _, want := range []string{"|KPP=3801AB001|", "|PayerINN=500100732259|", "|TechCode=02|CounterId=011076123"} {
		if !strings.Contains(got, want) {
			t.Errorf("%s lacks %s", got, want)
		}
	}
}

func TestValidINN(t *testing.T) {
	for s, want := range map[string]bool{
		"7707083893": true, "3801999990": true, "3808999981": true, "500100732259": true,
		"7707083894": false, "500100732258": false, "500100732269": false,
		"770708389": false, "77070838931": false, "770708389O": false, "": false,
	} {
		if got := ValidINN(s); got != want {
			t.Errorf("ValidINN(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestValidAccount(t *testing.T) {
	tests := []struct {
		bic, acc      string
		corresp, want bool
	}{
		{"044525225", "30101810400000000225", true, true},
		{"042520607", "30101810900000000607", true, true},
		{"044525225", "40702810138250123017", false, true},
		{"042520607", "40702810818350001234", false, true},
		{"042520607", "40702810218350005678", false, true},
		{"044525225", "30101810965770000413", true, false}, // QRCoder's sample pair
		{"042520607", "40702810818350001243", false, false},
		{"042520607", "30101810900000000607", false, false}, // a corr. account checked as a settlement one
		{"04252060", "40702810818350001234", false, false},
	}
	for _, tt := range tests {
		check := ValidAccount
		if tt.corresp {
			check = ValidCorrespAccount
		}
		if got := check(tt.bic, tt.acc); got != tt.want {
			t.Errorf("БИК %s, счёт %s (корр. %v): %v, want %v", tt.bic, tt.acc, tt.corresp, got, tt.want)
		}
	}
}
