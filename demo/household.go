package demo

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"kabinet"
)

// household is one generated account with everything it owns, and the
// habits that shape its history.
type household struct {
	account   kabinet.Account
	subs      []*kabinet.SubAccount // electricity first, then heat if any
	meters    []*kabinet.Meter
	forgetful bool // sometimes gives no reading, so the month is charged by average
}

// payerKind is how a household pays its bills.
type payerKind int

const (
	payerPunctual payerKind = iota // pays the bill before the due date
	payerOverpays                  // rounds payments up, so it runs ahead
	payerLate                      // pays a month or two late: penalties
	payerDebtor                    // pays now and then, part of the debt: penalties grow
)

// Id layout: the generator chooses ids itself, so that a chunk of accounts
// can be built, and rebuilt after a crash, without asking the database.
// Account i of the world has id accountIDBase+i; its sub-accounts and meters
// take ids derived from it.
const accountIDBase = 100

func subAccountID(accountID int64, slot int) int64 { return accountID*2 + int64(slot) }
func meterID(accountID int64, slot int) int64      { return accountID*4 + int64(slot) }

// newHousehold generates the household with the given id from rng.
func newHousehold(rng *rand.Rand, id int64, created time.Time) *household {
	h := &household{}
	a := &h.account
	a.ID, a.CreatedAt = id, created
	number := fmt.Sprintf("38%09d", id)
	a.Number, a.Display = kabinet.MustParseAccountNumber(number), number
	setPerson(rng, a)
	setHome(rng, a)
	h.forgetful = rng.IntN(10) == 0
	h.addSubAccounts(rng)
	h.addMeters(rng)
	return h
}

func setPerson(rng *rand.Rand, a *kabinet.Account) {
	surname := pick(rng, maleSurnames)
	father := pick(rng, fatherNames)
	if rng.IntN(2) == 0 {
		a.Surname, a.FirstName, a.Patronymic = surname, pick(rng, maleNames), patronymic(father, false)
	} else {
		a.Surname, a.FirstName, a.Patronymic = feminine(surname), pick(rng, femaleNames), patronymic(father, true)
	}
	if rng.IntN(10) < 9 {
		a.Phone = fmt.Sprintf("+79%02d%07d", 50+rng.IntN(50), rng.IntN(10_000_000))
	}
	if rng.IntN(10) < 6 {
		a.Email = fmt.Sprintf("%s.%s%d@example.ru", translit(a.FirstName), translit(a.Surname), rng.IntN(1000))
	}
}

func setHome(rng *rand.Rand, a *kabinet.Account) {
	if rng.IntN(10) < 7 {
		a.Settlement = kabinet.SettlementCity
		a.Housing = kabinet.HousingFlat
		if rng.IntN(100) < 15 {
			a.Housing = kabinet.HousingHouse
		}
		setCityAddress(rng, a)
	} else {
		a.Settlement, a.Housing = kabinet.SettlementRural, kabinet.HousingHouse
		v := villages[rng.IntN(len(villages))]
		a.District = v.district
		a.Address = fmt.Sprintf("Иркутская обл., %s, %s, %s, д. %d", v.district, v.place, pick(rng, villageStreets), 1+rng.IntN(120))
	}
	if a.Housing == kabinet.HousingFlat {
		a.Rooms = 1 + rng.IntN(4)
		a.Area = kabinet.Area((18+a.Rooms*14+rng.IntN(20))*100 + rng.IntN(10)*10)
		a.ElectricHeating = rng.IntN(100) < 5
	} else {
		a.Rooms = 2 + rng.IntN(5)
		a.Area = kabinet.Area((30 + a.Rooms*16 + rng.IntN(40)) * 100)
		a.ElectricHeating = rng.IntN(100) < 35
	}
	a.Residents = 1 + rng.IntN(5)
}

func setCityAddress(rng *rand.Rand, a *kabinet.Account) {
	city, street := "г. Иркутск", pick(rng, irkutskStreets)
	a.District = pick(rng, irkutskDistricts) + " округ"
	if rng.IntN(10) < 4 {
		city = "г. " + pick(rng, otherCities)
		a.District = city
		street = pick(rng, villageStreets)
	}
	if a.Housing == kabinet.HousingHouse {
		a.Address = fmt.Sprintf("Иркутская обл., %s, %s, д. %d", city, street, 1+rng.IntN(200))
		return
	}
	a.Address = fmt.Sprintf("Иркутская обл., %s, %s, д. %d, кв. %d", city, street, 1+rng.IntN(150), 1+rng.IntN(240))
}

// payerOf is how account id pays, drawn from its own stream of the seed:
// the history's payments are scheduled from bills, long after the
// household was generated, and again from the stored bills when a build
// resumes.
func payerOf(seed, id int64) payerKind {
	if p, ok := documentedPayers[id]; ok {
		return p
	}
	return pickPayer(rand.New(rand.NewPCG(uint64(seed)^payerSalt, uint64(id))))
}

const payerSalt = 0x9a7e

func pickPayer(rng *rand.Rand) payerKind {
	switch n := rng.IntN(100); {
	case n < 62:
		return payerPunctual
	case n < 70:
		return payerOverpays
	case n < 88:
		return payerLate
	}
	return payerDebtor
}

// addSubAccounts gives every home electricity and flats (and some city
// houses) district heating from the heat company.
func (h *household) addSubAccounts(rng *rand.Rand) {
	a := &h.account
	h.subs = append(h.subs, &kabinet.SubAccount{ID: subAccountID(a.ID, 0), AccountID: a.ID, ProviderID: providerIES,
		Number: fmt.Sprintf("ИЭСБК%07d", a.ID%10_000_000), Services: []kabinet.Service{kabinet.ServiceElectricity}})
	heated := a.Housing == kabinet.HousingFlat && rng.IntN(100) < 85 ||
		a.Settlement == kabinet.SettlementCity && a.Housing == kabinet.HousingHouse && rng.IntN(100) < 30
	if heated && !a.ElectricHeating {
		h.subs = append(h.subs, &kabinet.SubAccount{ID: subAccountID(a.ID, 1), AccountID: a.ID, ProviderID: providerBEK,
			Number: fmt.Sprintf("ЕТСОО%07d", a.ID%10_000_000), Services: []kabinet.Service{kabinet.ServiceHeat}})
	}
}

// addMeters gives most homes one electricity meter, some houses two or
// three, and a few homes none (charged by the norm).
func (h *household) addMeters(rng *rand.Rand) {
	n := 1
	switch r := rng.IntN(100); {
	case r < 4:
		n = 0
	case h.account.Housing == kabinet.HousingHouse && r < 20:
		n = 2
	case h.account.Housing == kabinet.HousingHouse && r < 24:
		n = 3
	}
	for slot := range n {
		h.meters = append(h.meters, newMeter(rng, h, slot))
	}
}

func newMeter(rng *rand.Rand, h *household, slot int) *kabinet.Meter {
	a := &h.account
	mm := meterModels[rng.IntN(len(meterModels))]
	if mm.zoning > 1 && rng.IntN(3) > 0 { // two thirds of homes keep single-rate meters
		mm = meterModels[rng.IntN(4)]
	}
	installed := time.Date(2010+rng.IntN(15), time.Month(1+rng.IntN(12)), 1+rng.IntN(28), 0, 0, 0, 0, time.UTC)
	verified := installed.AddDate(0, -1-rng.IntN(6), 0)
	interval := 16
	if rng.IntN(100) < 6 { // some meters are due for verification soon or overdue
		interval = 2026 - verified.Year()
	}
	return &kabinet.Meter{ID: meterID(a.ID, slot), AccountID: a.ID, SubAccountID: h.subs[0].ID,
		Service: kabinet.ServiceElectricity, Model: mm.model, Serial: fmt.Sprintf("%08d", rng.IntN(100_000_000)),
		Zoning: kabinet.Zoning(mm.zoning), Digits: []int{5, 6, 6, 6, 7, 8}[rng.IntN(6)], Decimals: 1 + rng.IntN(2),
		AccuracyClass: []string{"1,0", "1,0", "2,0", "0,5S"}[rng.IntN(4)], Ratio: 1, Phases: mm.phases,
		InstalledOn: installed, VerifiedOn: verified, NextVerifiedOn: verified.AddDate(interval, 0, 0)}
}

func pick(rng *rand.Rand, list []string) string { return list[rng.IntN(len(list))] }

// feminine turns a surname into its female form: Иванов → Иванова.
func feminine(s string) string {
	switch {
	case strings.HasSuffix(s, "ов"), strings.HasSuffix(s, "ев"), strings.HasSuffix(s, "ёв"), strings.HasSuffix(s, "ин"):
		return s + "а"
	case strings.HasSuffix(s, "ий"):
		return strings.TrimSuffix(s, "ий") + "ая"
	}
	return s
}

// patronymic derives a patronymic from a father's name: Иван → Иванович,
// Сергей → Сергеевич, Юрий → Юрьевич, Пётр → Петрович.
func patronymic(father string, female bool) string {
	end := map[bool]string{false: "вич", true: "вна"}[female]
	switch {
	case father == "Пётр":
		return "Петро" + end
	case strings.HasSuffix(father, "ий"):
		return strings.TrimSuffix(father, "ий") + "ье" + end
	case strings.HasSuffix(father, "й"):
		return strings.TrimSuffix(father, "й") + "е" + end
	}
	return father + "о" + end
}

func lower(s string) string { return strings.ToLower(s) }
