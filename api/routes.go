package api

// routes registers every route of the API. session() needs a device's
// bearer token; account() also an account the customer reaches under
// {acc}, else 404 as for one that does not exist — the portal's rule.
func (s *Server) routes() {
	h, me, acc := s.handle, s.session, s.account

	s.handle("GET /api/{$}", s.handleDocs) // the developers' page
	h("GET /api/v1/openapi.json", s.handleSpec)

	// Sign-in and sign-out (AUTH-1, AUTH-2, AUTH-6).
	h("POST /api/v1/sessions", s.handleSignIn)
	h("DELETE /api/v1/sessions/current", me(s.handleSignOut))

	h("GET /api/v1/accounts", me(s.handleAccounts))
	h("GET /api/v1/notifications", me(s.handleNotifications))

	// One account (HOME-1..3, PAY-1, PAY-2, PAY-4, BILL-1, METER-1..7, SVC-1..7).
	h("GET /api/v1/accounts/{acc}/balances", acc(s.handleBalances))
	h("GET /api/v1/accounts/{acc}/payments", acc(s.handlePayments))
	h("POST /api/v1/accounts/{acc}/orders", acc(s.handleOrderCreate))
	h("GET /api/v1/accounts/{acc}/autopay", acc(s.handleAutopay))
	h("GET /api/v1/accounts/{acc}/bills", acc(s.handleBills))
	h("GET /api/v1/accounts/{acc}/bills/{file}", acc(s.handleBillPDF))
	h("GET /api/v1/accounts/{acc}/meters", acc(s.handleMeters))
	h("GET /api/v1/accounts/{acc}/meters/{meter}/readings", acc(s.handleReadings))
	h("POST /api/v1/accounts/{acc}/meters/{meter}/readings", acc(s.handleReadingCreate))
	h("DELETE /api/v1/accounts/{acc}/meters/{meter}/readings/{reading}", acc(s.handleReadingDelete))
	h("GET /api/v1/accounts/{acc}/services", acc(s.handleServices))
	h("PUT /api/v1/accounts/{acc}/services", acc(s.handleServicesUpdate))
	h("GET /api/v1/accounts/{acc}/requests", acc(s.handleRequests))
	h("POST /api/v1/accounts/{acc}/requests", acc(s.handleRequestCreate))
	h("GET /api/v1/accounts/{acc}/requests/{req}/files/{att}", acc(s.handleAttachment))

	s.mux.Handle("/api/", s.adapt(s.handleNotFound))
}
