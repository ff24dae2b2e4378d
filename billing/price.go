package billing

import (
	"strconv"
	"strings"

	"kabinet"
)

// Price is a price per unit (kWh, m²) in hundredths of a kopeck: 1,246 ₽ is
// 12460. Published household tariffs have up to three decimals of a ruble,
// which this holds exactly.
type Price int64

// String formats the price the Russian way with the decimals it needs:
// "1,78 ₽", "1,246 ₽".
func (p Price) String() string {
	r, f := int64(p)/10_000, int64(p)%10_000
	frac := strings.TrimRight(strconv.FormatInt(10_000+f, 10)[1:], "0")
	for len(frac) < 2 {
		frac += "0"
	}
	return strconv.FormatInt(r, 10) + "," + frac + "\u00a0₽"
}

// times returns units × p exactly, in hundredths of a kopeck.
func (p Price) times(units int64) int64 { return units * int64(p) }

// kopecks rounds an amount in hundredths of a kopeck half up to Money.
func kopecks(hundredths int64) kabinet.Money { return kabinet.Money(roundHalfUp(hundredths, 100)) }
