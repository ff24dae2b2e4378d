package sqlstore

import (
	"encoding/json"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"kabinet"
)

// appendStoredBill appends the JSON of storedBill{b, sections naming refs},
// byte for byte what encoding/json writes for it (TestStoredBillJSON): at
// a million homes json.Marshal's reflection over 12M bills was some 20 s
// of the import's CPU (issue 16), on the goroutine that makes the bills'
// rows while the writer waits for them.
func appendStoredBill(out []byte, b *kabinet.BillData, refs []string) []byte {
	out = append(out, `{"account_number":`...)
	out = appendJSONString(out, b.AccountNumber)
	out = append(out, `,"payer":`...)
	out = appendJSONString(out, b.Payer)
	out = append(out, `,"address":`...)
	out = appendJSONString(out, b.Address)
	out = append(out, `,"residents":`...)
	out = strconv.AppendInt(out, int64(b.Residents), 10)
	out = append(out, `,"area":`...)
	out = strconv.AppendInt(out, int64(b.Area), 10)
	out = append(out, `,"total":`...)
	out = strconv.AppendInt(out, int64(b.Total), 10)
	if b.Number != "" {
		out = append(out, `,"number":`...)
		out = appendJSONString(out, b.Number)
	}
	out = append(out, `,"providers":[`...)
	for i := range b.Providers {
		if i > 0 {
			out = append(out, ',')
		}
		out = appendStoredSection(out, &b.Providers[i], refs[i])
	}
	return append(out, "]}"...)
}

func appendStoredSection(out []byte, p *kabinet.BillProvider, ref string) []byte {
	out = append(out, `{"sub_account":`...)
	out = appendJSONString(out, p.SubAccount)
	out = append(out, `,"opening_balance":`...)
	out = strconv.AppendInt(out, int64(p.OpeningBalance), 10)
	out = append(out, `,"lines":`...)
	if p.Lines == nil {
		out = append(out, "null"...)
	} else {
		out = append(out, '[')
		for i := range p.Lines {
			if i > 0 {
				out = append(out, ',')
			}
			out = appendBillLine(out, &p.Lines[i])
		}
		out = append(out, ']')
	}
	out = append(out, `,"adjustments":`...)
	out = strconv.AppendInt(out, int64(p.Adjustments), 10)
	out = append(out, `,"penalties":`...)
	out = strconv.AppendInt(out, int64(p.Penalties), 10)
	out = append(out, `,"payments":`...)
	out = strconv.AppendInt(out, int64(p.Payments), 10)
	out = append(out, `,"to_pay":`...)
	out = strconv.AppendInt(out, int64(p.ToPay), 10)
	out = append(out, `,"due_on":"`...)
	out = p.DueOn.AppendFormat(out, time.RFC3339Nano)
	out = append(out, '"')
	if ref != "" {
		out = append(out, `,"provider_ref":`...)
		out = appendJSONString(out, ref)
	}
	return append(out, '}')
}

func appendBillLine(out []byte, l *kabinet.BillLine) []byte {
	out = append(out, `{"service":`...)
	out = appendJSONString(out, string(l.Service))
	if l.MeterSerial != "" {
		out = append(out, `,"meter_serial":`...)
		out = appendJSONString(out, l.MeterSerial)
	}
	if l.Zone != "" {
		out = append(out, `,"zone":`...)
		out = appendJSONString(out, l.Zone)
	}
	if l.Previous != 0 {
		out = append(out, `,"previous":`...)
		out = strconv.AppendInt(out, l.Previous, 10)
	}
	if l.Current != 0 {
		out = append(out, `,"current":`...)
		out = strconv.AppendInt(out, l.Current, 10)
	}
	out = append(out, `,"consumption":`...)
	out = strconv.AppendInt(out, l.Consumption, 10)
	out = append(out, `,"unit":`...)
	out = appendJSONString(out, l.Unit)
	out = append(out, `,"tariff":`...)
	out = strconv.AppendInt(out, l.TariffKopecks, 10)
	out = append(out, `,"amount":`...)
	out = strconv.AppendInt(out, int64(l.Amount), 10)
	out = append(out, `,"basis":`...)
	out = appendJSONString(out, l.Basis)
	return append(out, '}')
}

// appendJSONString appends s quoted as encoding/json quotes it: text with
// nothing to escape as it is, the rest by json.Marshal itself (control
// characters, quotes, backslashes, <, > and &, U+2028 and U+2029, bytes
// that are not UTF-8).
func appendJSONString(out []byte, s string) []byte {
	plain := true
	for i := 0; i < len(s) && plain; i++ {
		c := s[i]
		plain = c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&'
	}
	if plain && (!hasHighBytes(s) || utf8.ValidString(s) && !strings.ContainsAny(s, "\u2028\u2029")) {
		out = append(out, '"')
		out = append(out, s...)
		return append(out, '"')
	}
	q, _ := json.Marshal(s)
	return append(out, q...)
}

func hasHighBytes(s string) bool {
	for i := range len(s) {
		if s[i] >= utf8.RuneSelf {
			return true
		}
	}
	return false
}
