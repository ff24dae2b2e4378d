package mail

import (
	"context"
	"fmt"
	"time"

	gomail "github.com/wneessen/go-mail"
)

// SMTPConfig is how to reach the outgoing mail server and whom letters are
// from. TLS is "none" (local mailpit), "starttls" (the default, port 587) or
// "tls" (implicit TLS, port 465). Username may be empty for servers that
// accept mail without authentication.
type SMTPConfig struct {
	Host               string
	Port               int
	Username, Password string
	From, FromName     string
	TLS                string
	Timeout            time.Duration
}

// Validate reports a configuration that can never send, so that the program
// refuses to start rather than fail every letter later.
func (c SMTPConfig) Validate() error {
	switch {
	case c.Host == "":
		return fmt.Errorf("mail: SMTP host is empty")
	case c.From == "":
		return fmt.Errorf("mail: sender address is empty")
	case c.TLS != "" && c.TLS != "none" && c.TLS != "starttls" && c.TLS != "tls":
		return fmt.Errorf("mail: TLS mode %q is not one of none, starttls, tls", c.TLS)
	}
	return nil
}

// SMTP sends letters through one SMTP server. It opens a connection per
// letter: the job worker sends a few at a time, and a fresh connection has
// no idle state to go stale between jobs.
type SMTP struct {
	cfg SMTPConfig
}

// NewSMTP returns a sender for cfg, filling in the default TLS mode, port
// and timeout.
func NewSMTP(cfg SMTPConfig) *SMTP {
	if cfg.TLS == "" {
		cfg.TLS = "starttls"
	}
	if cfg.Port == 0 {
		cfg.Port = map[string]int{"none": 25, "starttls": 587, "tls": 465}[cfg.TLS]
	}
	if cfg.Timeout == 0 {
		cfg.Timeout = 15 * time.Second
	}
	return &SMTP{cfg: cfg}
}

// Send delivers m and returns the Message-ID it was sent with (without angle
// brackets), which the caller records as the provider's id. A failure is a
// *SendError; IsPermanent tells whether a retry is pointless.
func (s *SMTP) Send(ctx context.Context, m Message) (messageID string, err error) {
	msg, messageID, err := s.build(m)
	if err != nil {
		return "", &SendError{Permanent: true, Err: err}
	}
	client, err := gomail.NewClient(s.cfg.Host, s.options()...)
	if err != nil {
		return "", &SendError{Permanent: true, Err: err}
	}
	if err := client.DialAndSendWithContext(ctx, msg); err != nil {
		return "", classify(err)
	}
	return messageID, nil
}

// options translates the configuration into go-mail client options.
func (s *SMTP) options() []gomail.Option {
	opts := []gomail.Option{
		gomail.WithPort(s.cfg.Port),
		gomail.WithTimeout(s.cfg.Timeout),
		gomail.WithTLSPolicy(gomail.TLSMandatory),
	}
	switch s.cfg.TLS {
	case "none":
		opts = append(opts, gomail.WithTLSPolicy(gomail.NoTLS))
	case "tls":
		opts = append(opts, gomail.WithSSL())
	}
	if s.cfg.Username != "" {
		// Over an encrypted connection go-mail picks the best mechanism the
		// server offers. Without TLS its discovery refuses PLAIN, so name it:
		// go-mail still sends PLAIN in the clear only to a local server.
		auth := gomail.SMTPAuthAutoDiscover
		if s.cfg.TLS == "none" {
			auth = gomail.SMTPAuthPlain
		}
		opts = append(opts, gomail.WithSMTPAuth(auth),
			gomail.WithUsername(s.cfg.Username), gomail.WithPassword(s.cfg.Password))
	}
	return opts
}
