package kabinet

import "strings"

// SurnameMatches reports whether a surname typed by a customer is the
// account owner's: case, ё/е and extra spaces do not matter (AUTH-2).
func SurnameMatches(typed, owner string) bool {
	t, o := foldSurname(typed), foldSurname(owner)
	return t != "" && t == o
}

func foldSurname(s string) string {
	s = strings.ToLower(strings.Join(strings.Fields(s), " "))
	return strings.NewReplacer("ё", "е", " - ", "-", "‐", "-", "–", "-").Replace(s)
}
