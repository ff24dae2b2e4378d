package kabinet_test

import (
	"testing"

	"kabinet"
)

func TestSurnameMatches(t *testing.T) {
	tests := []struct {
		typed, owner string
		want         bool
	}{
		{"Иванов", "Иванов", true},
		{"иванов", "Иванов", true},
		{"  ИВАНОВ  ", "Иванов", true},
		{"Фёдоров", "Федоров", true},
		{"Федоров", "Фёдоров", true},
		{"Салтыков - Щедрин", "Салтыков-Щедрин", true},
		{"Иванова", "Иванов", false},
		{"Петров", "Иванов", false},
		{"", "Иванов", false},
		{"   ", "", false},
		{"Ivanov", "Иванов", false},
	}
	for _, tt := range tests {
		if got := kabinet.SurnameMatches(tt.typed, tt.owner); got != tt.want {
			t.Errorf("SurnameMatches(%q, %q) = %v, want %v", tt.typed, tt.owner, got, tt.want)
		}
	}
}
