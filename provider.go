package kabinet

import "strconv"

// Service is a utility service a provider sells.
type Service string

// Services.
const (
	ServiceElectricity Service = "electricity"
	ServiceHeat        Service = "heat"
)

// Title returns the service's name as the manual writes it.
func (s Service) Title() string {
	switch s {
	case ServiceElectricity:
		return "Электроэнергия"
	case ServiceHeat:
		return "Теплоснабжение"
	}
	return string(s)
}

// Provider is an исполнитель: a company that supplies services and is owed
// money for them, with the bank details that go on the bill and its QR code.
type Provider struct {
	ID          int64
	Code        string // short stable code, e.g. "IES"
	Name        string // ООО «Иркутскэнергосбыт»
	INN         string
	KPP         string
	BankName    string
	BIC         string
	CorrespAcc  string
	PersonalAcc string // the payee's settlement account
	Services    []Service
	ExternalID  string `json:"-"` // the billing system's ID (BEY-6)
}

// SubAccount is an account's own number with one provider: one account has a
// sub-account per provider, and debts and payments are kept per sub-account.
type SubAccount struct {
	ID         int64
	AccountID  int64
	ProviderID int64
	Number     string
	Services   []Service
	ExternalID string // the billing system's ID (BEY-6)
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
