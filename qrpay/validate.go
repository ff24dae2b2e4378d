package qrpay

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// kppPattern: a КПП is the tax office code (4 digits), the reason code (2
// digits or capital Latin letters) and a sequence number (3 digits).
var kppPattern = regexp.MustCompile(`^\d{4}[0-9A-Z]{2}\d{3}$`)

// keyPattern is what a requisite key may look like: Latin letters and
// digits, so that no key carries a separator or an "=".
var keyPattern = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9]*$`)

// check reports the first requisite that a bank would reject or that would
// send the money to a wrong account. p is normalized.
func (p *Payment) check() error {
	fs := p.fields()
	for _, f := range fs[:mandatory] {
		if *f.text == "" {
			return invalid("не указан обязательный реквизит %s", f.key)
		}
	}
	for _, f := range fs {
		if f.text != nil && f.max > 0 && utf8.RuneCountInString(*f.text) > f.max {
			return invalid("реквизит %s длиннее %d знаков", f.key, f.max)
		}
	}
	rules := []struct {
		bad bool
		msg string
	}{
		{len(p.BIC) != 9 || !allDigits(p.BIC), "БИК (BIC) состоит из 9 цифр"},
		{!accountPattern.MatchString(p.PersonalAcc), "расчётный счёт (PersonalAcc) состоит из 20 цифр"},
		{!ValidAccount(p.BIC, p.PersonalAcc), "расчётный счёт (PersonalAcc) не сходится с БИК по контрольному ключу"},
		{!ValidCorrespAccount(p.BIC, p.CorrespAcc), "корреспондентский счёт (CorrespAcc) не сходится с БИК"},
		{p.KPP != "" && !kppPattern.MatchString(p.KPP), "КПП (KPP) состоит из 9 знаков"},
		{p.PayeeINN != "" && !ValidINN(p.PayeeINN), "ИНН получателя (PayeeINN) неверен"},
		{p.PayerINN != "" && !ValidINN(p.PayerINN), "ИНН плательщика (PayerINN) неверен"},
		{p.Sum < 0 || p.AddAmount < 0, "сумма (Sum, AddAmount) не может быть отрицательной"},
		{p.Sum > 0 && p.AddAmount > p.Sum, "пени (AddAmount) входят в сумму (Sum) и не могут её превышать"},
		{p.TechCode != "" && !techCodeOK(p.TechCode), "технический код (TechCode) — две цифры от 01 до 15"},
	}
	for _, r := range rules {
		if r.bad {
			return invalid("%s", r.msg)
		}
	}
	return p.checkExtra()
}

// checkExtra refuses keys that would break the string or repeat a known
// requisite, which a reader could take either way.
func (p *Payment) checkExtra() error {
	for _, r := range p.Extra {
		if !keyPattern.MatchString(r.Key) {
			return invalid("ключ реквизита %q: только латинские буквы и цифры", r.Key)
		}
		for _, f := range p.fields() {
			if strings.EqualFold(f.key, r.Key) {
				return invalid("реквизит %s указан дважды", f.key)
			}
		}
	}
	return nil
}

func techCodeOK(s string) bool {
	return len(s) == 2 && allDigits(s) && s >= "01" && s <= "15"
}
