package sitesrv

import (
	"bufio"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
)

// Redirect is one rule of a site's _redirects file.
type Redirect struct {
	From   string // request path, e.g. "/old-pricing"
	To     string // root-relative path or absolute URL
	Status int    // 301, 302, 303, 307 or 308
}

// ParseRedirects reads a _redirects file: one "FROM TO STATUS" rule a line,
// blank lines and lines starting with # ignored. It is strict, because a
// typo in a sample site should fail a test rather than quietly serve a 404.
func ParseRedirects(r io.Reader) ([]Redirect, error) {
	var rules []Redirect
	seen := map[string]int{}
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Fields(line)
		if len(f) != 3 {
			return nil, fmt.Errorf("line %d: want FROM TO STATUS, got %d fields", n, len(f))
		}
		if !strings.HasPrefix(f[0], "/") {
			return nil, fmt.Errorf("line %d: FROM %q must start with /", n, f[0])
		}
		if !strings.HasPrefix(f[1], "/") && !strings.HasPrefix(f[1], "http://") && !strings.HasPrefix(f[1], "https://") {
			return nil, fmt.Errorf("line %d: TO %q must be a root-relative path or an http(s) URL", n, f[1])
		}
		status, err := strconv.Atoi(f[2])
		if err != nil {
			return nil, fmt.Errorf("line %d: status %q: %w", n, f[2], err)
		}
		switch status {
		case http.StatusMovedPermanently, http.StatusFound, http.StatusSeeOther,
			http.StatusTemporaryRedirect, http.StatusPermanentRedirect:
		default:
			return nil, fmt.Errorf("line %d: status %d is not a redirect status", n, status)
		}
		if prev, ok := seen[f[0]]; ok {
			return nil, fmt.Errorf("line %d: %s already redirected on line %d", n, f[0], prev)
		}
		seen[f[0]] = n
		rules = append(rules, Redirect{From: f[0], To: f[1], Status: status})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read redirects: %w", err)
	}
	return rules, nil
}
