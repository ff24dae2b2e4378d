package mailpittest_test

import (
	"testing"

	"kabinet/mail/mailpittest"
)

func TestStart(t *testing.T) {
	a, b := mailpittest.Start(t), mailpittest.Start(t)
	if a.SMTPPort() == b.SMTPPort() || a.APIURL() == b.APIURL() {
		t.Errorf("two servers share ports: %d %s, %d %s", a.SMTPPort(), a.APIURL(), b.SMTPPort(), b.APIURL())
	}
	if got := a.Messages(t); len(got) != 0 {
		t.Errorf("a new server holds %d messages", len(got))
	}
}
