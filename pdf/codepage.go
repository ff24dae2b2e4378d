package pdf

import (
	"fmt"
	"strings"
)

// codepageExtra are the characters above ASCII that bills, statements and
// names use: Russian, the Ukrainian and Belarusian letters that turn up in
// surnames and street names, and the punctuation and signs of the
// documents. They take the codes from 128 up, in this order.
const codepageExtra = "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдеёжзийклмнопрстуфхцчшщъыьэюя" +
	"ІіЇїЄєҐґЎў" + "«»„“”‘’—–−…№₽°²³·×\u00a0"

// codepage is the single-byte encoding the prepared fonts use: ASCII,
// then codepageExtra. A document whose text strays outside it is drawn
// with the full Unicode fonts instead.
type codepage struct {
	codes map[rune]byte
	runes []rune // runes[code-128] for the codes above ASCII
}

func newCodepage() *codepage {
	cp := &codepage{codes: make(map[rune]byte), runes: []rune(codepageExtra)}
	for r := rune(32); r < 127; r++ {
		cp.codes[r] = byte(r)
	}
	for i, r := range cp.runes {
		cp.codes[r] = byte(128 + i)
	}
	return cp
}

// encode returns s in the codepage, and false if some character of s is
// not in it.
func (cp *codepage) encode(s string) (string, bool) {
	var b strings.Builder
	b.Grow(len(s))
	ok := true
	for _, r := range s {
		c, found := cp.codes[r]
		if !found {
			c, ok = '?', false
		}
		b.WriteByte(c)
	}
	return b.String(), ok
}

// all returns every character of the codepage, to make the font subset
// from.
func (cp *codepage) all() string {
	var b strings.Builder
	for r := rune(32); r < 127; r++ {
		b.WriteRune(r)
	}
	b.WriteString(string(cp.runes))
	return b.String()
}

// differences is the /Differences array of the PDF encoding: the codes
// above ASCII named uniXXXX, names every PDF reader and pdftotext map back
// to Unicode.
func (cp *codepage) differences() string {
	var b strings.Builder
	b.WriteString("128")
	for _, r := range cp.runes {
		fmt.Fprintf(&b, " /uni%04X", r)
	}
	return b.String()
}
