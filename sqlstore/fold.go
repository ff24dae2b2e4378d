package sqlstore

import (
	"database/sql/driver"
	"strings"

	"modernc.org/sqlite"
)

// SQLite's lower() folds ASCII only; kabinet_fold folds what operators
// type into look-ups (Cyrillic surnames and streets) as PostgreSQL's
// translate(lower(x), 'ё', 'е') does. Registered once for every SQLite
// connection the driver opens.
func init() {
	err := sqlite.RegisterDeterministicScalarFunction("kabinet_fold", 1,
		func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
			s, ok := args[0].(string)
			if !ok {
				return args[0], nil
			}
			return Fold(s), nil
		})
	if err != nil {
		panic(err)
	}
}

// Fold is the form text is compared in by look-ups: lower case, ё as е.
func Fold(s string) string { return strings.ReplaceAll(strings.ToLower(s), "ё", "е") }

// likeEscape escapes LIKE's wildcards in s, for patterns with ESCAPE '\'.
func likeEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}
