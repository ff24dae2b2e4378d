package qrpay

import "regexp"

// accountPattern is QRCoder's check of a 20-character bank account: a
// non-zero first digit, the currency code, a digit or the letter the ЦБ
// allows in the 6th place, and 14 digits.
var accountPattern = regexp.MustCompile(`^[1-9]\d{4}[0-9ABCEHKMPTX]\d{14}$`)

// ValidINN reports whether s is a 10-digit (organisation) or 12-digit
// (individual) ИНН whose check digits are right (the ФНС algorithm, DOMAIN.md
// §1.6). A mistyped ИНН on a bill sends money nowhere, so it is checked.
func ValidINN(s string) bool {
	if !allDigits(s) {
		return false
	}
	switch len(s) {
	case 10:
		return checkDigit(s, []int{2, 4, 10, 3, 5, 9, 4, 6, 8}) == s[9]
	case 12:
		return checkDigit(s, []int{7, 2, 4, 10, 3, 5, 9, 4, 6, 8}) == s[10] &&
			checkDigit(s, []int{3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8}) == s[11]
	}
	return false
}

// checkDigit is the ИНН control digit over the leading digits of s, one per
// weight: the weighted sum mod 11 mod 10.
func checkDigit(s string, weights []int) byte {
	sum := 0
	for i, w := range weights {
		sum += int(s[i]-'0') * w
	}
	return byte('0' + sum%11%10)
}

// ValidAccount reports whether acc is a 20-digit settlement account whose
// control key (the 9th digit) agrees with the bank's БИК: the ЦБ algorithm
// over the last three digits of the БИК followed by the account.
func ValidAccount(bic, acc string) bool {
	return len(bic) == 9 && allDigits(bic) && accountPattern.MatchString(acc) &&
		controlSumOK(bic[6:]+acc)
}

// ValidCorrespAccount reports whether acc is the correspondent account of
// the bank with БИК bic. For a correspondent account the ЦБ key runs over
// "0" and the 5th and 6th digits of the БИК (the РКЦ code) instead.
func ValidCorrespAccount(bic, acc string) bool {
	return len(bic) == 9 && allDigits(bic) && accountPattern.MatchString(acc) &&
		controlSumOK("0"+bic[4:6]+acc)
}

// controlSumOK applies the weights 7, 1, 3 to the 23 digits, keeps the last
// digit of each product and wants the sum to end in 0.
func controlSumOK(digits string) bool {
	if len(digits) != 23 || !allDigits(digits) {
		return false
	}
	weights := [3]int{7, 1, 3}
	sum := 0
	for i := range len(digits) {
		sum += int(digits[i]-'0') * weights[i%3] % 10
	}
	return sum%10 == 0
}

func allDigits(s string) bool {
	for i := range len(s) {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
