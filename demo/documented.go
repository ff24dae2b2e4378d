package demo

import (
	"math/rand/v2"
	"time"

	"kabinet"
)

// Login is a documented demo account: one to try a feature with, listed in
// the README and printed at first start.
type Login struct {
	Number   string
	Surname  string
	Password string // "" while the account is not registered
	About    string
}

// DemoPassword is the password of the registered documented accounts.
const DemoPassword = "demo2026"

// Logins returns the documented accounts.
func Logins() []Login {
	return []Login{
		{"10103001857", "Иванов", DemoPassword, "зарегистрирован; двухтарифный счётчик, долг с пенями, отопление"},
		{"ИЭСБК0041300", "Петрова", "", "не зарегистрирован (попробуйте регистрацию); переплата"},
		{"ЕТСОО204646", "Сидоров", "", "не зарегистрирован; частный дом в селе, три счётчика, поверка просрочена, крупный долг"},
		{"ИЭСБК0077001", "Кузнецова", DemoPassword, "зарегистрирована; нет счётчиков (начисление по нормативу)"},
	}
}

// documented builds the documented households. They come from the same
// generator as the rest, with the features the README promises fixed.
func documented(seed int64, created time.Time) []*household {
	var hs []*household
	for i, l := range Logins() {
		id := int64(i + 1)
		h := newHousehold(rand.New(rand.NewPCG(uint64(seed), uint64(id))), id, created)
		h.account.Number, h.account.Display = kabinet.MustParseAccountNumber(l.Number), l.Number
		hs = append(hs, h)
	}
	ivanov(hs[0])
	petrova(hs[1])
	sidorov(hs[2])
	kuznetsova(hs[3])
	return hs
}

// documentedPayers are the habits the README promises of the documented
// accounts, by id: Иванов pays late (a debt with penalties), Петрова
// overpays, Сидоров is a debtor, Кузнецова pays on time.
var documentedPayers = map[int64]payerKind{1: payerLate, 2: payerOverpays, 3: payerDebtor, 4: payerPunctual}

func ivanov(h *household) {
	a := &h.account
	a.Surname, a.FirstName, a.Patronymic = "Иванов", "Иван", "Иванович"
	setFlat(h, "Иркутская обл., г. Иркутск, ул. Ленина, д. 5, кв. 12", "Кировский округ", 2, 5430, 3)
	a.Phone, a.Email = "+79501234567", "ivanov@example.ru"
	h.forgetful = false
	h.meters[0].Zoning, h.meters[0].Model = kabinet.ZoningTwo, "Меркурий 200.02"
}

func petrova(h *household) {
	a := &h.account
	a.Surname, a.FirstName, a.Patronymic = "Петрова", "Анна", "Сергеевна"
	setFlat(h, "Иркутская обл., г. Иркутск, ул. Байкальская, д. 202, кв. 45", "Октябрьский округ", 1, 3610, 1)
	a.Phone, a.Email = "+79025550011", "petrova@example.ru"
	h.forgetful = false
	h.meters[0].Zoning, h.meters[0].Model = kabinet.ZoningSingle, "Нева 103 1SO"
}

func sidorov(h *household) {
	a := &h.account
	a.Surname, a.FirstName, a.Patronymic = "Сидоров", "Пётр", "Алексеевич"
	a.Settlement, a.Housing, a.ElectricHeating = kabinet.SettlementRural, kabinet.HousingHouse, true
	a.Address, a.District = "Иркутская обл., Иркутский район, с. Хомутово, ул. Кирова, д. 17", "Иркутский район"
	a.Rooms, a.Area, a.Residents = 4, 9820, 4
	a.Phone, a.Email = "+79148880022", ""
	h.forgetful = true
	h.subs = h.subs[:1]
	h.meters = h.meters[:0]
	for slot, z := range []kabinet.Zoning{kabinet.ZoningThree, kabinet.ZoningSingle, kabinet.ZoningSingle} {
		m := newMeter(rand.New(rand.NewPCG(3, uint64(slot))), h, slot)
		m.Zoning, m.Phases = z, 3
		h.meters = append(h.meters, m)
	}
	h.meters[0].Model = "Энергомера СЕ 301"
	h.meters[1].NextVerifiedOn = time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC) // overdue
}

func kuznetsova(h *household) {
	a := &h.account
	a.Surname, a.FirstName, a.Patronymic = "Кузнецова", "Мария", "Павловна"
	setFlat(h, "Иркутская обл., г. Ангарск, мкр. 12, д. 3, кв. 7", "г. Ангарск", 3, 6480, 4)
	a.Phone, a.Email = "+79645550033", "kuznetsova@example.ru"
	h.meters = nil
}

// setFlat makes h a heated city flat with one meter.
func setFlat(h *household, address, district string, rooms int, area kabinet.Area, residents int) {
	a := &h.account
	a.Settlement, a.Housing, a.ElectricHeating = kabinet.SettlementCity, kabinet.HousingFlat, false
	a.Address, a.District, a.Rooms, a.Area, a.Residents = address, district, rooms, area, residents
	rng := rand.New(rand.NewPCG(uint64(a.ID), 7))
	h.subs = nil
	for !h.heated() {
		h.subs = nil
		h.addSubAccounts(rng)
	}
	h.meters = []*kabinet.Meter{newMeter(rng, h, 0)}
	h.meters[0].NextVerifiedOn = time.Date(2035, 3, 1, 0, 0, 0, 0, time.UTC)
}

func (h *household) heated() bool { return len(h.subs) == 2 }
