package letters

import (
	"strings"
	"unicode/utf8"
)

// Greeting is how a letter greets when its words do not.
const Greeting = "Здравствуйте!"

// greetings start the lines that are a greeting. A letter greets once
// (issue 20: the act's letter greeted twice, the answer three times).
var greetings = []string{"здравствуй", "добрый день", "добрый вечер", "доброе утро", "уважаем"}

// SplitGreeting takes a greeting off the first line of text, as a
// letter's own words (with the customer's name) or an operator's answer
// may begin; ok is false, and rest is text, when it has none.
func SplitGreeting(text string) (greeting, rest string, ok bool) {
	first, after, _ := strings.Cut(strings.TrimLeft(text, " \r\n"), "\n")
	first = strings.TrimSpace(first)
	if utf8.RuneCountInString(first) > 80 || !isGreeting(first) {
		return "", text, false
	}
	return first, strings.TrimLeft(after, " \r\n"), true
}

// CountGreetings is how many lines of text begin with a greeting (an
// HTML line may begin with <p>): a letter has exactly one.
func CountGreetings(text string) int {
	n := 0
	for line := range strings.Lines(text) {
		if isGreeting(strings.TrimPrefix(strings.TrimSpace(line), "<p>")) {
			n++
		}
	}
	return n
}

func isGreeting(line string) bool {
	line = strings.ToLower(line)
	for _, g := range greetings {
		if strings.HasPrefix(line, g) {
			return true
		}
	}
	return false
}
