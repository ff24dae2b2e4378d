package home

import (
	"context"
	"strings"

	"kabinet"
	"kabinet/auth"
)

// Settings returns the account's additional services as saved, or the
// defaults for account a and user u when nobody has saved them.
func (s *Service) Settings(ctx context.Context, a *kabinet.Account, u *kabinet.User) (*kabinet.ServiceSettings, error) {
	got, err := s.store.FindServiceSettings(ctx, a.ID)
	if kabinet.ErrorCode(err) == kabinet.ENOTFOUND {
		return kabinet.DefaultServiceSettings(a, u), nil
	}
	return got, err
}

// SettingsForm is the services panel as posted: the ticks, and the phone
// and e-mail as typed.
type SettingsForm struct {
	Push, SMS, EmailInfo, BillPaper, BillEmail bool
	Phone, Email                               string
}

// SaveSettings checks the form and saves all of it at once, logging each
// change with the user who made it in the cabinet. A form with mistakes
// is auth.FormErrors by field ("phone", "email", "bill") and saves
// nothing. It returns the changes, none when the form changed nothing.
func (s *Service) SaveSettings(ctx context.Context, a *kabinet.Account, u *kabinet.User, f SettingsForm) ([]kabinet.ServiceChange, error) {
	next, err := f.settings(a.ID)
	if err != nil {
		return nil, err
	}
	return s.store.SaveServiceSettings(ctx, next, kabinet.DefaultServiceSettings(a, u), kabinet.ChangeSourceWeb, u.ID)
}

// settings validates the form: a ticked service needs its contact, a
// contact that is typed must be valid even if its service is off (it is
// saved for later and sent to the billing), and a bill must go somewhere.
func (f SettingsForm) settings(accountID int64) (*kabinet.ServiceSettings, error) {
	s := &kabinet.ServiceSettings{AccountID: accountID, Push: f.Push, SMS: f.SMS, EmailInfo: f.EmailInfo,
		BillPaper: f.BillPaper, BillEmail: f.BillEmail}
	errs := auth.FormErrors{}
	var err error
	if phone := strings.TrimSpace(f.Phone); phone != "" || f.SMS {
		if s.Phone, err = kabinet.ParsePhone(phone); err != nil {
			errs["phone"] = kabinet.ErrorMessage(err)
		}
	}
	if email := strings.TrimSpace(f.Email); email != "" || f.EmailInfo || f.BillEmail {
		if s.Email, err = kabinet.ParseEmail(email); err != nil {
			errs["email"] = kabinet.ErrorMessage(err)
		}
	}
	if !f.BillPaper && !f.BillEmail {
		errs["bill"] = "Выберите хотя бы один способ получения счета: на дом или по e-mail."
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return s, nil
}
