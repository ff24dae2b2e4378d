package exchangeapi

// routes registers every route of the exchange. Each needs a token of the
// exchange scope (needToken); the catch-all answers a JSON 404.
func (s *Server) routes() {
	s.handle("GET /api/exchange/v1/export", s.handleExport)
	s.handle("GET /api/exchange/v1/requests/{req}/attachments/{att}", s.handleAttachment)
	s.handle("POST /api/exchange/v1/{kind}", s.handleImport)
	s.handle("/api/exchange/v1/", s.handleNotFound)
}
