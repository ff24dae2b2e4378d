package requests

import (
	"context"

	"kabinet"
)

// Purposes are «Цель визита» of a specialist's visit (SVC-5).
var Purposes = []string{"Опломбировка нового прибора учета", "Проверка прибора учета", "Замена прибора учета", "Другое"}

// SpecialistForm is «Вызов специалиста» as typed.
type SpecialistForm struct {
	FullName, Address, Contract, Phone string
	Service                            string // a kabinet.Service
	Purpose, Comment                   string
}

// SpecialistDefaults prefills the form from the account and its services
// settings, the first service chosen.
func (s *Service) SpecialistDefaults(ctx context.Context, a *kabinet.Account, u *kabinet.User) (SpecialistForm, error) {
	f := SpecialistForm{FullName: a.FullName(), Address: a.Address, Contract: a.Display, Purpose: Purposes[0]}
	set, err := s.settings.Settings(ctx, a, u)
	if err != nil {
		return f, err
	}
	if set.Phone != "" {
		f.Phone = kabinet.FormatPhone(set.Phone)
	}
	svcs, err := s.AccountServices(ctx, a)
	if len(svcs) > 0 {
		f.Service = string(svcs[0])
	}
	return f, err
}

// AccountServices are the services account a is supplied with, in the
// order of its sub-accounts.
func (s *Service) AccountServices(ctx context.Context, a *kabinet.Account) ([]kabinet.Service, error) {
	subs, err := s.store.FindSubAccounts(ctx, a.ID)
	if err != nil {
		return nil, err
	}
	var svcs []kabinet.Service
	for _, sub := range subs {
		svcs = append(svcs, sub.Services...)
	}
	return svcs, nil
}

// Specialist accepts a call of a specialist for account a (SVC-5). A form
// with mistakes is auth.FormErrors by field and saves nothing.
func (s *Service) Specialist(ctx context.Context, from Sender, f SpecialistForm) (*kabinet.Request, error) {
	svcs, err := s.AccountServices(ctx, from.Account)
	if err != nil {
		return nil, err
	}
	c := newCheck()
	r := &kabinet.Request{Kind: kabinet.RequestSpecialist, AnswerChannel: kabinet.AnswerPhone,
		FullName:      c.text("full_name", f.FullName, "Укажите фамилию, имя и отчество.", 200),
		Address:       c.text("address", f.Address, "Укажите адрес.", 300),
		AccountNumber: c.text("contract", f.Contract, "Укажите номер договора.", 40),
		Phone:         c.phone("phone", f.Phone),
		Service:       kabinet.Service(c.oneOf("service", f.Service, "Выберите услугу.", serviceNames(svcs))),
		Topic:         c.oneOf("purpose", f.Purpose, "Выберите цель визита.", Purposes),
		Text:          c.text("comment", f.Comment, "", 1000),
	}
	if r.Topic == "Другое" && r.Text == "" {
		c.set("comment", "Опишите, зачем нужен специалист.")
	}
	if err := c.err(); err != nil {
		return nil, err
	}
	if err := s.throttle(ctx, from); err != nil {
		return nil, err
	}
	return r, s.create(ctx, from, r, nil, nil)
}

func serviceNames(svcs []kabinet.Service) []string {
	names := make([]string, len(svcs))
	for i, v := range svcs {
		names[i] = string(v)
	}
	return names
}
