package web

import (
	"net/http"
	"net/url"
	"strconv"

	"kabinet"
	"kabinet/auth"
	"kabinet/readings"
)

// handleReadingsShow is «Передать показания» (METER-1..7): the services,
// the chosen meter's card and history, the form for a new reading, and the
// receipt of one just passed.
func (s *portalSite) handleReadingsShow(w http.ResponseWriter, r *http.Request, v *auth.Visitor, a *kabinet.Account) error {
	q := r.URL.Query()
	p, err := s.readingsPage(r, v, a, kabinet.Service(q.Get("service")), idParam(q.Get("meter")))
	if err != nil {
		return err
	}
	if p.Card != nil {
		if err := s.fillCard(r, v, a, p.Card, q); err != nil {
			return err
		}
	}
	return s.render(w, http.StatusOK, "readings", p)
}

// handleReadingCreate passes a new reading. A reading the checks refuse
// comes back with what was typed and the reason beside the button; an
// accepted one redirects to its receipt once it is committed.
func (s *portalSite) handleReadingCreate(w http.ResponseWriter, r *http.Request, v *auth.Visitor, a *kabinet.Account) error {
	if err := parseForm(w, r); err != nil {
		return err
	}
	meterID := idParam(r.PathValue("meter"))
	sub := readings.Submission{Account: a, MeterID: meterID, Session: v.Session.TokenHash}
	for i := range 3 {
		if vs, ok := r.PostForm["v"+strconv.Itoa(i)]; ok && len(vs) > 0 {
			sub.Typed = append(sub.Typed, vs[0])
		}
	}
	for _, c := range r.PostForm["confirm"] {
		sub.Confirmed = append(sub.Confirmed, readings.Confirm(c))
	}
	c, err := s.readings.Submit(r.Context(), sub)
	problem, refused := readings.AsProblem(err)
	if err != nil && !refused {
		return err
	}
	if refused {
		p, err := s.readingsPage(r, v, a, "", meterID)
		if err != nil {
			return err
		}
		if err := s.fillCard(r, v, a, p.Card, url.Values{}); err != nil {
			return err
		}
		p.Card.Form.refuse(problem, sub.Typed, sub.Confirmed)
		return s.render(w, http.StatusUnprocessableEntity, "readings", p)
	}
	to := accountPath(a, "readings") + "?meter=" + strconv.FormatInt(meterID, 10) +
		"&receipt=" + strconv.FormatInt(c.Reading.ID, 10) + "#receipt"
	return s.redirect(w, r, to, "")
}

// handleReadingDelete deletes a reading passed in this session (METER-5).
func (s *portalSite) handleReadingDelete(w http.ResponseWriter, r *http.Request, v *auth.Visitor, a *kabinet.Account) error {
	meterID := idParam(r.PathValue("meter"))
	err := s.readings.Delete(r.Context(), a, meterID, idParam(r.PathValue("reading")), v.Session.TokenHash)
	if err != nil {
		return err
	}
	return s.redirect(w, r, accountPath(a, "readings")+"?meter="+strconv.FormatInt(meterID, 10), "reading-deleted")
}

// idParam parses a positive ID; anything else is 0, which finds nothing.
func idParam(s string) int64 {
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id < 0 {
		return 0
	}
	return id
}

// needReadings guards the reading pages of a server built without the
// readings service (the shell's own tests).
func (s *portalSite) needReadings(h accountHandler) accountHandler {
	return func(w http.ResponseWriter, r *http.Request, v *auth.Visitor, a *kabinet.Account) error {
		if s.readings == nil {
			return kabinet.Errorf(kabinet.EINTERNAL, "Передача показаний временно недоступна. Попробуйте позже.")
		}
		return h(w, r, v, a)
	}
}
