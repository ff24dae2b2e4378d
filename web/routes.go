package web

import "kabinet"

// routes registers every route of the customer portal. Patterns use the
// stdlib ServeMux syntax; "{$}" pins the root so "/" alone is the catch-all
// that renders the Russian 404 page. a() marks the routes that need the
// sign-in service; acc() the pages of one account, p() the confirmation
// steps.
func (s *Server) routes() {
	m, h := s.mux, s.handle
	a := s.needAuth
	p := func(f pendingHandler) handlerFunc { return s.needAuth(s.pending(f)) }
	acc := func(f accountHandler) handlerFunc { return s.needAuth(s.account(f)) }

	// Sign-in and sign-out (AUTH-1, AUTH-2, AUTH-6).
	m.Handle("GET /{$}", h(s.handleHome))
	m.Handle("GET /login", h(s.handleLoginShow))
	m.Handle("POST /login", h(a(s.handleLoginCreate)))
	m.Handle("POST /logout", h(a(s.handleLogout)))

	// Registration and its confirmation (AUTH-3, AUTH-4, AUTH-5).
	m.Handle("GET /register", h(a(s.handleRegisterShow)))
	m.Handle("POST /register", h(a(s.handleRegisterCreate)))
	m.Handle("GET /consent", h(s.handleConsentShow))
	m.Handle("GET /register/pending", h(p(s.handlePendingShow)))
	m.Handle("POST /register/resend", h(p(s.handleResend)))
	m.Handle("POST /register/sms", h(p(s.handleSendCode)))
	m.Handle("POST /register/code", h(p(s.handleVerifyCode)))
	m.Handle("POST /register/complete", h(p(s.handleComplete)))
	m.Handle("GET /register/confirm", h(a(s.handleConfirmEmail)))

	// Password recovery (AUTH-7).
	m.Handle("GET /password", h(s.handlePasswordShow))
	m.Handle("POST /password", h(a(s.handlePasswordCreate)))
	m.Handle("POST /password/code", h(a(s.handlePasswordCode)))
	m.Handle("GET /password/reset", h(a(s.handleResetShow)))
	m.Handle("POST /password/reset", h(a(s.handleResetCreate)))

	// The cabinet. Pages of one account live under /a/{acc}/, where acc
	// is the account's ID; the guard answers 404 to anybody who does not
	// reach it. Its sections come with the next issues.
	m.Handle("GET /a/{acc}/{$}", h(acc(s.handleAccountHome)))
	m.Handle("GET /a/{acc}/readings", h(acc(s.needReadings(s.handleReadingsShow))))
	m.Handle("POST /a/{acc}/readings/{meter}", h(acc(s.needReadings(s.handleReadingCreate))))
	m.Handle("POST /a/{acc}/readings/{meter}/{reading}/delete", h(acc(s.needReadings(s.handleReadingDelete))))
	m.Handle("GET /a/{acc}/profile", h(acc(s.soon("Личные данные",
		"Здесь можно будет изменить адрес e-mail, телефон и пароль, настроить уведомления."))))

	// Version for the visually impaired (UI-2).
	m.Handle("GET /a11y", h(s.handleA11yShow))
	m.Handle("POST /a11y", h(s.handleA11yUpdate))

	// The demo's outbox; 404 unless Config.DevOutbox.
	m.Handle("GET /dev/mail", h(s.handleDevOutbox(kabinet.ChannelEmail)))
	m.Handle("GET /dev/sms", h(s.handleDevOutbox(kabinet.ChannelSMS)))

	// Static assets under content-hashed URLs.
	m.Handle("GET /static/{hash}/{name...}", h(s.handleAsset))

	// Operations.
	m.HandleFunc("GET /healthz", s.handleHealthz)
	m.HandleFunc("GET /readyz", s.handleReadyz)
	m.Handle("GET /metrics", s.metricsHandler())

	m.Handle("/", h(s.handleNotFound))
}
