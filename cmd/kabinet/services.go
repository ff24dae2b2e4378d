package main

import (
	"path/filepath"

	"kabinet"
	"kabinet/auth"
	"kabinet/filestore"
	"kabinet/home"
	"kabinet/mail"
	"kabinet/notify"
	"kabinet/password"
	"kabinet/requests"
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
	cfg.BaseURL, cfg.SupplierName, cfg.Calendar = m.Config.BaseURL, m.Config.SupplierName, m.cal
	l := &letters{templates: templates, supplierName: m.Config.SupplierName, cal: m.cal}
	return auth.New(m.db, password.NewHasher(nil, hashConcurrency), l, cfg), nil
}

// devOutbox reports whether both channels only keep their messages in the
// outbox: only then may the demo show the outbox at /dev/mail and /dev/sms
// (a real letter holds a reset link, and must never be shown to anyone).
func (c *Config) devOutbox() bool { return c.SMTP.Host == "" && c.SMS.Provider == "dev" }

// newRequests builds the requests service, its attachments in uploads/
// under the data directory.
func (m *Main) newRequests(h *home.Service) (*requests.Service, error) {
	files, err := filestore.NewDir(filepath.Join(m.Config.Data, "uploads"))
	if err != nil {
		return nil, err
	}
	templates, err := mail.NewTemplates()
	if err != nil {
		return nil, err
	}
	l := &letters{templates: templates, supplierName: m.Config.SupplierName, cal: m.cal}
	return requests.New(m.db, files, h, m.renderer(), l, requests.DefaultConfig(), m.cal), nil
}
