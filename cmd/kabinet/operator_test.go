package main

import (
	"bytes"
	"context"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"kabinet"
	"kabinet/auth"
	"kabinet/cmd/kabinet/app"
	"kabinet/sqlstore/sqlstoretest"
	"kabinet/totp"
)

var (
	oneTimeRE = regexp.MustCompile(`One-time password \(to be changed at the first sign-in\): (\S+)`)
	uriRE     = regexp.MustCompile(`otpauth://totp/\S+`)
)

// signInWith signs in to the back office as the printed output says.
func signInWith(t *testing.T, dsn, login, pw, uri string) *kabinet.Operator {
	t.Helper()
	u, err := url.Parse(uri)
	if err != nil {
		t.Fatal(err)
	}
	key, err := totp.Decode(u.Query().Get("secret"))
	if err != nil {
		t.Fatal(err)
	}
	db := sqlstoretest.MustOpen(t, dsn)
	defer db.Close()
	_, o, err := app.NewOffice(db, Config{}, kabinet.Calendar{}).SignIn(context.Background(), login, pw, totp.Code(key, totp.Step(time.Now()), totp.Digits),
		auth.Client{IP: "127.0.0.1"})
	if err != nil {
		t.Fatalf("sign in as %s: %v", login, err)
	}
	return o
}

func TestOperatorAdd(t *testing.T) {
	dsn := sqlstoretest.SQLiteDSN(t)
	var out bytes.Buffer
	if err := run(context.Background(), []string{"operator", "add", "--db", dsn, "--login", "Petrov", "--name", "Петров Пётр", "--role", "admin"}, &out); err != nil {
		t.Fatal(err)
	}
	pw, uri := oneTimeRE.FindStringSubmatch(out.String()), uriRE.FindString(out.String())
	if pw == nil || uri == "" || !strings.Contains(uri, "issuer=") {
		t.Fatalf("output:\n%s", out.String())
	}
	if o := signInWith(t, dsn, "petrov", pw[1], uri); o.Role != kabinet.RoleAdmin || !o.MustChangePassword {
		t.Errorf("added %+v", o)
	}

	out.Reset()
	err := runIn(context.Background(), []string{"operator", "add", "--db", dsn, "--login", "ivanova", "--name", "Иванова", "--password-stdin"},
		strings.NewReader("Ангара-2026-хариус\n"), &out)
	if err != nil {
		t.Fatal(err)
	}
	if oneTimeRE.MatchString(out.String()) {
		t.Errorf("a one-time password printed for a password from stdin:\n%s", out.String())
	}
	if o := signInWith(t, dsn, "ivanova", "Ангара-2026-хариус", uriRE.FindString(out.String())); o.Role != kabinet.RoleOperator || o.MustChangePassword {
		t.Errorf("added %+v", o)
	}

	for _, args := range [][]string{
		{"operator", "add", "--login", "petrov", "--name", "Другой"}, // taken
		{"operator", "add", "--login", "x", "--name", "X", "--role", "root"},
		{"operator", "add", "--login", "y", "--name", "Y", "--password-stdin"}, // nothing on stdin
		{"operator", "remove", "--login", "petrov"},
		{"operator"},
	} {
		if err := run(context.Background(), append(args, "--db", dsn), &out); err == nil {
			t.Errorf("%q: no error", args)
		}
	}
}

func TestDemoOperators(t *testing.T) {
	m := MustRunMain(t, sqlstoretest.SQLiteDSN(t))
	o, err := m.app.DB.FindOperatorByLogin(context.Background(), "admin")
	if err != nil || o.Role != kabinet.RoleAdmin || o.TOTPSecret != "KABINETDEMOADMINKABINETDEMOADMIN" {
		t.Fatalf("the demo admin: %+v %v", o, err)
	}
	// A second start adds nobody twice.
	if err := ensureDemoOperators(context.Background(), m.app); err != nil {
		t.Fatal(err)
	}
	ops, _ := m.app.DB.FindOperators(context.Background())
	if len(ops) != 2 {
		t.Errorf("%d operators after a second start", len(ops))
	}
}
