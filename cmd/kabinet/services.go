package main

import (
	"kabinet"
	"kabinet/auth"
	"kabinet/mail"
	"kabinet/notify"
	"kabinet/password"
)

// hashConcurrency bounds argon2id at four hashes at once: 256 MiB at most,
// and on two cores more would only queue inside the CPU.
const hashConcurrency = 4

// deliverer sends the outbox through the configured channels.
func (m *Main) deliverer() (*notify.Deliverer, error) {
	mailer, err := m.Config.mailSender()
	if err != nil {
		return nil, err
	}
	texter, err := m.Config.smsSender()
	if err != nil {
		return nil, err
	}
	return &notify.Deliverer{Store: m.db, Senders: map[kabinet.Channel]notify.Sender{
		kabinet.ChannelEmail: mailer, kabinet.ChannelSMS: texter, kabinet.ChannelPush: m.inform.sender}}, nil
}

// newAuth builds the sign-in service.
func (m *Main) newAuth() (*auth.Service, error) {
	templates, err := mail.NewTemplates()
	if err != nil {
		return nil, err
	}
	cfg := auth.DefaultConfig()
	cfg.BaseURL, cfg.SupplierName = m.Config.BaseURL, m.Config.SupplierName
	l := &letters{templates: templates, supplierName: m.Config.SupplierName, loc: m.loc}
	return auth.New(m.db, password.NewHasher(nil, hashConcurrency), l, cfg), nil
}

// devOutbox reports whether both channels only keep their messages in the
// outbox: only then may the demo show the outbox at /dev/mail and /dev/sms
// (a real letter holds a reset link, and must never be shown to anyone).
func (c *Config) devOutbox() bool { return c.SMTP.Host == "" && c.SMS.Provider == "dev" }
