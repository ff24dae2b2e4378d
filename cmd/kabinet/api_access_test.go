package main

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"mime/multipart"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"kabinet"
	"kabinet/api"
	"kabinet/api/apitest"
	"kabinet/sqlstore/sqlstoretest"
)

// TestAPIAccessMatrix is the API's access-control matrix: every route
// that needs a token (api.Server.Routes, so routes added later are tried
// without touching this test) × every kind of caller, each answer held
// to openapi.json:
//
//   - the owner, who registered the account, is served;
//   - a linked user, who registered another account and linked this one,
//     is served but for what is the owner's (apiLinkedRefused);
//   - another customer gets 404 on the account's routes, as for an
//     account that does not exist, and her own data elsewhere;
//   - an anonymous caller and a revoked token get 401.
//
// Each kind of caller has a world of its own, so what the owner's POST or
// DELETE changes cannot change another's answer.
func TestAPIAccessMatrix(t *testing.T) {
	// Deleting the reading goes first, before another one takes its
	// place; signing out last: it ends the caller's token.
	routes := api.New(api.Config{}, api.Deps{}).Routes()
	last := func(r string) int {
		switch {
		case strings.HasSuffix(r, "/sessions/current"):
			return 1
		case strings.HasPrefix(r, "DELETE ") && strings.Contains(r, "/readings/"):
			return -1
		}
		return 0
	}
	slices.SortStableFunc(routes, func(a, b string) int { return cmp.Compare(last(a), last(b)) })
	for _, role := range []string{"owner", "linked", "other", "anonymous", "revoked"} {
		t.Run(role, func(t *testing.T) {
			w := newAPIWorld(t, role)
			for _, route := range routes {
				if apiPublic[route] {
					continue
				}
				method, path := w.fill(t, route)
				res := w.c.Send(w.request(t, method, path))
				if want := apiWant(route, role); !want(res.StatusCode) {
					t.Errorf("%s %s as %s: %d %s", method, path, role, res.StatusCode, res.Body)
				}
			}
		})
	}
}

// apiPublic are the routes anybody may call.
var apiPublic = map[string]bool{"GET /api/{$}": true, "GET /api/v1/openapi.json": true, "POST /api/v1/sessions": true}

// apiLinkedRefused are the routes a person who linked the account, not
// its owner, is refused, with the status — as on the portal.
var apiLinkedRefused = map[string]int{
	"GET /api/v1/accounts/{acc}/services":                             http.StatusForbidden,
	"PUT /api/v1/accounts/{acc}/services":                             http.StatusForbidden,
	"GET /api/v1/accounts/{acc}/requests/{req}/files/{att}":           http.StatusNotFound,
	"DELETE /api/v1/accounts/{acc}/meters/{meter}/readings/{reading}": http.StatusConflict, // passed by the owner's device
}

func apiWant(route, role string) func(int) bool {
	is := func(code int) func(int) bool { return func(got int) bool { return got == code } }
	ok := func(got int) bool { return got >= 200 && got < 300 }
	switch {
	case role == "anonymous" || role == "revoked":
		return is(http.StatusUnauthorized)
	case role == "other" && strings.Contains(route, "{acc}"):
		return is(http.StatusNotFound)
	case role == "linked" && apiLinkedRefused[route] != 0:
		return is(apiLinkedRefused[route])
	}
	return ok
}

// apiWorld is the demo with Ivanov's account under test: his reading
// passed and documents sent from his device, and the caller's token.
type apiWorld struct {
	c                 *apitest.Client
	m                 *Main
	account, meter    int64
	reading, req, att int64
	sub               int64
	values            []string
	bill              string
}

func newAPIWorld(t *testing.T, role string) *apiWorld {
	m := MustRunMain(t, sqlstoretest.SQLiteDSN(t))
	w := &apiWorld{m: m, c: apitest.New(t, m.URL())}
	w.c.Token = apiSignIn(t, w.c, "10103001857")
	w.ownerSetup(t)
	ctx := context.Background()
	switch role {
	case "linked", "other":
		other, err := m.app.DB.FindAccountByNumber(ctx, kabinet.MustParseAccountNumber("ИЭСБК0077001"))
		if err != nil {
			t.Fatal(err)
		}
		if role == "linked" {
			u, err := m.app.DB.FindOwner(ctx, other.ID)
			if err != nil {
				t.Fatal(err)
			}
			if err := m.app.DB.LinkAccount(ctx, u.ID, w.account, nil); err != nil {
				t.Fatal(err)
			}
		}
		w.c.Token = apiSignIn(t, w.c, "ИЭСБК0077001")
	case "anonymous":
		w.c.Token = ""
	case "revoked":
		if res := w.c.Do("DELETE", "/api/v1/sessions/current", nil); res.StatusCode != http.StatusNoContent {
			t.Fatalf("sign out: %d", res.StatusCode)
		}
	}
	return w
}

func apiSignIn(t *testing.T, c *apitest.Client, number string) string {
	t.Helper()
	c.Token = ""
	res := c.Do("POST", "/api/v1/sessions", map[string]string{"account": number, "secret": "demo2026", "device": "Матрица"})
	var tok struct {
		Token     string `json:"token"`
		AccountID int64  `json:"account_id"`
	}
	if res.StatusCode != http.StatusCreated {
		t.Fatalf("sign in %s: %d %s", number, res.StatusCode, res.Body)
	}
	res.JSON(t, &tok)
	return tok.Token
}

// ownerSetup passes a reading and sends documents from the owner's
// device, so that the routes that name them have something to serve.
func (w *apiWorld) ownerSetup(t *testing.T) {
	t.Helper()
	var as struct {
		Accounts []struct {
			ID int64 `json:"id"`
		} `json:"accounts"`
	}
	w.c.Do("GET", "/api/v1/accounts", nil).JSON(t, &as)
	w.account = as.Accounts[0].ID
	acc := "/api/v1/accounts/" + strconv.FormatInt(w.account, 10)
	var ms struct {
		Meters []struct {
			ID int64 `json:"id"`
		} `json:"meters"`
	}
	w.c.Do("GET", acc+"/meters", nil).JSON(t, &ms)
	w.meter = ms.Meters[0].ID
	var bs struct {
		Balances []struct {
			SubAccountID int64 `json:"sub_account_id"`
		} `json:"balances"`
	}
	w.c.Do("GET", acc+"/balances", nil).JSON(t, &bs)
	w.sub = bs.Balances[0].SubAccountID
	var bills struct {
		Bills []struct {
			Period string `json:"period"`
		} `json:"bills"`
	}
	w.c.Do("GET", acc+"/bills", nil).JSON(t, &bills)
	w.bill = bills.Bills[0].Period + ".pdf"
	var hist struct {
		Readings []struct {
			Values []int64 `json:"values"`
		} `json:"readings"`
	}
	path := acc + "/meters/" + strconv.FormatInt(w.meter, 10) + "/readings"
	w.c.Do("GET", path, nil).JSON(t, &hist)
	first, again := []string{}, []string{}
	for _, v := range hist.Readings[0].Values {
		first, again = append(first, strconv.FormatInt(v+40, 10)), append(again, strconv.FormatInt(v+50, 10))
	}
	w.values = again
	var rc struct {
		Reading struct {
			ID int64 `json:"id"`
		} `json:"reading"`
	}
	w.c.Do("POST", path, map[string]any{"values": first}).JSON(t, &rc)
	w.reading = rc.Reading.ID
	res := w.c.Send(w.documents(t, acc+"/requests"))
	var req struct {
		ID    int64 `json:"id"`
		Files []struct {
			URL string `json:"url"`
		} `json:"files"`
	}
	if res.StatusCode != http.StatusCreated {
		t.Fatalf("documents: %d %s", res.StatusCode, res.Body)
	}
	res.JSON(t, &req)
	w.req = req.ID
	w.att, _ = strconv.ParseInt(req.Files[0].URL[strings.LastIndex(req.Files[0].URL, "/")+1:], 10, 64)
}

// documents is «Направить документы он-лайн» with one scan.
func (w *apiWorld) documents(t *testing.T, path string) *http.Request {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	mw.WriteField("topic", "Смена собственника")
	f, _ := mw.CreateFormFile("files", "скан.pdf")
	f.Write([]byte("%PDF-1.4\n% скан\n"))
	mw.Close()
	req, err := http.NewRequest("POST", w.m.URL()+path, &body)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return req
}

var placeholder = regexp.MustCompile(`\{([a-z]+)(\$|\.\.\.)?\}`)

// fill turns a route into a request line with the world's IDs.
func (w *apiWorld) fill(t *testing.T, route string) (method, path string) {
	t.Helper()
	method, path, _ = strings.Cut(route, " ")
	ids := map[string]string{"acc": strconv.FormatInt(w.account, 10), "meter": strconv.FormatInt(w.meter, 10),
		"reading": strconv.FormatInt(w.reading, 10), "req": strconv.FormatInt(w.req, 10), "att": strconv.FormatInt(w.att, 10),
		"file": w.bill}
	path = placeholder.ReplaceAllStringFunc(path, func(p string) string {
		name := placeholder.FindStringSubmatch(p)[1]
		v, ok := ids[name]
		if !ok {
			t.Fatalf("route %q: no example for {%s}; add one to apiWorld.fill", route, name)
		}
		return v
	})
	return method, path
}

// request is the request a route gets in the matrix: a body that the
// owner is served with for the routes that take one.
func (w *apiWorld) request(t *testing.T, method, path string) *http.Request {
	t.Helper()
	var body any
	switch {
	case method == "POST" && strings.HasSuffix(path, "/requests"):
		return w.documents(t, path)
	case method == "POST" && strings.HasSuffix(path, "/readings"):
		body = map[string]any{"values": w.values}
	case method == "POST" && strings.HasSuffix(path, "/orders"):
		body = map[string]any{"amounts": []map[string]int64{{"sub_account_id": w.sub, "kopecks": 10000}}, "contact": "ivanov@example.ru"}
	case method == "PUT" && strings.HasSuffix(path, "/services"):
		body = map[string]any{"push": false, "sms": false, "phone": "", "email_info": false, "bill_paper": true,
			"bill_email": false, "email": ""}
	}
	b, err := json.Marshal(body)
	if err != nil {
		t.Fatal(err)
	}
	if body == nil {
		b = nil
	}
	req, err := http.NewRequest(method, w.m.URL()+path, bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	return req
}
