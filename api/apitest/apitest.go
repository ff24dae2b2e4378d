// Package apitest is a client of the customer's JSON API for tests that
// holds every answer to the OpenAPI document (kin-openapi's
// openapi3filter): an answer with a status, header or body the document
// does not describe, or to a route it does not have, fails the test, so
// the document cannot drift from the code.
package apitest

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"

	"kabinet/api"
)

func init() {
	for _, t := range []string{"application/pdf", "image/jpeg", "image/png", "image/tiff"} {
		openapi3filter.RegisterBodyDecoder(t, openapi3filter.FileBodyDecoder)
	}
}

// Client calls the API at a base URL (the portal's, without /api/v1) with
// a bearer token, once it has one.
type Client struct {
	tb     testing.TB
	base   string
	router routers.Router
	Token  string
	// Checked counts the answers validated.
	Checked int
}

// New loads and validates the document and returns a client of base.
func New(tb testing.TB, base string) *Client {
	tb.Helper()
	doc := MustLoad(tb)
	doc.Servers = openapi3.Servers{{URL: base + "/api/v1"}}
	r, err := legacy.NewRouter(doc)
	if err != nil {
		tb.Fatal(err)
	}
	return &Client{tb: tb, base: base, router: r}
}

// MustLoad loads api.Spec and checks it is a valid OpenAPI document.
func MustLoad(tb testing.TB) *openapi3.T {
	tb.Helper()
	doc, err := openapi3.NewLoader().LoadFromData(api.Spec)
	if err != nil {
		tb.Fatalf("load openapi.json: %v", err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		tb.Fatalf("openapi.json is not valid: %v", err)
	}
	return doc
}

// Response is an answer, read whole.
type Response struct {
	*http.Response
	Body []byte
}

// JSON decodes the body into v.
func (r *Response) JSON(tb testing.TB, v any) {
	tb.Helper()
	if err := json.Unmarshal(r.Body, v); err != nil {
		tb.Fatalf("decode %s: %v", r.Body, err)
	}
}

// Problem decodes a problem+json body.
func (r *Response) Problem(tb testing.TB) api.Problem {
	tb.Helper()
	var p api.Problem
	r.JSON(tb, &p)
	return p
}

// Do sends a request with a JSON body (nil for none) and validates the
// answer.
func (c *Client) Do(method, path string, body any) *Response {
	c.tb.Helper()
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			c.tb.Fatal(err)
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, c.base+path, rd)
	if err != nil {
		c.tb.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	return c.Send(req)
}

// Send sends req with the client's token and validates the answer.
func (c *Client) Send(req *http.Request) *Response {
	c.tb.Helper()
	if c.Token != "" && req.Header.Get("Authorization") == "" {
		req.Header.Set("Authorization", "Bearer "+c.Token)
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := client.Do(req)
	if err != nil {
		c.tb.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		c.tb.Fatal(err)
	}
	c.validate(req, res, b)
	return &Response{Response: res, Body: b}
}

// validate holds the answer to the document.
func (c *Client) validate(req *http.Request, res *http.Response, body []byte) {
	c.tb.Helper()
	if strings.HasSuffix(req.URL.Path, "/openapi.json") {
		return
	}
	route, params, err := c.router.FindRoute(req)
	if err != nil {
		c.tb.Errorf("%s %s is not in openapi.json: %v", req.Method, req.URL.Path, err)
		return
	}
	in := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route},
		Status:                 res.StatusCode, Header: res.Header, Body: io.NopCloser(bytes.NewReader(body)),
		Options: &openapi3filter.Options{IncludeResponseStatus: true},
	}
	if err := openapi3filter.ValidateResponse(context.Background(), in); err != nil {
		c.tb.Errorf("%s %s → %d does not match openapi.json: %v\n%s", req.Method, req.URL.Path, res.StatusCode, err, body)
	}
	c.Checked++
}
