package home

import (
	"context"

	"kabinet"
)

// notificationsShown is how many notifications the history page lists.
const notificationsShown = 100

// Unread is the number on the user's bell.
func (s *Service) Unread(ctx context.Context, userID int64) (int, error) {
	return s.store.CountUnreadNotifications(ctx, userID)
}

// Notifications returns the user's latest notifications, newest first, as
// they were before this look, and marks those shown as read: seeing them
// is reading them.
func (s *Service) Notifications(ctx context.Context, userID int64) ([]*kabinet.Notification, error) {
	ns, err := s.store.FindNotifications(ctx, userID, notificationsShown)
	if err != nil || !anyUnread(ns) {
		return ns, err
	}
	return ns, s.store.MarkNotificationsRead(ctx, userID, ns[0].ID)
}

func anyUnread(ns []*kabinet.Notification) bool {
	for _, n := range ns {
		if n.Unread() {
			return true
		}
	}
	return false
}

// Notify puts a notification in a user's bell: the way reminders and
// other issues reach the customer in the cabinet.
func (s *Service) Notify(ctx context.Context, n *kabinet.Notification) error {
	return s.store.CreateNotification(ctx, n)
}
