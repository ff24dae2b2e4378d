package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"path"
	"strings"
	"sync"
)

//go:embed templates
var templateFS embed.FS

// pages holds one parsed template set per page: the layout and partials
// cloned with that page's blocks, so pages cannot overwrite each other's
// "content" block.
type pages struct {
	byName map[string]*template.Template
	// statics are the partials rendered once (staticPartials).
	statics map[string]template.HTML
}

// parsePages parses templates/layout.html (the head's links),
// templates/partials/*.html and each templates/pages/NAME.html once.
// asset resolves a static file name to its content-hashed URL.
func parsePages(fsys fs.FS, asset func(string) (string, error)) (*pages, error) {
	statics := map[string]template.HTML{}
	funcs := template.FuncMap{"asset": asset, "static": func(name string) (template.HTML, error) {
		if h, ok := statics[name]; ok {
			return h, nil
		}
		return "", fmt.Errorf("no static partial %q", name)
	}, "imageHTML": func(img Image) (template.HTML, error) {
		var b bytes.Buffer
		err := writeImage((*markup)(&b), img, asset)
		return template.HTML(b.String()), err
	}}
	root, err := template.New("layout").Funcs(funcs).ParseFS(fsys,
		"templates/layout.html", "templates/partials/*.html")
	if err != nil {
		return nil, fmt.Errorf("parse layout: %w", err)
	}
	if err := renderStatics(root, statics); err != nil {
		return nil, err
	}
	files, err := fs.Glob(fsys, "templates/pages/*.html")
	if err != nil {
		return nil, err
	}
	p := &pages{byName: make(map[string]*template.Template, len(files)), statics: statics}
	for _, file := range files {
		name := strings.TrimSuffix(path.Base(file), ".html")
		t, err := template.Must(root.Clone()).ParseFS(fsys, file)
		if err != nil {
			return nil, fmt.Errorf("parse page %s: %w", name, err)
		}
		p.byName[name] = t
	}
	return p, nil
}

// staticPartials are the partials that read no data, only asset: each
// page shows one of them as {{static "name"}}, rendered once here. As
// template actions, the head's links (an asset and three escapers each)
// were a fifth of the template's time on «Главная» (issue 17).
var staticPartials = []string{"head-portal", "head-office"}

func renderStatics(root *template.Template, statics map[string]template.HTML) error {
	t, err := root.Clone() // executing escapes the set; the pages clone root later
	if err != nil {
		return err
	}
	for _, name := range staticPartials {
		var b strings.Builder
		if err := t.ExecuteTemplate(&b, name, nil); err != nil {
			return fmt.Errorf("static partial %s: %w", name, err)
		}
		statics[name] = template.HTML(b.String())
	}
	return nil
}

// names lists the parsed pages, for the test that renders every page.
func (p *pages) names() []string {
	names := make([]string, 0, len(p.byName))
	for name := range p.byName {
		names = append(names, name)
	}
	return names
}

// buffers are the pages' render buffers, reused: a page is tens of KB,
// and growing a fresh buffer for each was a share of the allocations of
// «Главная».
var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// putBuffer returns buf to the pool, unless a rare huge page grew it.
func putBuffer(buf *bytes.Buffer) {
	if buf.Cap() > 1<<20 {
		return
	}
	buf.Reset()
	buffers.Put(buf)
}

// render executes a page into a buffer first, so a template error becomes
// an error page rather than half a page with a 200 status.
func (s *Server) render(w http.ResponseWriter, status int, name string, p page) error {
	t, ok := s.pages.byName[name]
	if !ok {
		return fmt.Errorf("render: no page %q", name)
	}
	buf := buffers.Get().(*bytes.Buffer)
	defer putBuffer(buf)
	if err := s.writeLayout(buf, t, p); err != nil {
		return fmt.Errorf("render %s: %w", name, err)
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	// Pages carry personal data and per-user settings: never cache them
	// in shared caches.
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, err := buf.WriteTo(w)
	return err
}
