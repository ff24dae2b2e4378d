// Package sberbank is a client of Sberbank's internet acquiring, the classic
// REST API of the RBS platform (DOMAIN §4): form-encoded POSTs to
// …/payment/rest/<method>.do answered with JSON, and the HMAC-SHA256
// checksum of the callbacks the gateway sends. Package sberbanktest is a
// fake gateway that speaks the same protocol.
package sberbank

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Hosts of the classic REST API.
const (
	TestURL       = "https://3dsec.sberbank.ru"
	ProductionURL = "https://securepayments.sberbank.ru"
)

// Client calls the gateway with the merchant's API account.
type Client struct {
	// BaseURL is the gateway's address without the /payment/rest path.
	BaseURL  string
	UserName string // the "-api" account
	Password string
	// HTTP is the client to call with; nil uses one with a 30 s timeout.
	HTTP *http.Client
}

var defaultHTTP = &http.Client{Timeout: 30 * time.Second}

// Error is an answer of the gateway with a non-zero errorCode.
type Error struct {
	Method  string
	Code    string
	Message string
}

func (e *Error) Error() string {
	return fmt.Sprintf("sberbank %s: error %s: %s", e.Method, e.Code, e.Message)
}

// Error codes the client tells apart (DOMAIN §4.3).
const (
	CodeAlreadyRegistered = "1" // an order with this number exists
	CodeSystemError       = "7"
)

// code is errorCode, which the gateway sends as a number or as a string.
type code string

func (c *code) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		*c = code(s)
		return nil
	}
	var n json.Number
	if err := json.Unmarshal(b, &n); err != nil {
		return fmt.Errorf("errorCode %s: %w", b, err)
	}
	*c = code(n.String())
	return nil
}

// failed reports whether the code means an error: absent or 0 is success.
func (c code) failed() bool { return c != "" && c != "0" }

// answer is what every response may carry.
type answer struct {
	ErrorCode    code   `json:"errorCode"`
	ErrorMessage string `json:"errorMessage"`
}

func (a *answer) err(method string) error {
	if !a.ErrorCode.failed() {
		return nil
	}
	return &Error{Method: method, Code: string(a.ErrorCode), Message: a.ErrorMessage}
}

// call posts params with the credentials to method and decodes the JSON
// answer into out, which embeds answer.
func (c *Client) call(ctx context.Context, method string, params url.Values, out interface{ err(string) error }) error {
	form := url.Values{"userName": {c.UserName}, "password": {c.Password}}
	for k, v := range params {
		if len(v) > 0 && v[0] != "" {
			form[k] = v
		}
	}
	endpoint := strings.TrimSuffix(c.BaseURL, "/") + "/payment/rest/" + method
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint, strings.NewReader(form.Encode()))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")
	h := c.HTTP
	if h == nil {
		h = defaultHTTP
	}
	resp, err := h.Do(req)
	if err != nil {
		return fmt.Errorf("sberbank %s: %w", method, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return fmt.Errorf("sberbank %s: %w", method, err)
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("sberbank %s: HTTP %d", method, resp.StatusCode)
	}
	if err := json.NewDecoder(bytes.NewReader(body)).Decode(out); err != nil {
		return fmt.Errorf("sberbank %s: decode: %w", method, err)
	}
	return out.err(method)
}

func kopecks(n int64) string { return strconv.FormatInt(n, 10) }
