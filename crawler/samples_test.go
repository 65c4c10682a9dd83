package crawler

import (
	"bufio"
	"context"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/seoplan/seoplan"
	"github.com/seoplan/seoplan/internal/sitesrv"
)

// TestSampleSites crawls every bundled sample site and checks the crawl
// against the site's own ground truth (labels.tsv lists every HTML page
// served with 200, audit.tsv the planted orphans and broken links).
func TestSampleSites(t *testing.T) {
	for _, name := range seoplan.SampleSiteNames() {
		t.Run(name, func(t *testing.T) {
			fsys, err := seoplan.SampleSite(name)
			if err != nil {
				t.Fatal(err)
			}
			truth, err := sitesrv.Load(fsys)
			if err != nil {
				t.Fatal(err)
			}
			h, err := sitesrv.Handler(fsys)
			if err != nil {
				t.Fatal(err)
			}
			var mu sync.Mutex
			requests := map[string]int{}
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				mu.Lock()
				requests[r.URL.RequestURI()]++
				mu.Unlock()
				h.ServeHTTP(w, r)
			}))
			defer srv.Close()

			db := openDB(t)
			c, err := New(srv.URL+"/", WithConcurrency(4))
			if err != nil {
				t.Fatal(err)
			}
			st, err := c.Run(context.Background(), db, false)
			if err != nil {
				t.Fatal(err)
			}
			pages := map[string]seoplan.Page{}
			for u, p := range pagesOf(t, db, st.SnapshotID) {
				pages[strings.TrimPrefix(u, srv.URL)] = p
			}

			t.Run("every labelled page fetched once", func(t *testing.T) {
				// A labelled page no page links to and no sitemap lists
				// cannot be found by any crawler; that is the site's
				// business (logged), not a crawler failure.
				reachable := map[string]bool{}
				for _, p := range pages {
					if p.InSitemap {
						reachable[p.URL] = true
					}
					for _, l := range p.Links {
						reachable[l.URL] = true
					}
				}
				for _, l := range truth.Labels {
					p, ok := pages[l.Path]
					if !ok {
						if reachable[srv.URL+l.Path] {
							t.Errorf("%s linked but not crawled", l.Path)
						} else {
							t.Logf("%s is labelled but linked from no page and in no sitemap", l.Path)
						}
						continue
					}
					if p.Status != 200 || !p.IsHTML() || p.Title == "" {
						t.Errorf("%s: status %d, type %q, title %q", l.Path, p.Status, p.ContentType, p.Title)
					}
				}
				for path, n := range requests {
					if n > 1 {
						t.Errorf("%s requested %d times", path, n)
					}
				}
			})
			t.Run("robots.txt disallowed path never requested", func(t *testing.T) {
				prefix := disallowed(t, fsys)
				for path := range requests {
					if strings.HasPrefix(path, prefix) {
						t.Errorf("requested %s, disallowed by %s", path, prefix)
					}
				}
			})
			t.Run("every requested redirect recorded", func(t *testing.T) {
				// A redirect whose target was not fetched yet is followed
				// and recorded on the target's page (requested URL and
				// chain); one whose target was fetched already is recorded
				// as itself, a 3xx whose one link is its target.
				rules := redirects(t, fsys)
				if len(rules) == 0 {
					t.Fatal("the site plants no redirect")
				}
				for _, rule := range rules {
					if requests[rule.From] == 0 {
						continue
					}
					from := srv.URL + rule.From
					if p, ok := pages[rule.From]; ok {
						if p.Status != rule.Status || len(p.Links) != 1 {
							t.Errorf("%s recorded with status %d and links %v, want %d and its target", rule.From, p.Status, p.Links, rule.Status)
						}
						continue
					}
					found := false
					for _, p := range pages {
						if p.RequestedURL == from && len(p.RedirectChain) > 0 && p.RedirectChain[0] == from {
							found = true
						}
					}
					if !found {
						t.Errorf("redirect %s requested but not recorded", rule.From)
					}
				}
			})
			t.Run("every URL of every sitemap marked in_sitemap", func(t *testing.T) {
				// The sites' sitemaps are reached from robots.txt; the
				// shop's is an index with a .xml.gz child. A URL listed in
				// a file the crawler never read would be crawled (it is
				// linked) but not marked.
				listed := sitemapPaths(t, fsys)
				if len(listed) == 0 {
					t.Fatal("the site's sitemaps list no URL")
				}
				for path, file := range listed {
					if p, ok := pages[path]; ok && !p.InSitemap {
						t.Errorf("%s (in %s) not marked in_sitemap", path, file)
					}
				}
			})
			for _, f := range truth.Audit {
				switch f.Kind {
				case seoplan.FindingOrphan:
					t.Run("orphan found through the sitemap", func(t *testing.T) {
						for _, path := range f.Pages {
							if p := pages[path]; p.Status != 200 || !p.InSitemap {
								t.Errorf("orphan %s: status %d, in_sitemap %v", path, p.Status, p.InSitemap)
							}
						}
					})
				case seoplan.FindingBrokenLink:
					t.Run("broken link recorded as 404", func(t *testing.T) {
						n := 0
						for _, p := range pages {
							if p.Status == 404 {
								n++
							}
						}
						if n == 0 {
							t.Errorf("no 404 recorded for %v", f.Pages)
						}
					})
				}
			}
		})
	}
}

// redirects returns a sample site's redirect rules.
func redirects(t *testing.T, fsys fs.FS) []sitesrv.Redirect {
	t.Helper()
	f, err := fsys.Open("_redirects")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rules, err := sitesrv.ParseRedirects(f)
	if err != nil {
		t.Fatal(err)
	}
	return rules
}

// disallowed returns the Disallow path of a sample site's robots.txt.
func disallowed(t *testing.T, fsys fs.FS) string {
	t.Helper()
	f, err := fsys.Open("www/robots.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "Disallow:"); ok && strings.TrimSpace(v) != "" {
			return strings.TrimSpace(v)
		}
	}
	t.Fatal("robots.txt has no Disallow line")
	return ""
}

// sitemapPaths returns the path of every URL a sample site's sitemap files
// list (www/sitemap*.xml and .xml.gz, indexes' children are files of their
// own), with the file that lists it.
func sitemapPaths(t *testing.T, fsys fs.FS) map[string]string {
	t.Helper()
	files, err := fs.Glob(fsys, "www/sitemap*.xml*")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, name := range files {
		f, err := fsys.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		sm, err := ParseSitemap(f)
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, loc := range sm.URLs {
			u, err := url.Parse(loc)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			out[u.EscapedPath()] = name
		}
	}
	return out
}
