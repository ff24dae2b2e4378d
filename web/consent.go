package web

import (
	"net/http"
	"time"

	"kabinet/auth"
)

// ConsentPage is the text of the consent to the processing of personal
// data that registration asks for (152-FZ, DOMAIN.md §7). Its version is
// the one recorded with each consent, so what a customer agreed to can be
// shown later.
type ConsentPage struct {
	BasePage
	// Operator is the supplier that processes the data.
	Operator string
	Purposes string
	Version  string
}

func (s *portalSite) handleConsentShow(w http.ResponseWriter, r *http.Request) error {
	p := &ConsentPage{
		BasePage: s.base(r, "Условия обработки персональных данных"),
		Operator: s.cfg.SupplierName,
		Purposes: auth.ConsentPurposes,
		// The sign-in service records this version with every consent.
		// It has no accessor for its configured version, so the page
		// shows the default one, which is the one in force.
		Version: s.consentVersion(),
	}
	return s.render(w, http.StatusOK, "consent", p)
}

// VersionDate shows a version that is a date (2026-11-01) the Russian way,
// «от 01.11.2026»; any other version as it is.
func (p *ConsentPage) VersionDate() string {
	d, err := time.Parse(time.DateOnly, p.Version)
	if err != nil {
		return p.Version
	}
	return "от " + d.Format("02.01.2006")
}

// consentVersion is the version of the terms the service records with each
// consent, so the page and the records agree.
func (s *portalSite) consentVersion() string {
	if s.auth == nil {
		return auth.DefaultConfig().ConsentVersion
	}
	return s.auth.ConsentVersion()
}
