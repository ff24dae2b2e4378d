package main

import (
	"context"
	"fmt"
	"io"
	"kabinet/bench/internal/signin"
	"net/http"
	"strings"
	"time"

	"github.com/alexedwards/argon2id"

	"kabinet"
	"kabinet/sqlstore"
)

// benchPassword is every bench customer's password. Its hash is cheap:
// sign-in is set-up here, measured by bench/signin.
const benchPassword = "Байкал-2026-омуль"

// customer is a registered, signed-in customer of one account.
type customer struct {
	number  string
	account int64
	meters  bool
	client  *http.Client
}

// prepare registers n customers spread evenly over the world's accounts
// (the ones a previous run registered are reused).
func prepare(ctx context.Context, db *sqlstore.DB, n int) ([]*customer, error) {
	total, err := db.CountAccounts(ctx)
	if err != nil {
		return nil, err
	}
	hash, err := argon2id.CreateHash(benchPassword, &argon2id.Params{Memory: 1024, Iterations: 1, Parallelism: 1, SaltLength: 16, KeyLength: 32})
	if err != nil {
		return nil, err
	}
	step := max(1, total/n)
	var cs []*customer
	seen := 0
	for after := int64(0); len(cs) < n; {
		as, err := db.FindAccountsAfter(ctx, after, 10000)
		if err != nil || len(as) == 0 {
			return cs, err
		}
		for _, a := range as {
			if seen++; seen%step != 0 || len(cs) == n {
				continue
			}
			c, err := register(ctx, db, a.ID, hash)
			if err != nil {
				return nil, err
			}
			if c != nil {
				cs = append(cs, c)
			}
		}
		after = as[len(as)-1].ID
	}
	return cs, nil
}

// register makes account id a bench customer; nil if it belongs to
// somebody else.
func register(ctx context.Context, db *sqlstore.DB, id int64, hash string) (*customer, error) {
	a, err := db.FindAccountByID(ctx, id)
	if kabinet.ErrorCode(err) == kabinet.ENOTFOUND {
		return nil, nil
	} else if err != nil {
		return nil, err
	}
	ms, err := db.FindMeters(ctx, id)
	if err != nil {
		return nil, err
	}
	c := &customer{account: id, number: a.Display, meters: len(ms) > 0}
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

// get fetches the customer's page; with body it returns the HTML, else
// it only reads it.
func (c *customer) get(base string, pg page, body bool) (string, error) {
	resp, err := c.client.Get(fmt.Sprintf("%s/a/%d/%s", base, c.account, pg.path))
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return "", fmt.Errorf("%s of %s: status %d", pg.name, c.number, resp.StatusCode)
	}
	if !body {
		_, err = io.Copy(io.Discard, resp.Body)
		return "", err
	}
	b, err := io.ReadAll(resp.Body)
	return string(b), err
}
