package web

import (
	"net/http"

	"kabinet"
)

// routes registers every route of the customer portal, the site the shell
// mounts at / (the shell's own routes and the other sites are in
// routes_shell.go). Patterns use the stdlib ServeMux syntax; "{$}" pins
// the root so "/" alone is the catch-all that renders the Russian 404
// page. a() marks the routes that need the
// sign-in service; acc() the pages of one account, p() the confirmation
// steps.
func (s *portalSite) routes() {
	m, h := routeTable{&s.site}, s.handle
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
	m.Handle("GET /a/{acc}/payments", h(acc(s.handlePaymentsShow)))
	m.Handle("GET /a/{acc}/bills/sample.pdf", h(acc(s.handleSamplePDF)))
	m.Handle("GET /a/{acc}/charges", h(acc(s.handleChargesShow))) // issue 20: «Начисления»
	m.Handle("GET /a/{acc}/bills/{file}", h(acc(s.handleBillPDF)))
	m.Handle("POST /a/{acc}/services", h(acc(s.handleServicesUpdate)))
	m.Handle("GET /notifications", h(s.cabinet(s.handleNotificationsShow)))
	m.Handle("POST /a/{acc}/push", h(acc(s.handlePushCreate))) // SVC-1, from push.js
	m.Handle("GET /unsubscribe", h(s.handleUnsubscribeShow))   // the link in informing e-mails
	m.Handle("POST /unsubscribe", h(s.handleUnsubscribeCreate))

	// Requests and enquiries (SVC-5..7, FEED-1..3).
	m.Handle("GET /a/{acc}/specialist", h(acc(s.handleSpecialistShow)))
	m.Handle("POST /a/{acc}/specialist", h(acc(s.handleSpecialistCreate)))
	m.Handle("GET /a/{acc}/statement", h(acc(s.handleStatementShow)))
	m.Handle("POST /a/{acc}/statement", h(acc(s.handleStatementCreate)))
	m.Handle("GET /a/{acc}/documents", h(acc(s.handleDocumentsShow)))
	m.Handle("POST /a/{acc}/documents", h(acc(s.handleDocumentsCreate)))
	m.Handle("GET /a/{acc}/requests", h(acc(s.handleRequestsShow)))
	m.Handle("GET /a/{acc}/requests/{req}/files/{att}", h(acc(s.handleAttachment)))
	m.Handle("GET /feedback", h(s.handleFeedbackShow))
	m.Handle("POST /feedback", h(s.handleFeedbackCreate))

	m.Handle("GET /a/{acc}/readings", h(acc(s.needReadings(s.handleReadingsShow))))
	m.Handle("POST /a/{acc}/readings/{meter}", h(acc(s.needReadings(s.handleReadingCreate))))
	m.Handle("GET /a/{acc}/readings/{meter}/{reading}/delete", h(acc(s.needReadings(s.handleReadingDeleteAsk))))
	m.Handle("POST /a/{acc}/readings/{meter}/{reading}/delete", h(acc(s.needReadings(s.handleReadingDelete))))

	// «Личные данные» and linked accounts (DATA-1..3).
	m.Handle("GET /a/{acc}/profile", h(acc(s.handleProfileShow)))
	m.Handle("POST /a/{acc}/profile/name", h(acc(s.handleAccountName)))
	m.Handle("POST /a/{acc}/profile/links", h(acc(s.handleLinkCreate)))
	m.Handle("GET /a/{acc}/security", h(acc(s.handleSecurityShow)))
	m.Handle("POST /a/{acc}/security/password", h(acc(s.handlePasswordChange)))
	m.Handle("GET /a/{acc}/security/email", h(acc(s.handleEmailChangeShow)))
	m.Handle("POST /a/{acc}/security/email", h(acc(s.handleEmailChange)))
	m.Handle("GET /a/{acc}/security/phone", h(acc(s.handlePhoneChangeShow)))
	m.Handle("POST /a/{acc}/security/phone", h(acc(s.handlePhoneChange)))
	m.Handle("POST /a/{acc}/security/phone/code", h(acc(s.handlePhoneCode)))
	m.Handle("POST /a/{acc}/security/devices/{device}/end", h(acc(s.handleDeviceEnd)))
	m.Handle("POST /a/{acc}/security/devices/end-all", h(acc(s.handleSignOutEverywhere)))
	m.Handle("GET /security/email", h(a(s.handleEmailConfirmShow)))
	m.Handle("POST /security/email", h(a(s.handleEmailConfirm)))
	m.Handle("GET /a/{acc}/unlink", h(acc(s.handleUnlinkShow)))
	m.Handle("POST /a/{acc}/unlink", h(acc(s.handleUnlinkCreate)))
	m.Handle("POST /a/{acc}/access/requests/{request}/approve", h(acc(s.handleAccessApprove)))
	m.Handle("POST /a/{acc}/access/requests/{request}/decline", h(acc(s.handleAccessDecline)))
	m.Handle("POST /a/{acc}/access/users/{user}/revoke", h(acc(s.handleAccessRevoke)))

	// Card payments (PAY-1): the form, the bank's return and callbacks.
	if s.payments != nil {
		m.Handle("GET /a/{acc}/pay", h(acc(s.handlePayShow)))
		m.Handle("POST /a/{acc}/pay", h(acc(s.handlePayCreate)))
		m.Handle("POST /a/{acc}/pay/all", h(acc(s.handlePayAll)))     // issue 20: «Оплатить всё»
		m.Handle("GET /a/{acc}/autopay", h(acc(s.handleAutopayShow))) // PAY-2
		m.Handle("GET /a/{acc}/autopay/off", h(acc(s.handleAutopayOffAsk)))
		m.Handle("POST /a/{acc}/autopay/off", h(acc(s.handleAutopayOff)))
		m.Handle("GET /payments/return", h(s.handlePaymentReturn))
		m.Handle("GET /payments/sbp/{number}", h(s.handleSBPShow)) // issue 21: СБП, signed in or not
		m.Handle("GET /payments/sbp/{number}/status", h(s.handleSBPStatus))
		m.Handle("GET /pay", h(s.handlePayOtherShow)) // PAY-3, signed in or not
		m.Handle("POST /pay", h(a(s.handlePayOtherCreate)))
		m.Handle("POST /pay/order", h(a(s.handlePayOtherOrder)))
		m.HandleFunc("GET /payments/callback", s.handlePaymentCallback)
		m.HandleFunc("POST /payments/callback", s.handlePaymentCallback)
	}
	if s.devBank != nil { // the demo's bank, never in production
		m.Handle("/dev/bank/", http.StripPrefix("/dev/bank", s.devBank))
	}

	// The installable app (UI-3): manifest, service worker, offline page.
	m.Handle("GET /manifest.webmanifest", h(s.handleManifest))
	m.Handle("GET /sw.js", h(s.handleServiceWorker))
	m.Handle("GET "+offlinePath, h(s.handleOffline))

	// Version for the visually impaired (UI-2).
	m.Handle("GET /a11y", h(s.handleA11yShow))
	m.Handle("POST /a11y", h(s.handleA11yUpdate))

	// The demo's outbox; 404 unless Config.DevOutbox.
	m.Handle("GET /dev/mail", h(s.handleDevOutbox(kabinet.ChannelEmail)))
	m.Handle("GET /dev/sms", h(s.handleDevOutbox(kabinet.ChannelSMS)))

	m.Fallback("/", h(s.handleNotFound))
}
