// Package signin signs the benchmarks' customers in through the portal's
// sign-in form, as browsers would: one cookie jar each, k at a time.
package signin

import (
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"sync"
	"time"
)

// All signs in each account number with password through base's /login,
// k at a time over one shared transport, and returns each one's client
// (redirects not followed) in the order of numbers.
func All(base string, numbers []string, password string, k int) ([]*http.Client, error) {
	transport := &http.Transport{MaxIdleConnsPerHost: k, MaxConnsPerHost: k}
	clients := make([]*http.Client, len(numbers))
	errs := make([]error, len(numbers))
	var wg sync.WaitGroup
	next := make(chan int)
	for range k {
		wg.Go(func() {
			for i := range next {
				clients[i], errs[i] = one(base, transport, numbers[i], password)
			}
		})
	}
	for i := range numbers {
		next <- i
	}
	close(next)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return clients, nil
}

func one(base string, transport http.RoundTripper, number, password string) (*http.Client, error) {
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, Transport: transport, Timeout: time.Minute,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.PostForm(base+"/login", url.Values{"account": {number}, "secret": {password}})
	if err != nil {
		return nil, err
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		return nil, fmt.Errorf("sign-in of %s: status %d", number, resp.StatusCode)
	}
	return c, nil
}
