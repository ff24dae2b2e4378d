package kabinet

import (
	"strings"
	"time"
)

// Role is what an operator of the back office may do.
type Role string

// Roles. An admin does what an operator does, and reads the audit log.
const (
	RoleOperator Role = "operator"
	RoleAdmin    Role = "admin"
)

// Title is the role in Russian.
func (r Role) Title() string {
	if r == RoleAdmin {
		return "Администратор"
	}
	return "Оператор"
}

// Valid reports whether r is a known role.
func (r Role) Valid() bool { return r == RoleOperator || r == RoleAdmin }

// Operator is a person of the supplier who signs in to the back office with
// a password and a TOTP code.
type Operator struct {
	ID           int64
	Login        string
	Name         string
	Role         Role
	PasswordHash string
	// TOTPSecret is the base32 secret of the operator's authenticator app.
	TOTPSecret string
	// TOTPStep is the step of the last code used: that code and earlier
	// ones are refused, so a code works once.
	TOTPStep int64
	// MustChangePassword is set for a password printed by `kabinet
	// operator add`: the first sign-in asks for a new one.
	MustChangePassword bool
	Disabled           bool
	CreatedAt          time.Time
}

// IsAdmin reports whether the operator may do an admin's work.
func (o *Operator) IsAdmin() bool { return o.Role == RoleAdmin }

// NormalizeLogin is a login as stored and looked up: trimmed, lower case.
func NormalizeLogin(login string) string { return strings.ToLower(strings.TrimSpace(login)) }

// OperatorSession is an operator's session in the back office, apart from
// customers' sessions. The cookie holds a random token; only its hash is
// stored.
type OperatorSession struct {
	TokenHash  string
	OperatorID int64
	CreatedAt  time.Time
	SeenAt     time.Time
	IP         string
	UserAgent  string
}

// AuditAction is what an operator did with personal data.
type AuditAction string

// Audited actions.
const (
	AuditSearch             AuditAction = "search"              // looked accounts up
	AuditViewAccount        AuditAction = "view_account"        // opened an account's page
	AuditDeleteRegistration AuditAction = "delete_registration" // deleted a customer's registration
	AuditBroadcastCreate    AuditAction = "broadcast_create"    // wrote a broadcast
	AuditBroadcastSend      AuditAction = "broadcast_send"      // sent a broadcast
	AuditViewQueue          AuditAction = "view_queue"          // listed a queue of requests
	AuditViewRequest        AuditAction = "view_request"        // opened a request
	AuditChangeRequest      AuditAction = "change_request"      // assigned, moved or answered a request
	AuditDownloadFile       AuditAction = "download_file"       // downloaded a request's attachment

	// A machine client's exchange token at work (the billing system).
	AuditExchangeExport AuditAction = "exchange_export" // took an export of customers' changes
	AuditExchangeImport AuditAction = "exchange_import" // sent records to import
	AuditExchangeFile   AuditAction = "exchange_file"   // downloaded a request's attachment
	AuditExchangeDenied AuditAction = "exchange_denied" // a revoked or wrong-scope token was refused

	// A customer's own sign-in security, recorded with OperatorID and
	// TokenID 0: what the supplier needs when a customer says "it was not me".
	AuditCustomerPassword AuditAction = "customer_password" // changed the password while signed in
	AuditCustomerContact  AuditAction = "customer_contact"  // changed the sign-in e-mail or phone
	AuditCustomerSignOut  AuditAction = "customer_sign_out" // ended sessions on other devices
)

// Title is the action in Russian, for the audit log page.
func (a AuditAction) Title() string {
	switch a {
	case AuditSearch:
		return "Поиск лицевых счетов"
	case AuditViewAccount:
		return "Просмотр лицевого счета"
	case AuditDeleteRegistration:
		return "Удаление регистрации"
	case AuditBroadcastCreate:
		return "Создание рассылки"
	case AuditBroadcastSend:
		return "Отправка рассылки"
	case AuditViewQueue:
		return "Просмотр очереди обращений"
	case AuditViewRequest:
		return "Просмотр обращения"
	case AuditChangeRequest:
		return "Изменение обращения"
	case AuditDownloadFile:
		return "Скачивание вложения"
	case AuditExchangeExport:
		return "Обмен: выгрузка изменений"
	case AuditExchangeImport:
		return "Обмен: загрузка записей"
	case AuditExchangeFile:
		return "Обмен: скачивание вложения"
	case AuditExchangeDenied:
		return "Обмен: отказ в доступе"
	case AuditCustomerPassword:
		return "Клиент: смена пароля"
	case AuditCustomerContact:
		return "Клиент: смена контакта для входа"
	case AuditCustomerSignOut:
		return "Клиент: завершение сеансов"
	}
	return string(a)
}

// AuditEntry is one operator view or change of personal data: who, what,
// when, which account, from where (152-FZ).
type AuditEntry struct {
	ID int64
	At time.Time
	// OperatorID is the operator, 0 for a machine client's token.
	OperatorID int64
	// TokenID is the exchange token that acted, 0 for an operator.
	TokenID       int64
	OperatorLogin string
	Action        AuditAction
	// AccountID is the account concerned, 0 for a search.
	AccountID int64
	// AccountNumber is its number as printed, kept with the entry.
	AccountNumber string
	Detail        string
	IP            string
}

// AuditFilter selects audit entries; zero fields do not filter. At is in
// [From, To).
type AuditFilter struct {
	OperatorID int64
	AccountID  int64
	From, To   time.Time
	Limit      int
}
