// Command uploads measures the memory an upload costs the portal: c
// clients at once each send the feedback form with files files of size
// bytes (by default 20 × 5 × 4 MB), through the real web server, requests
// service and file store on loopback, while the heap is sampled. The
// bodies are generated as they are sent, so the client side holds no
// file either; what grows is the server's.
//
//	go run ./bench/uploads [-c 20] [-files 5] [-size 4194304] [-rounds 3]
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"kabinet/auth"
	"kabinet/cmd/kabinet/app"
	"kabinet/sqlstore"
)

func main() {
	c := flag.Int("c", 20, "clients uploading at once")
	files := flag.Int("files", 5, "files per form")
	size := flag.Int64("size", 4<<20, "bytes per file")
	rounds := flag.Int("rounds", 3, "rounds of c uploads")
	flag.Parse()
	dir, err := os.MkdirTemp("", "kabinet-uploads-")
	check(err)
	defer os.RemoveAll(dir)
	srv, db := server(dir)
	defer srv.Close()
	defer db.Close()

	runtime.GC()
	base := heap()
	var peak atomic.Uint64
	stop := sample(&peak)
	start := time.Now()
	var ok atomic.Int64
	for range *rounds {
		var wg sync.WaitGroup
		for range *c {
			wg.Go(func() {
				if send(srv.URL, *files, *size) == http.StatusSeeOther {
					ok.Add(1)
				}
			})
		}
		wg.Wait()
	}
	elapsed := time.Since(start)
	stop()
	total := int64(*rounds**c**files) * *size
	fmt.Printf("%d uploads of %d × %d bytes, %d at once: %d accepted in %v (%.0f MB/s)\n",
		*rounds**c, *files, *size, *c, ok.Load(), elapsed.Round(time.Millisecond), float64(total)/elapsed.Seconds()/1e6)
	fmt.Printf("heap in use: %.1f MB before, %.1f MB at peak: growth %.1f MB\n",
		mb(base), mb(peak.Load()), mb(peak.Load()-min(base, peak.Load())))
}

// server runs the portal, built as `kabinet serve` builds it (its workers
// not running), over a fresh SQLite database and a file store in dir.
func server(dir string) (*httptest.Server, *sqlstore.DB) {
	ctx := context.Background()
	db, q, err := app.Open(ctx, app.Config{DB: filepath.Join(dir, "bench.db")}, nil) // the store, with the queue the application runs on it
	check(err)
	cfg := app.DefaultConfig()
	cfg.Data, cfg.SupplierName, cfg.BaseURL = dir, "Бенчмарк", "http://127.0.0.1"
	cfg.Requests.AnonymousPerIP = auth.Limit{N: 1 << 30, Window: time.Hour}
	a, err := app.New(ctx, cfg, db, q, slog.New(slog.DiscardHandler))
	check(err)
	return httptest.NewServer(a.Site), db
}

// send posts the feedback form with n generated files of size bytes.
func send(url string, n int, size int64) int {
	pr, pw := io.Pipe()
	mw := multipart.NewWriter(pw)
	go func() {
		fields := map[string]string{"branch": "1", "full_name": "Петров Петр", "address": "Иркутск",
			"account": "ИЭСБК0041300", "phone": "89501234567", "email": "p@example.ru", "answer_channel": "phone",
			"topic": "Тема", "text": "Текст", "consent": "on"}
		for k, v := range fields {
			mw.WriteField(k, v)
		}
		for i := range n {
			part, _ := mw.CreateFormFile("files", fmt.Sprintf("скан-%d.pdf", i))
			part.Write([]byte("%PDF-1.4\n"))
			io.CopyN(part, zeros{}, size-9)
		}
		pw.CloseWithError(mw.Close())
	}()
	req, _ := http.NewRequest(http.MethodPost, url+"/feedback", pr)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	client := http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		log.Print(err)
		return 0
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode
}

// sample records the highest heap in use every 2 ms until stopped.
func sample(peak *atomic.Uint64) (stop func()) {
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		for {
			if h := heap(); h > peak.Load() {
				peak.Store(h)
			}
			select {
			case <-done:
				return
			case <-time.After(2 * time.Millisecond):
			}
		}
	})
	return func() { close(done); wg.Wait() }
}

func heap() uint64 {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapInuse + m.StackInuse
}

func mb(n uint64) float64 { return float64(n) / (1 << 20) }

type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

func check(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
