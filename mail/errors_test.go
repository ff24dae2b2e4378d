package mail

import (
	"context"
	"fmt"
	"net"
	"net/textproto"
	"testing"
)

func TestClassify(t *testing.T) {
	for _, tc := range []struct {
		name      string
		err       error
		code      int
		permanent bool
	}{
		{"PermanentReply", fmt.Errorf("auth: %w", &textproto.Error{Code: 535, Msg: "5.7.8 bad credentials"}), 535, true},
		{"TemporaryReply", &textproto.Error{Code: 421, Msg: "4.3.2 shutting down"}, 421, false},
		{"TemporaryNetwork", &net.OpError{Op: "dial", Err: fmt.Errorf("connection refused")}, 0, false},
		{"TemporaryDeadline", context.DeadlineExceeded, 0, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			se := classify(tc.err)
			if se.Code != tc.code || IsPermanent(se) != tc.permanent {
				t.Errorf("classify(%v) = code %d permanent %v, want %d %v",
					tc.err, se.Code, se.Permanent, tc.code, tc.permanent)
			}
		})
	}
	if IsPermanent(fmt.Errorf("plain error")) {
		t.Error("IsPermanent of an unclassified error is true, want false")
	}
}
