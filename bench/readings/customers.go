package main

import (
	"context"
	"fmt"
	"kabinet/bench/internal/signin"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/alexedwards/argon2id"

	"kabinet"
	"kabinet/readings"
	"kabinet/sqlstore"
)

// benchPassword is every bench customer's password. Its hash is cheap:
// sign-in is set-up here, measured by bench/signin.
const benchPassword = "Байкал-2026-омуль"

// customer is a registered customer with the meters it passes readings of.
type customer struct {
	mu      sync.Mutex
	number  string
	account int64
	client  *http.Client
	meters  []*meter
	turn    int
}

type meter struct {
	id     int64
	values []int64 // the last reading; each post adds one to every register
}

// prepare registers n customers spread over the world's accounts (the
// ones a previous run registered are reused) and notes their meters.
func prepare(ctx context.Context, db *sqlstore.DB, n int) ([]*customer, error) {
	total, err := db.CountAccounts(ctx)
	if err != nil {
		return nil, err
	}
	hash, err := argon2id.CreateHash(benchPassword, &argon2id.Params{Memory: 1024, Iterations: 1, Parallelism: 1, SaltLength: 16, KeyLength: 32})
	if err != nil {
		return nil, err
	}
	step := max(1, (total-10)/n)
	var cs []*customer
	for id := int64(10); len(cs) < n && id <= int64(total); id += int64(step) {
		c, err := register(ctx, db, id, hash)
		if err != nil {
			return nil, err
		}
		if c != nil {
			cs = append(cs, c)
		}
	}
	return cs, nil
}

// register makes account id a bench customer; nil if it has no meter to
// read or belongs to somebody else.
func register(ctx context.Context, db *sqlstore.DB, id int64, hash string) (*customer, error) {
	ms, err := db.FindMeters(ctx, id)
	if err != nil || len(ms) == 0 {
		return nil, err
	}
	c := &customer{account: id}
	for _, m := range ms {
		// The newest by date may be the estimate that closed a month
		// whose reading came after the 25th: start above all recent ones.
		rs, err := db.FindReadings(ctx, kabinet.ReadingFilter{MeterID: m.ID, Limit: 3})
		if err != nil {
			return nil, err
		}
		if len(rs) == 0 {
			continue
		}
		values := slices.Clone(rs[0].Values)
		for _, r := range rs[1:] {
			for i := range min(len(values), len(r.Values)) {
				values[i] = max(values[i], r.Values[i])
			}
		}
		if values[0]+100000 < m.Capacity() {
			c.meters = append(c.meters, &meter{id: m.ID, values: values})
		}
	}
	if len(c.meters) == 0 {
		return nil, nil
	}
	a, err := db.FindAccountByID(ctx, id)
	if err != nil {
		return nil, err
	}
	c.number = a.Display
	owner, err := db.FindOwner(ctx, id)
	switch {
	case kabinet.ErrorCode(err) == kabinet.ENOTFOUND:
		u := &kabinet.User{PasswordHash: hash, Email: fmt.Sprintf("bench%d@example.ru", id), ConfirmBy: kabinet.ConfirmByEmail, ConfirmedAt: time.Now()}
		return c, db.CreateUser(ctx, u, id)
	case err != nil:
		return nil, err
	case !strings.HasPrefix(owner.Email, "bench"):
		return nil, nil
	}
	return c, nil
}

func meterCount(cs []*customer) int {
	n := 0
	for _, c := range cs {
		n += len(c.meters)
	}
	return n
}

// signIn signs every customer in through the sign-in form, k at a time.
func signIn(base string, cs []*customer, k int) {
	numbers := make([]string, len(cs))
	for i, c := range cs {
		numbers[i] = c.number
	}
	clients, err := signin.All(base, numbers, benchPassword, k)
	check(err)
	for i, c := range cs {
		c.client = clients[i]
	}
}

// submit posts the next reading of the customer's next meter and checks
// that it was answered with its receipt: accepted and committed.
func (c *customer) submit(base string) error {
	c.mu.Lock()
	m := c.meters[c.turn%len(c.meters)]
	c.turn++
	form := url.Values{"confirm": {string(readings.ConfirmHigh)}}
	for i := range m.values {
		m.values[i]++
		form.Set("v"+strconv.Itoa(i), strconv.FormatInt(m.values[i], 10))
	}
	c.mu.Unlock()
	resp, err := c.client.PostForm(fmt.Sprintf("%s/a/%d/readings/%d", base, c.account, m.id), form)
	if err != nil {
		return err
	}
	drain(resp)
	if resp.StatusCode != http.StatusSeeOther || !strings.Contains(resp.Header.Get("Location"), "receipt=") {
		return fmt.Errorf("reading of meter %d: status %d", m.id, resp.StatusCode)
	}
	return nil
}
