package api

import (
	"net/http"

	"kabinet"
	"kabinet/auth"
	"kabinet/home"
)

// settings are «Дополнительные услуги» (SVC-1..4) as the panel of
// «Главная» has them.
type settings struct {
	Push      bool   `json:"push"`
	SMS       bool   `json:"sms"`
	Phone     string `json:"phone"`
	EmailInfo bool   `json:"email_info"`
	BillPaper bool   `json:"bill_paper"`
	BillEmail bool   `json:"bill_email"`
	Email     string `json:"email"`
	SavedAt   string `json:"saved_at,omitempty"`
}

// handleServices shows the settings to the account's owner; a person who
// linked it is refused, as the page hides them from her: the contacts
// are the owner's.
func (s *Server) handleServices(w http.ResponseWriter, r *http.Request, v *visit) error {
	if !v.Owner {
		return errOwnerOnly
	}
	set, err := s.home.Settings(r.Context(), v.Account, v.User)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, settingsOf(set))
	return nil
}

func settingsOf(set *kabinet.ServiceSettings) settings {
	out := settings{Push: set.Push, SMS: set.SMS, EmailInfo: set.EmailInfo, BillPaper: set.BillPaper,
		BillEmail: set.BillEmail, Email: set.Email}
	if set.Phone != "" {
		out.Phone = kabinet.FormatPhone(set.Phone)
	}
	if !set.UpdatedAt.IsZero() {
		out.SavedAt = stamp(set.UpdatedAt)
	}
	return out
}

// handleServicesUpdate saves all the settings at once or, with a mistake,
// nothing («Сохранить изменения»); the owner's only.
func (s *Server) handleServicesUpdate(w http.ResponseWriter, r *http.Request, v *visit) error {
	if !v.Owner {
		return errOwnerOnly
	}
	var b settings
	if err := decode(w, r, &b); err != nil {
		return err
	}
	f := home.SettingsForm{Push: b.Push, SMS: b.SMS, EmailInfo: b.EmailInfo, BillPaper: b.BillPaper, BillEmail: b.BillEmail,
		Phone: b.Phone, Email: b.Email}
	if _, err := s.home.SaveSettings(r.Context(), v.Account, v.User, f); err != nil {
		return err
	}
	return s.handleServices(w, r, v)
}

type notificationItem struct {
	ID     int64  `json:"id"`
	Time   string `json:"time"`
	Title  string `json:"title"`
	Text   string `json:"text"`
	Link   string `json:"link,omitempty"`
	Unread bool   `json:"unread"`
}

// handleNotifications is the bell's history (SVC-1), newest first; like
// the page, it marks them read.
func (s *Server) handleNotifications(w http.ResponseWriter, r *http.Request, v *auth.Visitor) error {
	ns, err := s.home.Notifications(r.Context(), v.User.ID)
	if err != nil {
		return err
	}
	items := []notificationItem{}
	for _, n := range ns {
		items = append(items, notificationItem{ID: n.ID, Time: stamp(n.CreatedAt), Title: n.Title,
			Text: n.Text, Link: n.Link, Unread: n.Unread()})
	}
	writeJSON(w, http.StatusOK, struct {
		Notifications []notificationItem `json:"notifications"`
	}{items})
	return nil
}

// fieldError is a form refusal of one field.
func fieldError(field string, err error) error {
	return auth.FormErrors{field: kabinet.ErrorMessage(err)}
}
