package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"kabinet"
	"kabinet/auth"
	"kabinet/cmd/kabinet/app"
	"kabinet/mail/mailpittest"
	"kabinet/sms/smstest"
	"kabinet/sqlstore/sqlstoretest"
)

// withChannels points the program at a real SMTP server (mailpit) and a
// fake of the SMS.ru API.
func withChannels(mp *mailpittest.Server, gw *smstest.FakeSMSRu) func(*Config) {
	return func(c *Config) {
		c.SMTP.Host, c.SMTP.Port, c.SMTP.TLS = "127.0.0.1", mp.SMTPPort(), "none"
		c.SMS = app.SMSConfig{Provider: "smsru", APIID: gw.APIID, URL: gw.URL}
	}
}

// eventually polls cond for up to 20 seconds.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatalf("%s: not after 20 s", what)
}

// TestOutboxReachesTheRealChannels asks for password resets by e-mail and
// SMS on the running program and waits for the letter in mailpit and the
// text at the gateway: outbox, job queue, SMTP client and SMS client in one.
func TestOutboxReachesTheRealChannels(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, dsn string) {
		mp, gw := mailpittest.Start(t), smstest.NewSMSRu(t)
		m := MustRunMain(t, dsn, withChannels(mp, gw))
		ctx, c := context.Background(), auth.Client{IP: "127.0.0.1"}
		if err := m.app.Auth.ForgotPassword(ctx, "10103001857", kabinet.ConfirmByEmail, c); err != nil {
			t.Fatal(err)
		}
		if err := m.app.Auth.ForgotPassword(ctx, "10103001857", kabinet.ConfirmBySMS, c); err != nil {
			t.Fatal(err)
		}
		eventually(t, "the letter in mailpit", func() bool { return len(mp.Messages(t)) == 1 })
		letter := mp.Message(t, mp.Messages(t)[0].ID)
		if letter.To[0].Address != "ivanov@example.ru" || !strings.Contains(letter.Text, m.URL()+"/password/reset?token=") {
			t.Errorf("letter to %v:\n%s", letter.To, letter.Text)
		}
		eventually(t, "the SMS at the gateway", func() bool { return len(gw.Messages()) == 1 })
		if sms := gw.Messages()[0]; sms.Phone != "79501234567" || !strings.Contains(sms.Text, "код смены пароля") {
			t.Errorf("SMS = %+v", sms)
		}
		eventually(t, "both marked sent", func() bool {
			ms, _ := m.app.DB.FindMessages(ctx, kabinet.ChannelEmail, 1)
			ss, _ := m.app.DB.FindMessages(ctx, kabinet.ChannelSMS, 1)
			return len(ms) == 1 && ms[0].Status == kabinet.MessageSent && ms[0].ProviderID == letter.MessageID &&
				len(ss) == 1 && ss[0].Status == kabinet.MessageSent && ss[0].ProviderID == gw.Messages()[0].ID
		})
	})
}
