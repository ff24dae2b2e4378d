package web

// routes registers every route of the back office, the site the shell
// mounts at /office/. Each route is registered with its access level
// (officeTable): public, operators', or admins' only. The catch-all
// answers 404 and 405 in the office's layout, with or without an office
// service.
func (s *officeSite) routes() {
	m := routeTable{&s.site}
	if s.office != nil {
		o := officeTable{s, m}
		o.public("GET /office/login", s.handleOfficeLoginShow)
		o.public("POST /office/login", s.handleOfficeLoginCreate)
		o.operator("POST /office/logout", s.handleOfficeLogout)
		o.operator("GET /office/password", s.handleOfficePasswordShow)
		o.operator("POST /office/password", s.handleOfficePasswordUpdate)
		o.operator("GET /office/{$}", s.handleOfficeHome)
		o.operator("GET /office/accounts", s.handleOfficeAccounts)
		o.operator("GET /office/accounts/{id}", s.handleOfficeAccount)
		o.operator("POST /office/accounts/{id}/registration/delete", s.handleOfficeDeleteRegistration)
		o.operator("GET /office/requests", s.handleOfficeQueue)
		o.operator("GET /office/requests/{req}", s.handleOfficeRequest)
		o.operator("POST /office/requests/{req}/assign", s.handleOfficeAssign)
		o.operator("POST /office/requests/{req}/status", s.handleOfficeStatus)
		o.operator("POST /office/requests/{req}/answer", s.handleOfficeAnswer)
		o.operator("GET /office/requests/{req}/files/{att}", s.handleOfficeAttachment)
		o.admin("GET /office/audit", s.handleOfficeAudit)
		if s.broadcasts != nil { // the admins' messages to many customers
			o.admin("GET /office/broadcasts", s.handleOfficeBroadcasts)
			o.admin("POST /office/broadcasts", s.handleOfficeBroadcastCreate)
			o.admin("GET /office/broadcasts/{id}", s.handleOfficeBroadcast)
			o.admin("POST /office/broadcasts/{id}/send", s.handleOfficeBroadcastSend)
		}
	}
	m.Fallback("/office/", s.handle(s.handleNotFound))
	m.Fallback("/office", s.handle(s.handleNotFound))
}

// officeTable registers /office/ routes with the guard of their access
// level, and records the level: the access matrix checks every route
// against it, so a new route is covered without touching the test.
type officeTable struct {
	s *officeSite
	m routeTable
}

func (t officeTable) public(pattern string, h handlerFunc) {
	t.s.officeAccess[pattern] = officePublic
	t.m.Handle(pattern, t.s.handle(h))
}

func (t officeTable) operator(pattern string, h officeHandler) {
	t.s.officeAccess[pattern] = officeOperator
	t.m.Handle(pattern, t.s.handle(t.s.officeGuard(officeOperator, h)))
}

func (t officeTable) admin(pattern string, h officeHandler) {
	t.s.officeAccess[pattern] = officeAdmin
	t.m.Handle(pattern, t.s.handle(t.s.officeGuard(officeAdmin, h)))
}
