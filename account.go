package kabinet

import (
	"strings"
	"time"
)

// Settlement is the tariff group of a home: a city flat or house, or a rural
// home (which in Irkutsk shares its tariffs with electrically heated city
// homes).
type Settlement string

// Settlements.
const (
	SettlementCity  Settlement = "city"
	SettlementRural Settlement = "rural"
)

// Housing is the kind of home.
type Housing string

// Kinds of home.
const (
	HousingFlat  Housing = "flat"
	HousingHouse Housing = "house"
)

// Account is a лицевой счёт as the supplier holds it: the owner, the home,
// and the contacts on file.
type Account struct {
	ID         int64
	Number     AccountNumber
	Display    string // the number as the supplier prints it
	Surname    string // фамилия of the registered owner
	FirstName  string
	Patronymic string
	Address    string
	District   string // for broadcasts and branch offices
	Settlement Settlement
	Housing    Housing
	// ElectricHeating marks homes with electric heating or stoves: they get the
	// higher winter consumption limits.
	ElectricHeating bool
	Rooms           int
	Area            Area
	Residents       int
	Phone           string // +7XXXXXXXXXX or ""
	Email           string
	CreatedAt       time.Time
	// ExternalID is the billing system's ID of the account (BEY-6), "" for
	// accounts Kabinet made itself.
	ExternalID string
	// ClosedOn is when the billing system closed the account (zero while
	// open). A closed account keeps its history and its customers.
	ClosedOn time.Time
}

// FullName returns "Фамилия Имя Отчество".
func (a *Account) FullName() string {
	return strings.Join(strings.Fields(a.Surname+" "+a.FirstName+" "+a.Patronymic), " ")
}

// Validate checks the fields the supplier must hold for an account.
func (a *Account) Validate() error {
	switch {
	case a.Number.IsZero():
		return Errorf(EINVALID, "Не указан номер лицевого счёта")
	case strings.TrimSpace(a.Surname) == "":
		return Errorf(EINVALID, "Не указана фамилия владельца")
	case strings.TrimSpace(a.Address) == "":
		return Errorf(EINVALID, "Не указан адрес")
	case a.Rooms < 0 || a.Residents < 0 || a.Area < 0:
		return Errorf(EINVALID, "Комнаты, площадь и число проживающих не могут быть отрицательными")
	case a.Settlement != SettlementCity && a.Settlement != SettlementRural:
		return Errorf(EINVALID, "Неизвестная категория населённого пункта")
	}
	return nil
}

// Area is a floor area in hundredths of a square metre.
type Area int64

// String formats the area as "54,3 м²".
func (a Area) String() string {
	s := FormatInt(int64(a)/100) + "," + twoDigits(int64(a)%100)
	s = strings.TrimSuffix(strings.TrimSuffix(s, "0"), ",0")
	return s + "\u00a0м²"
}

// SquareMetres returns the area in whole and fractional square metres, for
// charges per square metre.
func (a Area) SquareMetres() float64 { return float64(a) / 100 }

// AccountSearch looks accounts up for the back office: by the start of
// the owner's full name («Иванов», «иванов иван»), or by words that all
// occur in the address («ленина 5»). Case and ё/е do not matter.
type AccountSearch struct {
	Text  string
	Limit int
}

// AccountUser is a registration that reaches an account: its owner's, or
// another customer's who linked it.
type AccountUser struct {
	User  *User
	Owner bool
	// Registered is the number of the account the user registered with.
	Registered string
}
