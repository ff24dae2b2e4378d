// Package billing holds the rules of the billing engine as data plus pure
// functions: tariffs and the charge for a month's consumption, norms and
// averages for months without a reading, due dates, and penalties (пени)
// with the allocation of payments. It does no I/O: the month-close engine
// reads the store, calls these functions and posts what they return.
//
// Conventions, all from DOMAIN.md:
//
//   - Money is kabinet.Money (int64 kopecks). Prices are Price, hundredths
//     of a kopeck per unit, so that 1,246 ₽/kWh is exact. Rates are Rate,
//     hundredths of a percent. Nothing passes through floating point.
//   - Intermediate results are exact fractions; a period's total is rounded
//     half up (away from zero) to the kopeck once, at the end (DOMAIN §3.4).
//     Where a total is shown as lines, the lines are rounded so that they add
//     up to the rounded total.
//   - Every rule with a date is data with a validity interval [From, To);
//     a zero To means "until further notice".
//   - Dates are calendar dates: only the year, month and day of a time.Time,
//     in its own location, count. The caller passes dates in the supplier's
//     time zone; dates this package returns are midnight UTC and mean only
//     their year, month and day.
//   - Values marked demo (Demo: true, «демо» in the name) are fixtures for the
//     demo world, not published tariffs; the UI must say so.
package billing
