package billing

import (
	"strconv"
	"strings"
)

// Rate is an annual rate in hundredths of a percent: 9,5 % is 950.
type Rate int64

// String formats the rate as "9,5 %" or "16 %".
func (r Rate) String() string {
	s := strconv.FormatInt(int64(r)/100, 10)
	if f := int64(r) % 100; f != 0 {
		s += "," + strings.TrimRight(strconv.FormatInt(100+f, 10)[1:], "0")
	}
	return s + "\u00a0%"
}
