package notify_test

import (
	"testing"
	"time"

	"kabinet"
	"kabinet/notify"
)

func TestQuietUntil(t *testing.T) {
	at := func(d, h, m int) time.Time { return time.Date(2026, 11, d, h, m, 0, 0, irkutsk) }
	for _, c := range []struct{ now, want time.Time }{
		{at(16, 9, 0), time.Time{}},
		{at(16, 20, 59), time.Time{}},
		{at(16, 21, 0), at(17, 9, 0)},
		{at(16, 23, 30), at(17, 9, 0)},
		{at(17, 0, 10), at(17, 9, 0)},
		{at(17, 8, 59), at(17, 9, 0)},
		{at(30, 22, 0), time.Date(2026, 12, 1, 9, 0, 0, 0, irkutsk)},
	} {
		if got := notify.QuietUntil(c.now.UTC(), irkutsk); !got.Equal(c.want) {
			t.Errorf("QuietUntil(%s) = %s, want %s", c.now, got, c.want)
		}
	}
}

// The bell always; push, SMS and e-mail only as ticked, with the contact
// and, for SMS and e-mail, a consent.
func TestDelivery(t *testing.T) {
	in := newInformer(t, nil, time.Date(2026, 11, 16, 22, 0, 0, 0, irkutsk))
	inf := &notify.Informing{AccountID: 7, Title: "Т", Text: "Текст", SMS: "СМС", Link: "/a/7/"}
	all := &kabinet.ServiceSettings{AccountID: 7, Push: true, SMS: true, Phone: "79500000001", EmailInfo: true, Email: "a@b.ru"}
	channels := func(r *kabinet.Recipient) (bells int, chs []kabinet.Channel) {
		d, err := in.Delivery(r, inf)
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range d.Messages {
			chs = append(chs, o.Message.Channel)
			if o.Message.Channel == kabinet.ChannelSMS && o.NotBefore.IsZero() {
				t.Error("an SMS at 22:00 was not held")
			}
		}
		return len(d.Notifications), chs
	}
	if b, chs := channels(&kabinet.Recipient{AccountID: 7, UserIDs: []int64{1, 2}}); b != 2 || len(chs) != 0 {
		t.Errorf("no settings: %d bells, %v", b, chs)
	}
	b, chs := channels(&kabinet.Recipient{AccountID: 7, UserIDs: []int64{1}, Settings: all, Consent: true, Pushes: []int64{3, 4}})
	if b != 1 || len(chs) != 4 || chs[0] != kabinet.ChannelPush || chs[2] != kabinet.ChannelSMS || chs[3] != kabinet.ChannelEmail {
		t.Errorf("all ticked: %d bells, %v", b, chs)
	}
	if _, chs := channels(&kabinet.Recipient{AccountID: 7, Settings: all, Pushes: []int64{3}}); len(chs) != 1 {
		t.Errorf("without consent: %v, want the push only", chs)
	}
}

func TestSigner(t *testing.T) {
	s := notify.NewSigner([]byte("key"))
	tok := s.Sign(42)
	if id, err := s.Verify(tok); err != nil || id != 42 {
		t.Fatalf("Verify(Sign(42)) = %d, %v", id, err)
	}
	for _, bad := range []string{"43" + tok[2:], tok + "x", "42", "", notify.NewSigner([]byte("other")).Sign(42)} {
		if _, err := s.Verify(bad); kabinet.ErrorCode(err) != kabinet.EINVALID {
			t.Errorf("Verify(%q): %v", bad, err)
		}
	}
}
