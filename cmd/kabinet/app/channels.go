package app

import (
	"context"
	"fmt"

	"kabinet"
	"kabinet/mail"
	"kabinet/notify"
	"kabinet/sms"
)

// senders makes the channels' senders once: SMTP or the outbox's stand-in
// for e-mail, the configured SMS gateway, and Web Push.
func (a *App) senders(ctx context.Context) error {
	mailer, err := a.Config.mailSender()
	if err != nil {
		return err
	}
	texter, err := a.Config.smsSender()
	if err != nil {
		return err
	}
	pusher, err := a.pushSender(ctx)
	if err != nil {
		return err
	}
	a.Senders = map[kabinet.Channel]kabinet.Sender{kabinet.ChannelEmail: mailer, kabinet.ChannelSMS: texter, kabinet.ChannelPush: pusher}
	return nil
}

// mailSender returns the configured e-mail sender: SMTP, or the demo's
// stand-in when no SMTP host is set.
func (c *Config) mailSender() (kabinet.Sender, error) {
	if c.SMTP.Host == "" {
		return notify.DevSender{}, nil
	}
	if err := c.SMTP.Validate(); err != nil {
		return nil, fmt.Errorf("smtp: %w", err)
	}
	return mail.Sender{SMTP: mail.NewSMTP(c.SMTP)}, nil
}

// smsSender returns the configured SMS gateway, or the demo's stand-in.
func (c *Config) smsSender() (kabinet.Sender, error) {
	switch c.SMS.Provider {
	case "dev", "":
		return notify.DevSender{}, nil
	case "smsru":
		if c.SMS.APIID == "" {
			return nil, fmt.Errorf("sms: KABINET_SMS_API_ID is required for SMS.ru")
		}
		return sms.Sender{Gateway: &sms.SMSRu{APIID: c.SMS.APIID, From: c.SMS.Sender, BaseURL: c.SMS.URL}}, nil
	case "smsc":
		if c.SMS.Login == "" || c.SMS.Password == "" {
			return nil, fmt.Errorf("sms: KABINET_SMS_LOGIN and KABINET_SMS_PASSWORD are required for SMSC")
		}
		return sms.Sender{Gateway: &sms.SMSC{Login: c.SMS.Login, Password: c.SMS.Password, Sender: c.SMS.Sender, BaseURL: c.SMS.URL}}, nil
	}
	return nil, fmt.Errorf("sms provider %q: want dev, smsru or smsc", c.SMS.Provider)
}
