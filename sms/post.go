package sms

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"kabinet"
)

// defaultHTTP is used when a client has no *http.Client: a gateway that
// does not answer in 30 s is treated as down, and the job retries later.
func defaultHTTP(c *http.Client) *http.Client {
	if c != nil {
		return c
	}
	return &http.Client{Timeout: 30 * time.Second}
}

// post sends form to endpoint and returns the body of a 200 answer. The
// form travels in the body, never the URL, so that the credentials and the
// text stay out of the *url.Error messages that end up in logs.
func post(ctx context.Context, c *http.Client, endpoint string, form url.Values, fail *Error) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint, strings.NewReader(form.Encode()))
	if err != nil {
		fail.Permanent, fail.Err = true, err // a malformed BaseURL: configuration
		return nil, fail
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := defaultHTTP(c).Do(req)
	if err != nil {
		fail.Err = err // network failure, timeout or cancellation: temporary
		return nil, fail
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 1<<16))
	if err != nil {
		fail.Err = fmt.Errorf("read answer: %w", err)
		return nil, fail
	}
	if resp.StatusCode != http.StatusOK {
		fail.HTTPStatus = resp.StatusCode
		// 5xx and 429 pass; other 4xx mean a wrong URL or a changed API.
		fail.Permanent = resp.StatusCode < 500 && resp.StatusCode != http.StatusTooManyRequests
		return nil, fail
	}
	return body, nil
}

// badAnswer marks a 200 answer that does not parse: maybe a proxy's error
// page, so temporary, though the message may have been accepted.
func badAnswer(fail *Error, err error) *Error {
	fail.Err = fmt.Errorf("unexpected answer: %w", err)
	return fail
}

// normalize checks phone before any request; a bad one is permanent.
func normalize(phone string, fail *Error) (string, error) {
	p, err := kabinet.ParsePhone(phone)
	if err != nil {
		fail.Phone, fail.Permanent, fail.Err = kabinet.MaskPhone(phone), true, err
		return "", fail
	}
	return p, nil
}
