// Package auth lets customers into their cabinet as the manual (§3)
// describes, and nobody else: the first visit by account number and
// surname, registration confirmed by an e-mail link or an SMS code, sign-in
// by password, password recovery, sessions, rate limits and lockouts. It
// is an application service: it takes the store and the channels through
// small interfaces and knows nothing of HTTP.
package auth

import (
	"log/slog"
	"time"

	"kabinet"
	"kabinet/password"
)

// Client is where a request came from, for rate limits, consent records
// and sessions.
type Client struct {
	IP        string
	UserAgent string
	// Device, when set, signs a device of the mobile app in (/api/v1/):
	// its session is a bearer token named so, not a browser's cookie.
	Device string
}

// Config holds the limits of sign-in. DefaultConfig has the values.
type Config struct {
	BaseURL      string // links in e-mails point here
	SupplierName string
	// Calendar is the application's clock (the zone is not used here).
	Calendar kabinet.Calendar

	IdleTimeout     time.Duration // a session ends after this long unused
	AbsoluteTimeout time.Duration // and this long after sign-in in any case
	RegisterWindow  time.Duration // a first visit has this long to fill the form
	// DeviceAbsoluteTimeout ends a device's session this long after
	// sign-in; it ends after kabinet.DeviceSessionIdle unused anyway.
	DeviceAbsoluteTimeout time.Duration

	EmailLinkTTL   time.Duration // registration link
	ResetLinkTTL   time.Duration // password reset link
	CodeTTL        time.Duration // SMS code
	MaxCodeGuesses int           // per code

	SMSPerPhone      Limit // per phone, short window
	SMSPerPhoneDaily Limit
	MailPerUser      Limit // confirmation and reset letters per user

	AccountFailures Limit // failed sign-ins per account number before lockout
	SignInPerIP     Limit
	ResetPerIP      Limit
	PayeePerIP      Limit // «Оплата другого лицевого счета» look-ups

	MaxAccountsPerEmail int // AUTH-8
	MaxLinkedAccounts   int // accounts one customer may link to theirs (DATA-3)
	ConsentVersion      string
}

// Limit is a number of events allowed in a window.
type Limit struct {
	N      int
	Window time.Duration
}

// DefaultConfig returns the limits the issue sets.
func DefaultConfig() Config {
	return Config{
		SupplierName:          "Демо-Энергосбыт",
		IdleTimeout:           30 * time.Minute,
		AbsoluteTimeout:       12 * time.Hour,
		RegisterWindow:        30 * time.Minute,
		DeviceAbsoluteTimeout: 180 * 24 * time.Hour,
		EmailLinkTTL:          24 * time.Hour,
		ResetLinkTTL:          time.Hour,
		CodeTTL:               10 * time.Minute,
		MaxCodeGuesses:        5,

		SMSPerPhone:      Limit{3, 10 * time.Minute},
		SMSPerPhoneDaily: Limit{10, 24 * time.Hour},
		MailPerUser:      Limit{5, time.Hour},

		AccountFailures: Limit{10, 15 * time.Minute},
		SignInPerIP:     Limit{60, 10 * time.Minute},
		ResetPerIP:      Limit{10, time.Hour},
		PayeePerIP:      Limit{30, time.Hour},

		MaxAccountsPerEmail: 10,
		MaxLinkedAccounts:   20,
		ConsentVersion:      "2026-11-01",
	}
}

// Service is the sign-in service.
type Service struct {
	store    Store
	hasher   *password.Hasher
	messages Messages
	cfg      Config
	// Calendar is cfg.Calendar; tests move its clock.
	kabinet.Calendar
	// Background runs work the answer must not wait for (the letter of a
	// password reset); tests run it at once.
	Background func(func())
	// Log records what failed in the background.
	Log *slog.Logger
}

// ConsentVersion is the version of the consent text registration records.
func (s *Service) ConsentVersion() string { return s.cfg.ConsentVersion }

// New returns the service.
func New(store Store, hasher *password.Hasher, messages Messages, cfg Config) *Service {
	return &Service{store: store, hasher: hasher, messages: messages, cfg: cfg, Calendar: cfg.Calendar,
		Background: func(f func()) { go f() }, Log: slog.Default()}
}

// Errors the pages tell apart. The failures of sign-in are one error on
// purpose: the answer must not reveal which part was wrong.
var (
	ErrSignIn    = kabinet.Errorf(kabinet.EUNAUTHORIZED, "Неверный номер лицевого счета или фамилия / пароль.")
	ErrLocked    = kabinet.Errorf(kabinet.EFORBIDDEN, "Слишком много неудачных попыток входа. Попробуйте снова через 15 минут или восстановите пароль.")
	ErrTooMany   = kabinet.Errorf(kabinet.EFORBIDDEN, "Слишком много запросов. Подождите немного и попробуйте снова.")
	ErrNoSession = kabinet.Errorf(kabinet.EUNAUTHORIZED, "Сеанс завершён. Войдите снова.")
	// ErrRegisterFirst answers the app's sign-in by number and surname, a
	// first visit: registration (consent, e-mail or phone, password) is
	// done on the portal's pages, not in the app.
	ErrRegisterFirst = kabinet.Errorf(kabinet.EFORBIDDEN, "Лицевой счет еще не зарегистрирован. Зарегистрируйтесь на сайте личного кабинета: войдите по номеру лицевого счета и фамилии и заполните форму регистрации, затем входите в приложение по паролю.")
	// ErrConfirmFirst answers the app's sign-in of a registration whose
	// e-mail or phone is not confirmed yet.
	ErrConfirmFirst = kabinet.Errorf(kabinet.EFORBIDDEN, "Регистрация не подтверждена. Перейдите по ссылке из письма или введите код из SMS на сайте личного кабинета.")
	ErrLinkExpired  = kabinet.Errorf(kabinet.EINVALID, "Срок действия ссылки истёк.")
	ErrLinkInvalid  = kabinet.Errorf(kabinet.ENOTFOUND, "Ссылка недействительна или уже использована.")
)
