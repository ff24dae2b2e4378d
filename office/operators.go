package office

import (
	"context"
	"crypto/rand"
	"strings"

	"kabinet"
	"kabinet/auth"
	"kabinet/password"
	"kabinet/totp"
)

// NewOperator is an operator to add, as `kabinet operator add` takes it.
type NewOperator struct {
	Login, Name string
	Role        kabinet.Role
	// Password is the operator's password; "" makes a random one-time
	// password that the first sign-in replaces.
	Password string
	// TOTPSecret is the base32 secret; "" makes a random one. The demo
	// fixes it so that its operators' codes can be computed.
	TOTPSecret string
}

// Added is an operator just added: what to hand over to the person.
type Added struct {
	Operator *kabinet.Operator
	// Password is the one-time password made for them, "" if one was given.
	Password string
	// URI is the provisioning URI (otpauth://) for their authenticator app.
	URI string
}

// AddOperator adds an operator. A login that is taken is ECONFLICT.
func (s *Service) AddOperator(ctx context.Context, n NewOperator) (*Added, error) {
	o := &kabinet.Operator{Login: kabinet.NormalizeLogin(n.Login), Name: strings.TrimSpace(n.Name), Role: n.Role,
		TOTPSecret: n.TOTPSecret, TOTPStep: -1}
	switch {
	case o.Login == "" || strings.ContainsAny(o.Login, " \t:/"):
		return nil, kabinet.Errorf(kabinet.EINVALID, "Логин обязателен и не может содержать пробелы, «:» и «/».")
	case o.Name == "":
		return nil, kabinet.Errorf(kabinet.EINVALID, "Укажите имя оператора.")
	case !o.Role.Valid():
		return nil, kabinet.Errorf(kabinet.EINVALID, "Роль должна быть operator или admin.")
	}
	if o.TOTPSecret == "" {
		o.TOTPSecret = totp.NewSecret()
	} else if _, err := totp.Decode(o.TOTPSecret); err != nil {
		return nil, kabinet.Errorf(kabinet.EINVALID, "Секрет TOTP должен быть в base32, не короче 80 бит.")
	}
	added := &Added{Operator: o, URI: totp.URI(s.cfg.Issuer, o.Login, o.TOTPSecret)}
	pw := n.Password
	if pw == "" {
		pw = rand.Text()
		added.Password, o.MustChangePassword = pw, true
	} else if err := password.Check(pw); err != nil {
		return nil, err
	}
	var err error
	if o.PasswordHash, err = s.hasher.Hash(ctx, pw); err != nil {
		return nil, err
	}
	if err := s.store.CreateOperator(ctx, o); err != nil {
		return nil, err
	}
	return added, nil
}

// ChangePassword sets the operator's own new password; a one-time password
// must be replaced before anything else. The form errors are keyed by
// field: "password", "confirm".
func (s *Service) ChangePassword(ctx context.Context, o *kabinet.Operator, pw, confirm string) error {
	errs := map[string]string{}
	if err := password.Check(pw); err != nil {
		errs["password"] = kabinet.ErrorMessage(err)
	} else if pw != confirm {
		errs["confirm"] = "Пароли не совпадают."
	}
	if len(errs) > 0 {
		return auth.FormErrors(errs)
	}
	hash, err := s.hasher.Hash(ctx, pw)
	if err != nil {
		return err
	}
	return s.store.SetOperatorPassword(ctx, o.ID, hash)
}
