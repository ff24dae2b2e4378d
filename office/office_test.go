package office_test

import (
	"context"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/alexedwards/argon2id"

	"kabinet"
	"kabinet/auth"
	"kabinet/filestore"
	"kabinet/office"
	"kabinet/password"
	"kabinet/requests"
	"kabinet/sqlstore"
	"kabinet/sqlstore/sqlstoretest"
	"kabinet/totp"
)

var ctx = context.Background()

const secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"

var cheapArgon = &argon2id.Params{Memory: 1024, Iterations: 1, Parallelism: 1, SaltLength: 16, KeyLength: 32}

type world struct {
	db     *sqlstore.DB
	svc    *office.Service
	hasher *password.Hasher
	now    time.Time
	mu     sync.Mutex
	admin  *kabinet.Operator
	op     *kabinet.Operator
}

func (w *world) Now() time.Time {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.now
}

func (w *world) add(d time.Duration) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.now = w.now.Add(d)
}

// code is the operator's code for the step d steps from now.
func (w *world) code(t *testing.T, d int64) string {
	key, err := totp.Decode(secret)
	if err != nil {
		t.Fatal(err)
	}
	return totp.Code(key, totp.Step(w.Now())+d, totp.Digits)
}

func newWorld(t *testing.T, dsn string, opts ...sqlstore.Option) *world {
	w := &world{db: sqlstoretest.MustOpen(t, dsn, opts...), hasher: password.NewHasher(cheapArgon, 4),
		now: time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)}
	w.db.Now = w.Now
	files, err := filestore.NewDir(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	reqs := requests.New(w.db, files, nil, nil, nil, requests.DefaultConfig(), kabinet.Calendar{})
	w.svc = office.New(w.db, reqs, w.hasher, office.DefaultConfig())
	w.svc.Clock = w.Now
	for _, n := range []office.NewOperator{
		{Login: "admin", Name: "Смирнова Ольга", Role: kabinet.RoleAdmin, Password: "Байкал-admin-2026", TOTPSecret: secret},
		{Login: "operator", Name: "Козлов Сергей", Role: kabinet.RoleOperator, Password: "Байкал-oper-2026", TOTPSecret: secret},
	} {
		added, err := w.svc.AddOperator(ctx, n)
		if err != nil {
			t.Fatal(err)
		}
		if n.Role == kabinet.RoleAdmin {
			w.admin = added.Operator
		} else {
			w.op = added.Operator
		}
	}
	return w
}

var here = auth.Client{IP: "10.1.2.3", UserAgent: "test"}

func TestSignIn(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, dsn string) {
		w := newWorld(t, dsn)
		token, o, err := w.svc.SignIn(ctx, " Operator ", "Байкал-oper-2026", w.code(t, 0), here)
		if err != nil || token == "" || o.ID != w.op.ID {
			t.Fatalf("SignIn = %q, %+v, %v", token, o, err)
		}
		if got, err := w.svc.Visit(ctx, token); err != nil || got.ID != w.op.ID {
			t.Fatalf("Visit = %+v, %v", got, err)
		}
		t.Run("CodeWorksOnce", func(t *testing.T) {
			_, _, err := w.svc.SignIn(ctx, "operator", "Байкал-oper-2026", w.code(t, 0), here)
			if err != office.ErrSignIn {
				t.Fatalf("the same code again: %v, want ErrSignIn", err)
			}
			// The step before the one used is refused too; the next works.
			if _, _, err := w.svc.SignIn(ctx, "operator", "Байкал-oper-2026", w.code(t, -1), here); err != office.ErrSignIn {
				t.Errorf("the code before a used one: %v", err)
			}
			if _, _, err := w.svc.SignIn(ctx, "operator", "Байкал-oper-2026", w.code(t, 1), here); err != nil {
				t.Errorf("the next step's code: %v", err)
			}
		})
		t.Run("UniformRefusals", func(t *testing.T) {
			w.add(time.Minute)
			before := w.hasher.Evaluations()
			for _, c := range [][3]string{
				{"admin", "Байкал-admin-2026", "000000"},      // wrong code
				{"admin", "Байкал-admin-2026", w.code(t, 2)},  // code 60 s ahead
				{"admin", "Байкал-admin-2026", w.code(t, -2)}, // code 60 s old
				{"admin", "wrong-password-1", w.code(t, 0)},   // wrong password
				{"nobody", "Байкал-admin-2026", w.code(t, 0)}, // no such login
				{"admin", "Байкал-admin-2026", ""},            // no code
			} {
				if _, _, err := w.svc.SignIn(ctx, c[0], c[1], c[2], here); err != office.ErrSignIn {
					t.Errorf("%q: %v, want ErrSignIn", c, err)
				}
			}
			if n := w.hasher.Evaluations() - before; n != 6 {
				t.Errorf("%d hashes for 6 refusals: each must cost one", n)
			}
		})
		t.Run("Lockout", func(t *testing.T) {
			w.add(time.Hour)
			for range 5 {
				w.svc.SignIn(ctx, "admin", "wrong-password-1", "000000", here)
			}
			if _, _, err := w.svc.SignIn(ctx, "admin", "Байкал-admin-2026", w.code(t, 0), here); err != office.ErrLocked {
				t.Fatalf("the right password after 5 failures: %v, want ErrLocked", err)
			}
			w.add(16 * time.Minute)
			if _, _, err := w.svc.SignIn(ctx, "admin", "Байкал-admin-2026", w.code(t, 0), here); err != nil {
				t.Fatalf("after the lockout: %v", err)
			}
		})
		t.Run("PerIP", func(t *testing.T) {
			w.add(time.Hour)
			far := auth.Client{IP: "10.9.9.9"}
			var err error
			for range 31 {
				_, _, err = w.svc.SignIn(ctx, "x", "y", "z", far)
			}
			if err != office.ErrTooMany {
				t.Errorf("31st attempt from one address: %v", err)
			}
		})
		t.Run("Timeouts", func(t *testing.T) {
			w.add(time.Hour)
			token, _, err := w.svc.SignIn(ctx, "admin", "Байкал-admin-2026", w.code(t, 0), here)
			if err != nil {
				t.Fatal(err)
			}
			for range 34 { // busy all day, a request every 14 minutes: 7 h 56 min
				w.add(14 * time.Minute)
				if _, err := w.svc.Visit(ctx, token); err != nil {
					t.Fatalf("visit within the idle timeout: %v", err)
				}
			}
			w.add(14 * time.Minute) // 8 h 10 min after sign-in
			if _, err := w.svc.Visit(ctx, token); err != office.ErrNoSession {
				t.Errorf("after 8 h: %v", err)
			}
			w.add(time.Hour)
			token, _, _ = w.svc.SignIn(ctx, "admin", "Байкал-admin-2026", w.code(t, 0), here)
			w.add(16 * time.Minute)
			if _, err := w.svc.Visit(ctx, token); err != office.ErrNoSession {
				t.Errorf("16 min idle: %v", err)
			}
			if _, err := w.svc.Visit(ctx, token); err != office.ErrNoSession {
				t.Errorf("the ended session again: %v", err)
			}
		})
	})
}

func TestAddOperator(t *testing.T) {
	w := newWorld(t, sqlstoretest.SQLiteDSN(t))
	added, err := w.svc.AddOperator(ctx, office.NewOperator{Login: "Petrov", Name: "Петров Пётр", Role: kabinet.RoleOperator})
	if err != nil {
		t.Fatal(err)
	}
	if len(added.Password) < 16 || !added.Operator.MustChangePassword || len(added.Operator.TOTPSecret) != 32 {
		t.Fatalf("added %+v", added)
	}
	if _, err := totp.Decode(added.Operator.TOTPSecret); err != nil {
		t.Fatal(err)
	}
	key, _ := totp.Decode(added.Operator.TOTPSecret)
	_, o, err := w.svc.SignIn(ctx, "petrov", added.Password, totp.Code(key, totp.Step(w.Now()), 6), here)
	if err != nil || !o.MustChangePassword {
		t.Fatalf("sign-in with the one-time password: %+v %v", o, err)
	}
	if err := w.svc.ChangePassword(ctx, o, "коротко", "коротко"); err == nil {
		t.Error("a short password was taken")
	}
	if errs, ok := w.svc.ChangePassword(ctx, o, "Ангара-2026-хариус", "Ангара-2026-хариуС").(auth.FormErrors); !ok || errs["confirm"] == "" {
		t.Errorf("a confirmation that differs: %v", errs)
	}
	if err := w.svc.ChangePassword(ctx, o, "Ангара-2026-хариус", "Ангара-2026-хариус"); err != nil {
		t.Fatal(err)
	}
	w.add(time.Minute)
	if _, o, err = w.svc.SignIn(ctx, "petrov", "Ангара-2026-хариус", totp.Code(key, totp.Step(w.Now()), 6), here); err != nil || o.MustChangePassword {
		t.Fatalf("sign-in with the new password: %+v %v", o, err)
	}
	for _, bad := range []office.NewOperator{
		{Login: "petrov", Name: "x", Role: kabinet.RoleOperator},
		{Login: "", Name: "x", Role: kabinet.RoleOperator},
		{Login: "a b", Name: "x", Role: kabinet.RoleOperator},
		{Login: "x", Name: "", Role: kabinet.RoleOperator},
		{Login: "x", Name: "x", Role: "root"},
		{Login: "x", Name: "x", Role: kabinet.RoleAdmin, TOTPSecret: "not base32!"},
		{Login: "x", Name: "x", Role: kabinet.RoleAdmin, Password: "123"},
	} {
		if _, err := w.svc.AddOperator(ctx, bad); err == nil {
			t.Errorf("added %+v", bad)
		}
	}
}

func TestAccountsAndAudit(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, dsn string) {
		w := newWorld(t, dsn)
		a := &kabinet.Account{Number: kabinet.MustParseAccountNumber("10103001857"), Display: "10103001857", Surname: "Иванов",
			FirstName: "Иван", Patronymic: "Иванович", Address: "г. Иркутск, ул. Ленина, д. 5, кв. 12",
			Settlement: kabinet.SettlementCity, Housing: kabinet.HousingFlat}
		if err := w.db.CreateAccount(ctx, a, nil); err != nil {
			t.Fatal(err)
		}
		u := &kabinet.User{PasswordHash: "$argon2id$x", Email: "ivanov@example.ru", ConfirmBy: kabinet.ConfirmByEmail}
		if err := w.db.CreateUser(ctx, u, a.ID); err != nil {
			t.Fatal(err)
		}
		for _, q := range []string{"10103001857", " 101-030-018 57", "иванов", "ленина 5"} {
			found, err := w.svc.Search(ctx, w.op, q, here)
			if err != nil || len(found) != 1 || found[0].ID != a.ID {
				t.Errorf("search %q: %v %v", q, found, err)
			}
		}
		if found, _ := w.svc.Search(ctx, w.op, "99999999999", here); len(found) != 0 {
			t.Errorf("an unknown number found %v", found)
		}
		card, err := w.svc.Account(ctx, w.op, a.ID, here)
		if err != nil || card.Owner == nil || card.Owner.ID != u.ID || len(card.Users) != 1 {
			t.Fatalf("card %+v, %v", card, err)
		}
		if _, err := w.svc.Audit(ctx, w.op, office.AuditQuery{}); err != office.ErrAdminOnly {
			t.Errorf("an operator read the audit log: %v", err)
		}
		if _, err := w.svc.Operators(ctx, w.op); err != office.ErrAdminOnly {
			t.Errorf("an operator listed operators: %v", err)
		}
		if err := w.svc.DeleteRegistration(ctx, w.op, a.ID, here); err != nil {
			t.Fatal(err)
		}
		if err := w.svc.DeleteRegistration(ctx, w.op, a.ID, here); kabinet.ErrorCode(err) != kabinet.ENOTFOUND {
			t.Errorf("deleting again: %v", err)
		}
		es, err := w.svc.Audit(ctx, w.admin, office.AuditQuery{Account: "10103001857"})
		if err != nil || len(es) != 2 {
			t.Fatalf("audit of the account: %v %v", es, err)
		}
		if es[0].Action != kabinet.AuditDeleteRegistration || es[0].Detail != "регистрация №"+strconv.FormatInt(u.ID, 10)+", "+kabinet.MaskEmail(u.Email) ||
			es[1].Action != kabinet.AuditViewAccount || es[1].OperatorLogin != "operator" || es[1].IP != "10.1.2.3" {
			t.Errorf("audit entries %+v %+v", es[0], es[1])
		}
		all, _ := w.svc.Audit(ctx, w.admin, office.AuditQuery{Filter: kabinet.AuditFilter{OperatorID: w.op.ID}})
		searches := 0
		for _, e := range all {
			if e.Action == kabinet.AuditSearch {
				searches++
			}
		}
		if searches != 5 {
			t.Errorf("%d searches audited, want 5", searches)
		}
	})
}
