package api

import (
	"net/http"
	"strconv"

	"kabinet"
	"kabinet/readings"
)

type meterItem struct {
	ID        int64    `json:"id"`
	Service   string   `json:"service"`
	Title     string   `json:"title"`
	Model     string   `json:"model"`
	Serial    string   `json:"serial"`
	Registers []string `json:"registers"`
	Digits    int      `json:"digits"`
	NextCheck string   `json:"next_verification,omitempty"`
	Removed   bool     `json:"removed"`
}

// handleMeters lists the account's meters, service by service (METER-1).
func (s *Server) handleMeters(w http.ResponseWriter, r *http.Request, v *visit) error {
	services, err := s.readings.Services(r.Context(), v.Account)
	if err != nil {
		return err
	}
	items := []meterItem{}
	for _, sv := range services {
		ms, err := s.readings.Meters(r.Context(), v.Account, sv)
		if err != nil {
			return err
		}
		for _, m := range ms {
			it := meterItem{ID: m.ID, Service: string(m.Service), Title: m.Service.Title(), Model: m.Model, Serial: m.Serial,
				Digits: m.Digits, NextCheck: day(m.NextVerifiedOn), Removed: m.Removed, Registers: []string{}}
			for i := range m.Zoning.Zones() {
				it.Registers = append(it.Registers, m.Zoning.ZoneTitle(i))
			}
			items = append(items, it)
		}
	}
	writeJSON(w, http.StatusOK, struct {
		Meters []meterItem `json:"meters"`
	}{items})
	return nil
}

type readingItem struct {
	ID          int64   `json:"id"`
	TakenOn     string  `json:"taken_on"`
	Period      string  `json:"period"`
	Values      []int64 `json:"values"`
	Consumption []int64 `json:"consumption"`
	Source      string  `json:"source"`
	Status      string  `json:"status"`
	// Deletable: passed by this device today, it may still be deleted
	// (METER-5).
	Deletable bool `json:"deletable"`
}

func readingOf(rd *kabinet.Reading, session string) readingItem {
	return readingItem{ID: rd.ID, TakenOn: day(rd.TakenOn), Period: rd.Period.String(), Values: rd.Values,
		Consumption: nonNil(rd.Consumption), Source: rd.Source.Title(), Status: rd.Status.Title(),
		Deletable: readings.Deletable(rd, session)}
}

func nonNil(xs []int64) []int64 {
	if xs == nil {
		return []int64{}
	}
	return xs
}

// handleReadings is a meter's history, newest first (METER-6).
func (s *Server) handleReadings(w http.ResponseWriter, r *http.Request, v *visit) error {
	m, err := s.readings.Meter(r.Context(), v.Account, idParam(r.PathValue("meter")))
	if err != nil {
		return err
	}
	recent, err := s.readings.Recent(r.Context(), m)
	if err != nil {
		return err
	}
	items := []readingItem{}
	for _, rd := range recent {
		items = append(items, readingOf(rd, v.Session.TokenHash))
	}
	writeJSON(w, http.StatusOK, struct {
		Readings []readingItem `json:"readings"`
	}{items})
	return nil
}

type readingBody struct {
	// Values are the registers as typed, in the order of the meter's
	// registers.
	Values []string `json:"values"`
	// Confirm repeats what a refusal asked to confirm: "rollover", "high".
	Confirm []string `json:"confirm,omitempty"`
}

// receipt is the receipt of an accepted reading, as the portal's page
// shows it.
type receipt struct {
	Reading readingItem `json:"reading"`
	Number  string      `json:"number"`
	At      string      `json:"accepted_at"`
	// Late: taken after the window closed, it counts for the next month.
	Late    bool    `json:"late"`
	Preview *amount `json:"preview,omitempty"`
}

// handleReadingCreate passes a reading through the same checks as the
// page (METER-4); a refusal is a reading_refused problem with the
// register at fault and what may be confirmed.
func (s *Server) handleReadingCreate(w http.ResponseWriter, r *http.Request, v *visit) error {
	var b readingBody
	if err := decode(w, r, &b); err != nil {
		return err
	}
	sub := readings.Submission{Account: v.Account, MeterID: idParam(r.PathValue("meter")), Typed: b.Values,
		Session: v.Session.TokenHash}
	for _, c := range b.Confirm {
		sub.Confirmed = append(sub.Confirmed, readings.Confirm(c))
	}
	c, err := s.readings.Submit(r.Context(), sub)
	if err != nil {
		return err
	}
	rd := c.Reading
	out := receipt{Reading: readingOf(rd, v.Session.TokenHash), Number: strconv.FormatInt(rd.ID, 10),
		At: s.readings.Local(rd.CreatedAt).Format("2006-01-02T15:04:05-07:00"), Late: c.Late}
	if m, err := s.readings.Meter(r.Context(), v.Account, rd.MeterID); err == nil {
		if recent, err := s.readings.Recent(r.Context(), m); err == nil {
			for i, x := range recent {
				if x.ID == rd.ID {
					if p, ok := s.readings.Preview(v.Account, m, rd, recent[i+1:]); ok {
						a := money(p.Amount)
						out.Preview = &a
					}
				}
			}
		}
	}
	writeJSON(w, http.StatusCreated, out)
	return nil
}

// handleReadingDelete deletes a reading this device passed today
// (METER-5); any other is refused as the page refuses it.
func (s *Server) handleReadingDelete(w http.ResponseWriter, r *http.Request, v *visit) error {
	err := s.readings.Delete(r.Context(), v.Account, idParam(r.PathValue("meter")), idParam(r.PathValue("reading")), v.Session.TokenHash)
	if err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
