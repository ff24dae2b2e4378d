package auth_test

import (
	"strings"
	"testing"
	"time"

	"kabinet"
	"kabinet/auth"
	"kabinet/sqlstore/sqlstoretest"
)

func (f *fixture) firstVisit(t *testing.T, number, surname string) string {
	t.Helper()
	in, err := f.svc.SignIn(ctx, number, surname, client)
	if err != nil || !in.Registering {
		t.Fatalf("first visit = %+v, %v", in, err)
	}
	return in.Token
}

func form(by kabinet.ConfirmBy) auth.Registration {
	return auth.Registration{Surname: "петрова", Password: "Байкал-2026-омуль", Confirm: "Байкал-2026-омуль",
		Email: "Petrova@Example.RU", Phone: "+7 (902) 555-00-11", By: by, Consent: true}
}

func TestRegisterByEmail(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, dsn string) {
		f := newFixture(t, dsn)
		a := f.account(t, "ИЭСБК0041300", "Петрова")
		first := f.firstVisit(t, "ИЭСБК0041300", "Петрова")
		token, err := f.svc.Register(ctx, first, form(kabinet.ConfirmByEmail), client)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.Visit(ctx, first); err != auth.ErrNoSession {
			t.Error("the first visit's session outlived registration")
		}
		v, err := f.svc.Visit(ctx, token)
		if err != nil || v.Confirmed() || v.User.Email != "petrova@example.ru" || v.User.Phone != "79025550011" {
			t.Fatalf("after registering: %+v, %v", v, err)
		}
		t.Run("ConsentRecorded", func(t *testing.T) {
			cs, _ := f.db.FindConsents(ctx, a.ID)
			if len(cs) != 1 || cs[0].IP != client.IP || cs[0].TextVersion == "" || cs[0].Purposes != auth.ConsentPurposes || cs[0].UserID != v.User.ID {
				t.Errorf("consents = %+v", cs)
			}
		})
		t.Run("SurnameNoLongerOpensAnything", func(t *testing.T) {
			_, err := f.svc.SignIn(ctx, "ИЭСБК0041300", "Петрова", client)
			wantErr(t, err, auth.ErrSignIn)
		})
		t.Run("LinkConfirmsAndAgainAnswersTheSame", func(t *testing.T) {
			secret := f.letters.lastSecret(t)
			if err := f.svc.ConfirmEmail(ctx, secret); err != nil {
				t.Fatal(err)
			}
			used, _ := f.db.FindLatestToken(ctx, v.User.ID, kabinet.TokenConfirmEmail)
			f.now = f.now.Add(time.Minute)
			if err := f.svc.ConfirmEmail(ctx, secret); err != nil { // a mail scanner was first
				t.Fatalf("the link followed again: %v", err)
			}
			again, _ := f.db.FindLatestToken(ctx, v.User.ID, kabinet.TokenConfirmEmail)
			if !again.UsedAt.Equal(used.UsedAt) {
				t.Error("following the link again used it again")
			}
			v, _ := f.svc.Visit(ctx, token)
			if !v.Confirmed() {
				t.Error("not confirmed after the link")
			}
		})
		t.Run("PasswordSignsIn", func(t *testing.T) {
			if _, err := f.svc.SignIn(ctx, "ИЭСБК0041300", "Байкал-2026-омуль", client); err != nil {
				t.Fatal(err)
			}
		})
	})
}

func TestRegisterRefusals(t *testing.T) {
	f := newFixture(t, sqlstoretest.SQLiteDSN(t))
	f.account(t, "ИЭСБК0041300", "Петрова")
	first := f.firstVisit(t, "ИЭСБК0041300", "Петрова")
	bad := auth.Registration{Surname: "Иванова", Password: "password1", Confirm: "other", Email: "petrova", Phone: "12345"}
	_, err := f.svc.Register(ctx, first, bad, client)
	fe, ok := err.(auth.FormErrors)
	if !ok || kabinet.ErrorCode(err) != kabinet.EINVALID {
		t.Fatalf("error = %v, want FormErrors", err)
	}
	for _, field := range []string{"surname", "password", "confirm", "email", "phone", "by", "consent"} {
		if fe[field] == "" {
			t.Errorf("no reason beside %q: %v", field, fe)
		}
	}
	if n, _ := f.db.CountUsersByEmail(ctx, "petrova"); n != 0 {
		t.Error("a refused registration saved a user")
	}
	if _, err := f.svc.Visit(ctx, first); err != nil {
		t.Errorf("a refused form ended the first visit: %v", err)
	}
}

func TestEleventhAccountOnOneEmail(t *testing.T) {
	f := newFixture(t, sqlstoretest.SQLiteDSN(t))
	for i := range 11 {
		number := "ИЭСБК00" + itoa(41300+i)
		f.account(t, number, "Петрова")
		_, err := f.svc.Register(ctx, f.firstVisit(t, number, "Петрова"), form(kabinet.ConfirmByEmail), client)
		if i < 10 && err != nil {
			t.Fatalf("account %d: %v", i+1, err)
		}
		if i == 10 {
			fe, _ := err.(auth.FormErrors)
			if !strings.Contains(fe["email"], "10 лицевых счетов") {
				t.Fatalf("11th account: %v", err)
			}
		}
	}
}

func TestExpiredLinkLetsTheAccountRegisterAgain(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, dsn string) {
		f := newFixture(t, dsn)
		f.account(t, "ИЭСБК0041300", "Петрова")
		if _, err := f.svc.Register(ctx, f.firstVisit(t, "ИЭСБК0041300", "Петрова"), form(kabinet.ConfirmByEmail), client); err != nil {
			t.Fatal(err)
		}
		secret := f.letters.lastSecret(t)
		f.now = f.now.Add(24*time.Hour + time.Minute)
		wantErr(t, f.svc.ConfirmEmail(ctx, secret), auth.ErrLinkExpired)
		second := f.firstVisit(t, "ИЭСБК0041300", "Петрова")
		if _, err := f.svc.Register(ctx, second, form(kabinet.ConfirmByEmail), client); err != nil {
			t.Fatalf("registering again: %v", err)
		}
		wantErr(t, f.svc.ConfirmEmail(ctx, secret), auth.ErrLinkInvalid)
		if err := f.svc.ConfirmEmail(ctx, f.letters.lastSecret(t)); err != nil {
			t.Fatalf("the new link: %v", err)
		}
	})
}

func TestRegisterBySMS(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, dsn string) {
		f := newFixture(t, dsn)
		f.account(t, "ИЭСБК0041300", "Петрова")
		token, err := f.svc.Register(ctx, f.firstVisit(t, "ИЭСБК0041300", "Петрова"), form(kabinet.ConfirmBySMS), client)
		if err != nil {
			t.Fatal(err)
		}
		v, _ := f.svc.Visit(ctx, token)
		p, _ := f.svc.PendingState(ctx, v)
		if !p.CodeSent || p.Verified || p.Phone != "+7 (902) ***-**-11" {
			t.Fatalf("pending = %+v", p)
		}
		code := f.lastCode(t)
		if _, err := f.svc.CompleteSMS(ctx, v, client); kabinet.ErrorCode(err) != kabinet.EINVALID {
			t.Fatalf("«Сохранить» before the code: %v", err)
		}
		wrong := "000000"
		if code == wrong {
			wrong = "111111"
		}
		for _, slip := range []string{"12345", "12345a", "1234567", ""} { // not a code: no guess used up
			err = f.svc.VerifyCode(ctx, v, slip)
			if fe, _ := err.(auth.FormErrors); fe["code"] != "Код из СМС — это 6 цифр." {
				t.Fatalf("code %q: %v", slip, err)
			}
		}
		err = f.svc.VerifyCode(ctx, v, wrong)
		if fe, _ := err.(auth.FormErrors); !strings.Contains(fe["code"], "Осталось попыток: 4") {
			t.Fatalf("wrong code: %v", err)
		}
		if err := f.svc.VerifyCode(ctx, v, code); err != nil {
			t.Fatalf("right code: %v", err)
		}
		if p, _ := f.svc.PendingState(ctx, v); !p.Verified {
			t.Fatalf("after «ОК» pending = %+v, want «Подтверждено»", p)
		}
		signedIn, err := f.svc.CompleteSMS(ctx, v, client)
		if err != nil {
			t.Fatal(err)
		}
		if v, err := f.svc.Visit(ctx, signedIn); err != nil || !v.Confirmed() {
			t.Fatalf("after «Сохранить»: %+v, %v", v, err)
		}
		if _, err := f.svc.Visit(ctx, token); err != auth.ErrNoSession {
			t.Error("the pending session survived completion")
		}
	})
}

func TestCodeGuessLimit(t *testing.T) {
	f := newFixture(t, sqlstoretest.SQLiteDSN(t))
	f.account(t, "ИЭСБК0041300", "Петрова")
	token, _ := f.svc.Register(ctx, f.firstVisit(t, "ИЭСБК0041300", "Петрова"), form(kabinet.ConfirmBySMS), client)
	v, _ := f.svc.Visit(ctx, token)
	code := f.lastCode(t)
	wrong := "000000"
	if code == wrong {
		wrong = "111111"
	}
	for range 5 {
		f.svc.VerifyCode(ctx, v, wrong)
	}
	err := f.svc.VerifyCode(ctx, v, code)
	if fe, _ := err.(auth.FormErrors); !strings.Contains(fe["code"], "Слишком много") {
		t.Fatalf("the right code after 5 wrong guesses: %v", err)
	}
	if p, _ := f.svc.PendingState(ctx, v); p.CodeSent || p.Verified {
		t.Errorf("pending = %+v, want a new code needed", p)
	}
}

func TestCodeExpiresAndSMSLimits(t *testing.T) {
	f := newFixture(t, sqlstoretest.SQLiteDSN(t))
	f.account(t, "ИЭСБК0041300", "Петрова")
	token, _ := f.svc.Register(ctx, f.firstVisit(t, "ИЭСБК0041300", "Петрова"), form(kabinet.ConfirmBySMS), client)
	v, _ := f.svc.Visit(ctx, token)
	// Registration sent the first SMS; two more fit in 10 minutes.
	for i := range 2 {
		if err := f.svc.SendCode(ctx, v); err != nil {
			t.Fatalf("SMS %d: %v", i+2, err)
		}
	}
	if err := f.svc.SendCode(ctx, v); kabinet.ErrorCode(err) != kabinet.EFORBIDDEN {
		t.Fatalf("4th SMS in 10 minutes: %v", err)
	}
	code := f.lastCode(t)
	f.now = f.now.Add(10*time.Minute + time.Second)
	if err := f.svc.VerifyCode(ctx, v, code); err == nil {
		t.Fatal("an expired code was accepted")
	}
	if err := f.svc.SendCode(ctx, v); err != nil {
		t.Fatalf("after the window: %v", err)
	}
	if err := f.svc.VerifyCode(ctx, v, f.lastCode(t)); err != nil {
		t.Fatalf("the new code: %v", err)
	}
}

// A registration is told to the contacts the supplier has on file, with
// how to undo it: whoever registers need not be the owner (issue 14).
func TestRegisterTellsContactsOnFile(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, dsn string) {
		f := newFixture(t, dsn)
		a := &kabinet.Account{Number: kabinet.MustParseAccountNumber("ИЭСБК0041300"), Display: "ИЭСБК0041300", Surname: "Петрова",
			Address: "г. Иркутск", Settlement: kabinet.SettlementCity, Housing: kabinet.HousingFlat,
			Phone: "+79501234567", Email: "Petrova.Home@example.ru"}
		if err := f.db.CreateAccount(ctx, a, nil); err != nil {
			t.Fatal(err)
		}
		first := f.firstVisit(t, "ИЭСБК0041300", "Петрова")
		if _, err := f.svc.Register(ctx, first, form(kabinet.ConfirmByEmail), client); err != nil {
			t.Fatal(err)
		}
		mails, _ := f.db.FindMessages(ctx, kabinet.ChannelEmail, 10)
		var told bool
		for _, m := range mails {
			if m.Recipient == "petrova.home@example.ru" && strings.Contains(m.Text, "8-800-100-9777") &&
				strings.Contains(m.Text, kabinet.MaskEmail("petrova@example.ru")) {
				told = true
			}
		}
		if !told {
			t.Errorf("no notice to the e-mail on file among %d letters", len(mails))
		}
		sms, _ := f.db.FindMessages(ctx, kabinet.ChannelSMS, 10)
		if len(sms) != 1 || sms[0].Recipient != "79501234567" || !strings.Contains(sms[0].Text, "зарегистрирован") {
			t.Errorf("SMS = %+v, want one notice to the phone on file", sms)
		}
	})
}
