package auth

import (
	"context"
	"strings"

	"kabinet"
)

// Device is one browser or device signed in as the user: its session,
// the name a form uses for it, and whether it is the one asking.
type Device struct {
	Session *kabinet.Session
	// ID names the session in a form: the start of its token's hash,
	// which is no secret and can sign nobody in.
	ID      string
	Current bool
}

// deviceIDLen is how much of a session's hash names it.
const deviceIDLen = 16

// Devices lists the browsers and devices signed in as the visitor's
// user, the current one first, then by when they were last seen. Every
// session of the user counts, whatever kind it is; sessions that have
// run out are not listed.
func (s *Service) Devices(ctx context.Context, v *Visitor) ([]Device, error) {
	ss, err := s.store.FindUserSessions(ctx, v.User.ID)
	if err != nil {
		return nil, err
	}
	var ds []Device
	for _, sess := range ss {
		current := sess.TokenHash == v.Session.TokenHash
		if s.expired(sess) && !current {
			continue
		}
		d := Device{Session: sess, ID: sess.TokenHash[:min(deviceIDLen, len(sess.TokenHash))], Current: current}
		if current {
			ds = append([]Device{d}, ds...)
		} else {
			ds = append(ds, d)
		}
	}
	return ds, nil
}

// EndDevice ends one other session of the user, named by its ID.
// Ending the current one is signing out, which has its own button.
func (s *Service) EndDevice(ctx context.Context, v *Visitor, id string, c Client) error {
	ds, err := s.Devices(ctx, v)
	if err != nil {
		return err
	}
	for _, d := range ds {
		if d.Current || id == "" || !strings.HasPrefix(d.Session.TokenHash, id) || len(id) != len(d.ID) {
			continue
		}
		a, err := s.ownedAccount(ctx, v.User.ID)
		if err != nil {
			return err
		}
		e := s.auditEntry(a, kabinet.AuditCustomerSignOut, "Выход на устройстве: "+truncate(d.Session.UserAgent, 200), c)
		return s.store.EndUserSession(ctx, v.User.ID, d.Session.TokenHash, e)
	}
	return kabinet.Errorf(kabinet.ENOTFOUND, "Этот вход уже завершён.")
}

// SignOutEverywhere ends every session of the user, the visitor's own
// too: «Выйти на всех устройствах».
func (s *Service) SignOutEverywhere(ctx context.Context, v *Visitor, c Client) error {
	a, err := s.ownedAccount(ctx, v.User.ID)
	if err != nil {
		return err
	}
	e := s.auditEntry(a, kabinet.AuditCustomerSignOut, "Выход на всех устройствах", c)
	_, err = s.store.EndUserSessions(ctx, v.User.ID, "", e)
	return err
}
