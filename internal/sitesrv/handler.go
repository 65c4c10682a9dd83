package sitesrv

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"net/http/httptest"
	"path"
	"regexp"
	"strings"
	"time"
)

// Handler serves the site rooted at site: the files under www/ with pretty
// URLs, the rules of _redirects, and a 404 for anything else. It reads
// site.json and _redirects once, here, so a broken site fails at start
// rather than on some request.
func Handler(site fs.FS) (http.Handler, error) {
	meta, err := readMeta(site)
	if err != nil {
		return nil, err
	}
	www, err := fs.Sub(site, "www")
	if err != nil {
		return nil, fmt.Errorf("open www: %w", err)
	}
	if _, err := fs.Stat(www, "."); err != nil {
		return nil, fmt.Errorf("open www: %w", err)
	}
	h := &handler{origin: meta.Origin, www: www, redirects: map[string]Redirect{}}
	f, err := site.Open("_redirects")
	switch {
	case errors.Is(err, fs.ErrNotExist):
		// A site without redirects is fine.
	case err != nil:
		return nil, fmt.Errorf("open _redirects: %w", err)
	default:
		rules, err := ParseRedirects(f)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("_redirects: %w", err)
		}
		for _, r := range rules {
			h.redirects[r.From] = r
		}
	}
	return h, nil
}

// Start serves site on a loopback httptest server; the caller closes it.
func Start(site fs.FS) (*httptest.Server, error) {
	h, err := Handler(site)
	if err != nil {
		return nil, err
	}
	return httptest.NewServer(h), nil
}

type handler struct {
	origin    string // the site's real origin, as written in its files
	www       fs.FS
	redirects map[string]Redirect
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	origin := requestOrigin(r)
	p := r.URL.Path
	if rule, ok := h.redirects[p]; ok {
		h.redirect(w, r, origin, rule.To, rule.Status)
		return
	}
	name, pretty, ok := h.resolve(p)
	if !ok {
		h.notFound(w)
		return
	}
	if pretty != p {
		// One URL per page: /pricing.html and /pricing/ move to /pricing.
		h.redirect(w, r, origin, pretty, http.StatusMovedPermanently)
		return
	}
	body, err := fs.ReadFile(h.www, name)
	if err != nil {
		http.Error(w, "read "+name+": "+err.Error(), http.StatusInternalServerError)
		return
	}
	ctype, body, err := h.prepare(name, body, origin)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", ctype)
	// ServeContent handles HEAD, Range and Content-Length for us.
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(body))
}

// resolve maps a request path to a file under www/ and the path that file
// is served at. ok is false when no file fits.
func (h *handler) resolve(p string) (name, pretty string, ok bool) {
	if p == "/" || p == "" {
		return "index.html", "/", h.isFile("index.html")
	}
	clean := path.Clean(p)
	rel := strings.TrimPrefix(clean, "/")
	if !fs.ValidPath(rel) {
		return "", "", false
	}
	if strings.HasSuffix(rel, ".html") {
		// A direct request for the file: point it at its pretty URL.
		base := strings.TrimSuffix(rel, ".html")
		if base == "index" {
			return "index.html", "/", h.isFile("index.html")
		}
		base = strings.TrimSuffix(base, "/index")
		return rel, "/" + base, h.isFile(rel)
	}
	for _, cand := range []string{rel, rel + ".html", rel + "/index.html"} {
		if h.isFile(cand) {
			return cand, clean, true
		}
	}
	return "", "", false
}

func (h *handler) isFile(name string) bool {
	fi, err := fs.Stat(h.www, name)
	return err == nil && fi.Mode().IsRegular()
}

func (h *handler) redirect(w http.ResponseWriter, r *http.Request, origin, to string, status int) {
	to = strings.ReplaceAll(to, h.origin, origin)
	if r.URL.RawQuery != "" && !strings.Contains(to, "?") {
		to += "?" + r.URL.RawQuery
	}
	http.Redirect(w, r, to, status)
}

// notFoundBody is deliberately tiny: the sample sites have no 404 page.
const notFoundBody = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>404 Not Found</title><meta name="robots" content="noindex"></head>
<body><h1>Page not found</h1></body></html>
`

func (h *handler) notFound(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(http.StatusNotFound)
	io.WriteString(w, notFoundBody)
}

// prepare returns the Content-Type of a file and its body with the site's
// origin rewritten to the request's.
func (h *handler) prepare(name string, body []byte, origin string) (string, []byte, error) {
	ext := path.Ext(name)
	switch ext {
	case ".html", ".htm":
		return "text/html; charset=" + htmlCharset(body), h.rewrite(body, origin), nil
	case ".xml":
		return "application/xml", h.rewrite(body, origin), nil
	case ".txt":
		return "text/plain; charset=utf-8", h.rewrite(body, origin), nil
	case ".gz":
		// A compressed sitemap carries the origin too; the file is the
		// resource (not a Content-Encoding), so serve it as gzip bytes.
		out, err := h.rewriteGzip(body, origin)
		if err != nil {
			return "", nil, fmt.Errorf("%s: %w", name, err)
		}
		return "application/gzip", out, nil
	case ".json", ".css", ".js", ".svg", ".webmanifest":
		return mime.TypeByExtension(ext), h.rewrite(body, origin), nil
	}
	if t := mime.TypeByExtension(ext); t != "" {
		return t, body, nil
	}
	return http.DetectContentType(body), body, nil
}

func (h *handler) rewrite(body []byte, origin string) []byte {
	return bytes.ReplaceAll(body, []byte(h.origin), []byte(origin))
}

func (h *handler) rewriteGzip(body []byte, origin string) ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("gunzip: %w", err)
	}
	plain, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("gunzip: %w", err)
	}
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write(h.rewrite(plain, origin)); err != nil {
		return nil, fmt.Errorf("gzip: %w", err)
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("gzip: %w", err)
	}
	return buf.Bytes(), nil
}

// requestOrigin is the scheme and host the client used to reach us.
func requestOrigin(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

// metaCharset finds a <meta charset> or http-equiv charset, as a browser's
// prescan would, so a page deliberately written in windows-1252 is labelled
// as such rather than as UTF-8.
var metaCharset = regexp.MustCompile(`(?i)<meta[^>]+charset\s*=\s*["']?\s*([a-z0-9_:.-]+)`)

func htmlCharset(body []byte) string {
	head := body
	if len(head) > 1024 {
		head = head[:1024]
	}
	if m := metaCharset.FindSubmatch(head); m != nil {
		return strings.ToLower(string(m[1]))
	}
	return "utf-8"
}
