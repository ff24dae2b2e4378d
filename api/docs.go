package api

import (
	_ "embed"
	"encoding/json"
	"html/template"
	"net/http"
	"slices"
	"strings"
)

// Spec is the OpenAPI 3.1 document of the API, served at
// /api/v1/openapi.json; the tests check every answer against it.
//
//go:embed openapi.json
var Spec []byte

func (s *Server) handleSpec(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "public, max-age=300")
	_, err := w.Write(Spec)
	return err
}

// docPage is the developers' page: the document's description and its
// operations, one per row, in the document's order of paths.
type docPage struct {
	Title, Version, Description string
	Operations                  []docOperation
}

type docOperation struct {
	Method, Path, Summary, Description string
	Auth                               bool
}

var methods = []string{"get", "post", "put", "delete"}

// docs reads the page from the document, once.
func docs() (*docPage, error) {
	var d struct {
		Info struct {
			Title, Version, Description string
		}
		Paths map[string]map[string]struct {
			Summary, Description string
			Security             *[]map[string][]string
		}
	}
	if err := json.Unmarshal(Spec, &d); err != nil {
		return nil, err
	}
	p := &docPage{Title: d.Info.Title, Version: d.Info.Version, Description: d.Info.Description}
	paths := make([]string, 0, len(d.Paths))
	for path := range d.Paths {
		paths = append(paths, path)
	}
	slices.Sort(paths)
	for _, path := range paths {
		for _, m := range methods {
			if op, ok := d.Paths[path][m]; ok {
				p.Operations = append(p.Operations, docOperation{Method: strings.ToUpper(m), Path: "/api/v1" + path,
					Summary: op.Summary, Description: op.Description, Auth: op.Security == nil || len(*op.Security) > 0})
			}
		}
	}
	return p, nil
}

var docTemplate = template.Must(template.New("docs").Parse(`<!doctype html>
<html lang="ru"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}} — для разработчиков</title></head>
<body><main>
<h1>{{.Title}}, версия {{.Version}}</h1>
<p>{{.Description}}</p>
<p>Описание в формате OpenAPI 3.1: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>.</p>
<table><caption>Операции</caption>
<thead><tr><th scope="col">Метод</th><th scope="col">Адрес</th><th scope="col">Что делает</th><th scope="col">Токен</th></tr></thead>
<tbody>{{range .Operations}}<tr><td><code>{{.Method}}</code></td><td><code>{{.Path}}</code></td><td><strong>{{.Summary}}</strong>{{with .Description}}<br>{{.}}{{end}}</td><td>{{if .Auth}}нужен{{else}}нет{{end}}</td></tr>
{{end}}</tbody></table>
</main></body></html>
`))

func (s *Server) handleDocs(w http.ResponseWriter, r *http.Request) error {
	p, err := docs()
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	return docTemplate.Execute(w, p)
}
