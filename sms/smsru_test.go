package sms_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"kabinet/sms"
	"kabinet/sms/smstest"
)

func TestSMSRu(t *testing.T) {
	f := smstest.NewSMSRu(t)
	s := &sms.SMSRu{APIID: f.APIID, From: "Energosbyt", BaseURL: f.URL}

	t.Run("OK", func(t *testing.T) {
		id, err := s.Send(context.Background(), "+7 (950) 123-45-67", code70)
		if err != nil {
			t.Fatal(err)
		}
		got := f.Messages()
		want := smstest.SMSRuMessage{ID: id, Phone: "79501234567", Text: code70,
			From: "Energosbyt", APIID: f.APIID, Method: http.MethodPost}
		if len(got) != 1 || got[0] != want {
			t.Errorf("fake received %+v, want [%+v]", got, want)
		}
		if smstest.Parts(got[0].Text) != 1 {
			t.Errorf("the 70-character text takes %d parts", smstest.Parts(got[0].Text))
		}
	})
	t.Run("RetryAfterTemporary", func(t *testing.T) {
		f.FailNext(2, 220)
		for range 2 {
			if e := MustFail(t, context.Background(), s); e.Code != 220 || e.Permanent {
				t.Errorf("got %v, want temporary 220", e)
			}
		}
		if _, err := s.Send(context.Background(), "89501234567", code70); err != nil {
			t.Errorf("third attempt: %v", err)
		}
	})
	t.Run("Codes", func(t *testing.T) {
		// 202 and 209 come in the number's entry, the others for the request.
		for code, permanent := range map[int]bool{
			202: true, 209: true, 203: true, 204: true, 212: true, 301: true,
			220: false, 201: false, 231: false, 232: false,
		} {
			f.FailNext(1, code)
			if e := MustFail(t, context.Background(), s); e.Code != code || e.Permanent != permanent {
				t.Errorf("code %d: got %v, want permanent=%v", code, e, permanent)
			}
		}
	})
	t.Run("PermanentWrongAPIID", func(t *testing.T) {
		bad := &sms.SMSRu{APIID: "wrong", BaseURL: f.URL}
		if e := MustFail(t, context.Background(), bad); e.Code != 200 || !e.Permanent {
			t.Errorf("got %v, want permanent 200", e)
		}
	})
	t.Run("TemporaryUnreachable", func(t *testing.T) {
		down := &sms.SMSRu{APIID: f.APIID, BaseURL: closedURL(t)}
		if e := MustFail(t, context.Background(), down); e.Permanent {
			t.Errorf("got %v, want temporary", e)
		}
	})
	t.Run("TemporaryGarbage", func(t *testing.T) {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			w.Write([]byte("<html>502 Bad Gateway</html>"))
		}))
		defer srv.Close()
		if e := MustFail(t, context.Background(), &sms.SMSRu{BaseURL: srv.URL}); e.Permanent {
			t.Errorf("got %v, want temporary", e)
		}
	})
	testTransport(t, s, f)
}
