package auth

import (
	"context"

	"kabinet"
	"kabinet/letters"
)

// Access lists who reaches the visitor's account without owning it, and
// who asks to (DATA-3): only the account's owner sees it; anybody else
// gets ENOTFOUND, as for an account they do not reach.
func (s *Service) Access(ctx context.Context, v *Visitor, accountID int64) ([]*kabinet.AccountLink, error) {
	if err := s.mustOwn(ctx, v, accountID); err != nil {
		return nil, err
	}
	return s.store.FindAccountLinks(ctx, accountID)
}

// Approve lets the person behind a waiting request reach the visitor's
// account.
func (s *Service) Approve(ctx context.Context, v *Visitor, accountID, requestID int64) error {
	if err := s.mustOwn(ctx, v, accountID); err != nil {
		return err
	}
	return s.store.ApproveLinkRequest(ctx, accountID, requestID)
}

// Decline refuses a waiting request for the visitor's account.
func (s *Service) Decline(ctx context.Context, v *Visitor, accountID, requestID int64) error {
	if err := s.mustOwn(ctx, v, accountID); err != nil {
		return err
	}
	return s.store.DeleteLinkRequest(ctx, accountID, requestID)
}

// Revoke takes the visitor's account away from a person who linked it.
// The owner's own registration stays.
func (s *Service) Revoke(ctx context.Context, v *Visitor, accountID, userID int64) error {
	if err := s.mustOwn(ctx, v, accountID); err != nil {
		return err
	}
	if userID == v.User.ID {
		return ErrUnlinkOwn
	}
	return s.store.UnlinkAccount(ctx, userID, accountID)
}

// Owns reports whether the visitor registered the account.
func (s *Service) Owns(ctx context.Context, v *Visitor, accountID int64) bool {
	return s.mustOwn(ctx, v, accountID) == nil
}

func (s *Service) mustOwn(ctx context.Context, v *Visitor, accountID int64) error {
	ua, err := s.userAccount(ctx, v, accountID)
	if err != nil {
		return err
	}
	if !ua.Owner {
		return errNoAccount
	}
	return nil
}

// linkNotices tell an account's owner that linker reached her account, or
// asks to: by e-mail and SMS to her registration's contacts, or to the
// contacts on file when nobody registered the account.
func (s *Service) linkNotices(a *kabinet.Account, owner, linker *kabinet.User, request bool) []*kabinet.Message {
	l := letters.Linked{Account: a.Display, Email: kabinet.MaskEmail(linker.Email), Request: request}
	email, phone := a.Email, a.Phone
	if owner != nil {
		email, phone = owner.Email, owner.Phone
	}
	return s.notices(email, phone, l.Subject(), l.Text(), l.SMS())
}

// notices are an e-mail and an SMS with the same news, to the contacts
// there are.
func (s *Service) notices(email, phone, subject, text, sms string) []*kabinet.Message {
	var ms []*kabinet.Message
	if email, err := kabinet.ParseEmail(email); err == nil {
		ms = append(ms, &kabinet.Message{Channel: kabinet.ChannelEmail, Recipient: email, Subject: subject,
			Text: text + "\n\n" + s.cfg.SupplierName})
	}
	if phone, err := kabinet.ParsePhone(phone); err == nil {
		ms = append(ms, &kabinet.Message{Channel: kabinet.ChannelSMS, Recipient: phone, Text: sms})
	}
	return ms
}
