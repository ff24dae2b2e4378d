package demo

import "kabinet"

// Operator is a documented back-office user of the demo: its TOTP secret
// is fixed and printed, so a demo user can add it to any authenticator app
// and tests can compute the codes.
type Operator struct {
	Login, Name, Password string
	Role                  kabinet.Role
	TOTPSecret            string
}

// Operators returns the demo's operator and admin. They exist only in a
// demo world; a real installation starts with none and adds its first
// admin with `kabinet operator add`.
func Operators() []Operator {
	return []Operator{
		{Login: "operator", Name: "Козлова Марина Петровна", Password: "oper-demo-2026", Role: kabinet.RoleOperator,
			TOTPSecret: "KABINETDEMOPERATORKABINETDEMOOPS"},
		{Login: "admin", Name: "Смирнов Андрей Викторович", Password: "admin-demo-2026", Role: kabinet.RoleAdmin,
			TOTPSecret: "KABINETDEMOADMINKABINETDEMOADMIN"},
	}
}
