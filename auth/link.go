package auth

import (
	"context"

	"kabinet"
)

// Errors of linking and unlinking accounts (DATA-3). A refused secret is
// ErrSignIn: linking answers a wrong number, surname or password exactly as
// the sign-in form does, since it could be used to probe them the same way.
var (
	ErrLinked      = kabinet.Errorf(kabinet.ECONFLICT, "Этот лицевой счет уже есть в вашем личном кабинете.")
	ErrLinkedLimit = kabinet.Errorf(kabinet.EFORBIDDEN, "Привязано слишком много лицевых счетов. Отвяжите ненужные и попробуйте снова.")
	ErrUnlinkOwn   = kabinet.Errorf(kabinet.ECONFLICT, "Лицевой счет, на который вы зарегистрированы, отвязать нельзя.")
	// ErrLinkRequested: the owner has been asked already and not decided.
	ErrLinkRequested = kabinet.Errorf(kabinet.ECONFLICT, "Запрос владельцу этого лицевого счета уже отправлен. Счет появится в вашем кабинете, когда владелец разрешит доступ.")
)

// Accounts returns the accounts the visitor reaches: the registered one
// first, then the linked ones as they were linked, each with its number
// and the name the customer gave it.
func (s *Service) Accounts(ctx context.Context, v *Visitor) ([]*kabinet.UserAccount, error) {
	if v == nil || !v.Confirmed() {
		return nil, errNoAccount
	}
	if v.Reached != nil {
		return v.Reached, nil
	}
	return s.store.FindUserAccounts(ctx, v.User.ID)
}

// Linked is the outcome of a link: the account, and whether it waits
// for its owner's consent.
type Linked struct {
	Account *kabinet.Account
	Pending bool
}

// Link adds an account to the visitor's cabinet («Привязка лицевых
// счетов»): its number with the owner's surname, or with the password of
// its registration. The attempt is counted and refused like a sign-in (see
// attempt), with the same answer and the same work, one password hash,
// whatever was wrong; only an account the visitor proved they hold is
// named in an answer.
//
// The surname is printed on every bill, so it does not open an account
// that another person registered: it asks her, and the account is linked
// when she approves in her cabinet. The password of that registration
// links at once. Either way the owner is told by her channels, or, for an
// account nobody registered, the contacts the supplier has on file.
func (s *Service) Link(ctx context.Context, v *Visitor, number, secret string, c Client) (*Linked, error) {
	if v == nil || !v.Confirmed() {
		return nil, errNoAccount
	}
	at, err := s.attempt(ctx, number, c)
	if err != nil {
		return nil, err
	}
	owner, by, err := s.opens(ctx, at, secret)
	if err != nil {
		return nil, err
	}
	if by == openedNot {
		return nil, ErrSignIn
	}
	// The failure counter stays as it is: only a sign-in to the account
	// clears it, or anybody who knows the surname could clear it for the
	// owner and go on guessing her password.
	if err := s.mayLink(ctx, v, at.account.ID); err != nil {
		return nil, err
	}
	if owner != nil && by == openedBySurname {
		return s.requestLink(ctx, v, at.account, owner)
	}
	notices := s.linkNotices(at.account, owner, v.User, false)
	if err := s.store.LinkAccount(ctx, v.User.ID, at.account.ID, notices); err != nil {
		if kabinet.ErrorCode(err) == kabinet.ECONFLICT {
			return nil, ErrLinked
		}
		return nil, err
	}
	v.Reached = nil // read again
	return &Linked{Account: at.account}, nil
}

// requestLink asks the owner of a registered account to let the visitor
// reach it.
func (s *Service) requestLink(ctx context.Context, v *Visitor, a *kabinet.Account, owner *kabinet.User) (*Linked, error) {
	err := s.store.CreateLinkRequest(ctx, v.User.ID, a.ID, s.linkNotices(a, owner, v.User, true))
	if kabinet.ErrorCode(err) == kabinet.ECONFLICT {
		return nil, ErrLinkRequested
	} else if err != nil {
		return nil, err
	}
	return &Linked{Account: a, Pending: true}, nil
}

// How a secret opened an account for linking.
const (
	openedNot = iota
	openedByPassword
	openedBySurname
)

// opens tells how secret opens the attempt's account for linking: the
// password of its registration, else the owner's surname (with the
// number's letter part, as on the first visit). It returns the
// registration, nil if the account has none. It always costs one
// password hash.
func (s *Service) opens(ctx context.Context, at *attempt, secret string) (*kabinet.User, int, error) {
	if at.account == nil {
		s.hasher.Compare(ctx, secret, "")
		return nil, openedNot, nil
	}
	owner, err := s.registeredOwner(ctx, at.account.ID)
	if err != nil {
		return nil, openedNot, err
	}
	hash := ""
	if owner != nil && owner.Confirmed() {
		hash = owner.PasswordHash
	}
	if ok, err := s.hasher.Compare(ctx, secret, hash); err == nil && ok && hash != "" {
		return owner, openedByPassword, nil
	}
	if at.bySurname(secret) {
		return owner, openedBySurname, nil
	}
	return owner, openedNot, nil
}

// mayLink refuses an account the visitor reaches already, and one more
// account past the limit.
func (s *Service) mayLink(ctx context.Context, v *Visitor, accountID int64) error {
	uas, err := s.store.FindUserAccounts(ctx, v.User.ID)
	if err != nil {
		return err
	}
	for _, ua := range uas {
		if ua.AccountID == accountID {
			return ErrLinked
		}
	}
	if len(uas) > s.cfg.MaxLinkedAccounts { // the registered one is not counted
		return ErrLinkedLimit
	}
	return nil
}

// Unlink removes a linked account from the visitor's cabinet. The account
// the visitor registered stays: it is ErrUnlinkOwn. An account the visitor
// does not reach is ENOTFOUND, as everywhere.
func (s *Service) Unlink(ctx context.Context, v *Visitor, accountID int64) error {
	ua, err := s.userAccount(ctx, v, accountID)
	if err != nil {
		return err
	}
	if ua.Owner {
		return ErrUnlinkOwn
	}
	if err := s.store.UnlinkAccount(ctx, v.User.ID, accountID); kabinet.ErrorCode(err) == kabinet.ENOTFOUND {
		return errNoAccount // unlinked meanwhile, in another tab
	} else if err != nil {
		return err
	}
	v.Reached = nil // read again
	return nil
}

// NameAccount gives an account the visitor reaches a name of their own
// («Наименование счета», DATA-2); an empty name removes it. A name that
// will not do is FormErrors under "name".
func (s *Service) NameAccount(ctx context.Context, v *Visitor, accountID int64, name string) error {
	if _, err := s.userAccount(ctx, v, accountID); err != nil {
		return err
	}
	name, err := kabinet.ParseAccountName(name)
	if err != nil {
		return FormErrors{"name": kabinet.ErrorMessage(err)}
	}
	if err := s.store.NameAccount(ctx, v.User.ID, accountID, name); kabinet.ErrorCode(err) == kabinet.ENOTFOUND {
		return errNoAccount
	} else if err != nil {
		return err
	}
	v.Reached = nil // read again
	return nil
}

// userAccount returns how the visitor reaches an account, errNoAccount if
// they do not.
func (s *Service) userAccount(ctx context.Context, v *Visitor, accountID int64) (*kabinet.UserAccount, error) {
	if v == nil || !v.Confirmed() {
		return nil, errNoAccount
	}
	ua, err := s.store.FindUserAccount(ctx, v.User.ID, accountID)
	if kabinet.ErrorCode(err) == kabinet.ENOTFOUND {
		return nil, errNoAccount
	}
	return ua, err
}
