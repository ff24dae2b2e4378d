package web

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"time"

	"kabinet"
)

//go:embed static
var staticFS embed.FS

// asset is one embedded static file and the hash of its content.
type asset struct {
	body []byte
	hash string
}

// assets are the static files, hashed once at start. A file's URL changes
// whenever its content does, so browsers may cache it forever.
type assets struct {
	byName map[string]asset
}

func loadAssets(fsys fs.FS) (*assets, error) {
	a := &assets{byName: map[string]asset{}}
	err := fs.WalkDir(fsys, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(body)
		name := p[len("static/"):]
		a.byName[name] = asset{body: body, hash: hex.EncodeToString(sum[:6])}
		return nil
	})
	return a, err
}

// URL returns the content-hashed URL of a static file. An unknown name is
// an error, so a typo in a template fails the render test.
func (a *assets) URL(name string) (string, error) {
	f, ok := a.byName[name]
	if !ok {
		return "", fmt.Errorf("unknown asset %q", name)
	}
	return "/static/" + f.hash + "/" + name, nil
}

// handleAsset serves a static file if the hash in the URL is its current
// hash. A stale or made-up hash is a 404: serving new content under an old
// immutable URL would poison caches.
func (s *Server) handleAsset(w http.ResponseWriter, r *http.Request) error {
	f, ok := s.assets.byName[r.PathValue("name")]
	if !ok || f.hash != r.PathValue("hash") {
		return kabinet.Errorf(kabinet.ENOTFOUND, "Файл не найден.")
	}
	h := w.Header()
	if ct := mime.TypeByExtension(path.Ext(r.PathValue("name"))); ct != "" {
		h.Set("Content-Type", ct)
	}
	h.Set("Cache-Control", "public, max-age=31536000, immutable")
	h.Set("ETag", `"`+f.hash+`"`)
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(f.body))
	return nil
}
