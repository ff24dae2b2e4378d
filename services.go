package kabinet

import (
	"strconv"
	"time"
)

// ServiceSettings are an account's additional services (HOME-3, SVC-1..4):
// how the supplier informs the household and sends its bill. They belong
// to the account, not to a user: the supplier's billing keeps them per
// лицевой счёт, and everybody who reaches the account sees and changes
// the same settings.
type ServiceSettings struct {
	AccountID int64
	Push      bool   // push notifications
	SMS       bool   // «СМС-информирование»
	Phone     string // 79XXXXXXXXX, or ""
	EmailInfo bool   // «Информирование по e-mail»
	BillPaper bool   // «счет на дом»
	BillEmail bool   // «счет по e-mail»
	Email     string // lower-case, or ""
	// UpdatedAt is when they were last saved; zero while they are the
	// defaults nobody has saved.
	UpdatedAt time.Time
}

// DefaultServiceSettings are an account's settings before anybody saved
// them: the paper bill that every account gets, nothing else, and the
// contacts on file (the supplier's, else those given at registration),
// so that ticking a service needs no typing.
func DefaultServiceSettings(a *Account, u *User) *ServiceSettings {
	s := &ServiceSettings{AccountID: a.ID, BillPaper: true}
	for _, p := range []string{a.Phone, userPhone(u)} {
		if n, err := ParsePhone(p); err == nil {
			s.Phone = n
			break
		}
	}
	for _, e := range []string{a.Email, userEmail(u)} {
		if n, err := ParseEmail(e); err == nil {
			s.Email = n
			break
		}
	}
	return s
}

func userPhone(u *User) string {
	if u == nil {
		return ""
	}
	return u.Phone
}

func userEmail(u *User) string {
	if u == nil {
		return ""
	}
	return u.Email
}

// Settings fields as the change log names them.
const (
	SettingPush      = "push"
	SettingSMS       = "sms"
	SettingPhone     = "phone"
	SettingEmailInfo = "email_info"
	SettingBillPaper = "bill_paper"
	SettingBillEmail = "bill_email"
	SettingEmail     = "email"
)

// ServiceChange is one changed setting, recorded with when, by whom and
// from where, for the supplier's billing system to take over.
type ServiceChange struct {
	ID        int64
	AccountID int64
	Field     string
	Old, New  string
	ChangedAt time.Time
	Source    string // "web": the customer in the cabinet
	UserID    int64  // who changed it; 0 when not a user
}

// Change sources.
const (
	ChangeSourceWeb         = "web"         // the customer in the cabinet
	ChangeSourcePush        = "push"        // the push service forgot the last device
	ChangeSourceUnsubscribe = "unsubscribe" // the link in an informing e-mail
)

// Changes lists the fields of s that differ from old, in a fixed order.
func (s *ServiceSettings) Changes(old *ServiceSettings) []ServiceChange {
	var cs []ServiceChange
	add := func(field, was, is string) {
		if was != is {
			cs = append(cs, ServiceChange{AccountID: s.AccountID, Field: field, Old: was, New: is})
		}
	}
	b := strconv.FormatBool
	add(SettingPush, b(old.Push), b(s.Push))
	add(SettingSMS, b(old.SMS), b(s.SMS))
	add(SettingPhone, old.Phone, s.Phone)
	add(SettingEmailInfo, b(old.EmailInfo), b(s.EmailInfo))
	add(SettingBillPaper, b(old.BillPaper), b(s.BillPaper))
	add(SettingBillEmail, b(old.BillEmail), b(s.BillEmail))
	add(SettingEmail, old.Email, s.Email)
	return cs
}
