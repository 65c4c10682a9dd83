// Package spasite serves the test site testdata/sites/spa, whose pages are
// built by a script, in two ways: as the single-page app it is (every route
// answers the same empty shell, app/index.html, and app/app.js builds the
// page from the route's JSON in content/), or as its server-rendered twin,
// the same markup built here in Go from the same JSON. Crawling both and
// comparing shows what rendering in a browser recovers.
//
// Both serve robots.txt (disallowing /api/private/) and a sitemap of the
// routes marked for it, and count the requests they answer by path, so a
// test can check what the crawler's browser asked for.
package spasite

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"sync"
)

// Mode is how the site is served.
type Mode int

const (
	// Shell serves the single-page app: every route is app/index.html.
	Shell Mode = iota
	// Twin serves every route rendered on the server.
	Twin
)

// Server is a running site.
type Server struct {
	*httptest.Server
	mu   sync.Mutex
	hits map[string]int
}

// Hits counts the requests whose path starts with prefix.
func (s *Server) Hits(prefix string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for p, c := range s.hits {
		if strings.HasPrefix(p, prefix) {
			n += c
		}
	}
	return n
}

// Routes are the site's paths, sorted.
func Routes(site fs.FS) ([]string, error) {
	r, err := readRoutes(site)
	if err != nil {
		return nil, err
	}
	var paths []string
	for p := range r {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	return paths, nil
}

type route struct {
	Content string `json:"content"`
	Sitemap bool   `json:"sitemap"`
}

type link struct {
	Href string `json:"href"`
	Text string `json:"text"`
}

type siteInfo struct {
	Name   string `json:"name"`
	Nav    []link `json:"nav"`
	Footer string `json:"footer"`
}

type content struct {
	Title       string   `json:"title"`
	Description string   `json:"description"`
	H1          string   `json:"h1"`
	Image       string   `json:"image"`
	Intro       []string `json:"intro"`
	Sections    []struct {
		H2         string   `json:"h2"`
		Paragraphs []string `json:"paragraphs"`
		Steps      []string `json:"steps"`
		Links      []link   `json:"links"`
	} `json:"sections"`
}

func readJSON(site fs.FS, name string, v any) error {
	b, err := fs.ReadFile(site, name)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

func readRoutes(site fs.FS) (map[string]route, error) {
	var r map[string]route
	return r, readJSON(site, "content/routes.json", &r)
}

// Start serves site (testdata/sites/spa) on a loopback port.
func Start(site fs.FS, mode Mode) (*Server, error) {
	routes, err := readRoutes(site)
	if err != nil {
		return nil, err
	}
	var info siteInfo
	if err := readJSON(site, "content/site.json", &info); err != nil {
		return nil, err
	}
	shell, err := fs.ReadFile(site, "app/index.html")
	if err != nil {
		return nil, err
	}
	s := &Server{hits: map[string]int{}}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.hits[r.URL.Path]++
		s.mu.Unlock()
		origin := "http://" + r.Host
		p := r.URL.Path
		switch {
		case p == "/robots.txt":
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
			fmt.Fprintf(w, "User-agent: *\nDisallow: /api/private/\n\nSitemap: %s/sitemap.xml\n", origin)
		case p == "/sitemap.xml":
			w.Header().Set("Content-Type", "application/xml")
			var b strings.Builder
			b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
			paths, _ := Routes(site)
			for _, rp := range paths {
				if routes[rp].Sitemap {
					fmt.Fprintf(&b, "<url><loc>%s%s</loc></url>\n", origin, rp)
				}
			}
			b.WriteString("</urlset>\n")
			w.Write([]byte(b.String()))
		case p == "/app.js" && mode == Shell:
			serveFile(w, site, "app/app.js", "text/javascript; charset=utf-8")
		case strings.HasPrefix(p, "/content/") && strings.HasSuffix(p, ".json") && mode == Shell:
			serveFile(w, site, strings.TrimPrefix(p, "/"), "application/json")
		case strings.HasPrefix(p, "/api/private/"):
			w.Header().Set("Content-Type", "application/json")
			w.Write([]byte("{}"))
		default:
			rt, ok := routes[p]
			if !ok {
				http.NotFound(w, r)
				return
			}
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			if mode == Shell {
				w.Write(shell)
				return
			}
			var c content
			if err := readJSON(site, "content/"+rt.Content+".json", &c); err != nil {
				http.Error(w, err.Error(), http.StatusInternalServerError)
				return
			}
			var b bytes.Buffer
			if err := twin.Execute(&b, struct {
				Site siteInfo
				Page content
			}{info, c}); err != nil {
				http.Error(w, err.Error(), http.StatusInternalServerError)
				return
			}
			w.Write(b.Bytes())
		}
	}))
	return s, nil
}

func serveFile(w http.ResponseWriter, site fs.FS, name, ctype string) {
	b, err := fs.ReadFile(site, name)
	if err != nil {
		http.Error(w, "not found", http.StatusNotFound)
		return
	}
	w.Header().Set("Content-Type", ctype)
	w.Write(b)
}

// twin is the markup app.js builds, written on the server.
var twin = template.Must(template.New("twin").Parse(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Page.Title}} | {{.Site.Name}}</title>
<meta name="description" content="{{.Page.Description}}">
</head>
<body>
<div id="root"><header><nav>{{range .Site.Nav}}<a href="{{.Href}}">{{.Text}}</a>{{end}}</nav></header><main><h1>{{.Page.H1}}</h1>
{{- with .Page.Image}}<img src="{{.}}" alt="">{{end}}
{{- range .Page.Intro}}<p>{{.}}</p>{{end}}
{{- range .Page.Sections}}<h2>{{.H2}}</h2>
{{- range .Paragraphs}}<p>{{.}}</p>{{end}}
{{- with .Steps}}<ol>{{range .}}<li>{{.}}</li>{{end}}</ol>{{end}}
{{- with .Links}}<ul>{{range .}}<li><a href="{{.Href}}">{{.Text}}</a></li>{{end}}</ul>{{end}}
{{- end}}</main><footer><p>{{.Site.Footer}}</p></footer></div>
</body>
</html>
`))
