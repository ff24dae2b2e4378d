package web

import (
	"net/http"

	"kabinet/auth"
)

// NotificationsPage is the history of the bell (SVC-1): the latest
// notifications, newest first; those new on this visit are marked so.
type NotificationsPage struct {
	BasePage
	Items []NotificationView
}

// NotificationView is one notification as listed.
type NotificationView struct {
	Time, Title, Text, Link string
	New                     bool
}

// handleNotificationsShow lists the notifications and marks them read.
func (s *portalSite) handleNotificationsShow(w http.ResponseWriter, r *http.Request, v *auth.Visitor) error {
	ns, err := s.home.Notifications(r.Context(), v.User.ID)
	if err != nil {
		return err
	}
	p := &NotificationsPage{BasePage: s.base(r, "Уведомления")}
	p.Unread = 0 // shown now, so read
	for _, n := range ns {
		p.Items = append(p.Items, NotificationView{Time: s.local(n.CreatedAt).Format("02.01.2006 15:04"),
			Title: n.Title, Text: n.Text, Link: n.Link, New: n.Unread()})
	}
	return s.render(w, http.StatusOK, "notifications", p)
}

// unread is the number on the bell of a signed-in customer. The bell is
// not worth an error page: should the count fail, it shows none.
func (s *portalSite) unread(r *http.Request, v *auth.Visitor) int {
	if s.home == nil || v == nil || !v.Confirmed() {
		return 0
	}
	if v.Reached != nil { // counted with the visit
		return v.Unread
	}
	n, err := s.home.Unread(r.Context(), v.User.ID)
	if err != nil {
		s.log.ErrorContext(r.Context(), "count unread notifications", "err", err)
		return 0
	}
	return n
}
