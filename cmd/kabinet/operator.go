package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"kabinet"
	"kabinet/cmd/kabinet/app"
	"kabinet/demo"
	"kabinet/office"
	"kabinet/sqlstore"
)

// operatorFlags are the flags of `kabinet operator add`.
type operatorFlags struct {
	login, name, role string
	passwordStdin     bool
}

func (f *operatorFlags) bind(fs *flag.FlagSet) {
	fs.StringVar(&f.login, "login", "", "the operator's login")
	fs.StringVar(&f.name, "name", "", "the operator's name as shown in the back office and the audit log")
	fs.StringVar(&f.role, "role", "operator", "operator or admin")
	fs.BoolVar(&f.passwordStdin, "password-stdin", false, "read the password from the first line of standard input instead of making a one-time one")
}

// addOperator adds a back-office operator and prints what to hand over:
// the one-time password (unless one came on stdin) and the TOTP
// provisioning URI for an authenticator app.
func addOperator(ctx context.Context, cfg Config, f operatorFlags, stdin io.Reader, out io.Writer) error {
	n := office.NewOperator{Login: f.login, Name: f.name, Role: kabinet.Role(f.role)}
	if f.passwordStdin {
		line, err := bufio.NewReader(stdin).ReadString('\n')
		if err != nil && !errors.Is(err, io.EOF) {
			return err
		}
		if n.Password = strings.TrimRight(line, "\r\n"); n.Password == "" {
			return fmt.Errorf("no password on standard input")
		}
	}
	return withDB(ctx, cfg, func(db *sqlstore.DB) error {
		added, err := app.NewOffice(db, cfg, kabinet.Calendar{Clock: db.Now}).AddOperator(ctx, n)
		if err != nil {
			return err
		}
		o := added.Operator
		fmt.Fprintf(out, "Added %s %q (%s).\n", o.Role, o.Login, o.Name)
		if added.Password != "" {
			fmt.Fprintf(out, "One-time password (to be changed at the first sign-in): %s\n", added.Password)
		}
		fmt.Fprintf(out, "TOTP secret: %s\nAdd it to an authenticator app, or open this URI on the phone:\n%s\n", o.TOTPSecret, added.URI)
		return nil
	})
}

// ensureDemoOperators adds the demo's documented operators to a demo
// world that lacks them.
func ensureDemoOperators(ctx context.Context, a *app.App) error {
	if _, err := a.DB.FindWorld(ctx); err != nil {
		return nil // no demo world, no demo operators
	}
	for _, d := range demo.Operators() {
		_, err := a.DB.FindOperatorByLogin(ctx, d.Login)
		if err == nil {
			continue
		} else if kabinet.ErrorCode(err) != kabinet.ENOTFOUND {
			return err
		}
		_, err = a.Office.AddOperator(ctx, office.NewOperator{Login: d.Login, Name: d.Name, Role: d.Role, Password: d.Password,
			TOTPSecret: d.TOTPSecret})
		if err != nil && kabinet.ErrorCode(err) != kabinet.ECONFLICT { // another server added it first
			return err
		}
	}
	return nil
}
