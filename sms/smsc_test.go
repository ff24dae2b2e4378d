package sms_test

import (
	"context"
	"net/http"
	"strconv"
	"testing"

	"kabinet/sms"
	"kabinet/sms/smstest"
)

func TestSMSC(t *testing.T) {
	f := smstest.NewSMSC(t)
	s := &sms.SMSC{Login: f.Login, Password: f.Password, Sender: "Energosbyt", BaseURL: f.URL}

	t.Run("OK", func(t *testing.T) {
		id, err := s.Send(context.Background(), "8 950 123 45 67", code70)
		if err != nil {
			t.Fatal(err)
		}
		got := f.Messages()
		want := smstest.SMSCMessage{Phone: "79501234567", Text: code70, Sender: "Energosbyt",
			Login: f.Login, Password: f.Password, Parts: 1, Method: http.MethodPost}
		if len(got) == 1 {
			want.ID = got[0].ID
		}
		if len(got) != 1 || got[0] != want || id != strconv.Itoa(want.ID) {
			t.Errorf("Send = %q; fake received %+v, want [%+v]", id, got, want)
		}
	})
	t.Run("RetryAfterTemporary", func(t *testing.T) {
		f.FailNext(1, 4)
		if e := MustFail(t, context.Background(), s); e.Code != 4 || e.Permanent {
			t.Errorf("got %v, want temporary 4", e)
		}
		if _, err := s.Send(context.Background(), "9501234567", code70); err != nil {
			t.Errorf("second attempt: %v", err)
		}
	})
	t.Run("Codes", func(t *testing.T) {
		for code, permanent := range map[int]bool{
			1: true, 2: true, 5: true, 6: true, 7: true, 8: true, 42: true,
			3: false, 4: false, 9: false,
		} {
			f.FailNext(1, code)
			if e := MustFail(t, context.Background(), s); e.Code != code || e.Permanent != permanent {
				t.Errorf("code %d: got %v, want permanent=%v", code, e, permanent)
			}
		}
	})
	t.Run("PermanentWrongPassword", func(t *testing.T) {
		bad := &sms.SMSC{Login: f.Login, Password: "wrong", BaseURL: f.URL}
		if e := MustFail(t, context.Background(), bad); e.Code != 2 || !e.Permanent {
			t.Errorf("got %v, want permanent 2", e)
		}
	})
	t.Run("TemporaryUnreachable", func(t *testing.T) {
		down := &sms.SMSC{Login: f.Login, Password: f.Password, BaseURL: closedURL(t)}
		if e := MustFail(t, context.Background(), down); e.Permanent {
			t.Errorf("got %v, want temporary", e)
		}
	})
	testTransport(t, s, f)
}
