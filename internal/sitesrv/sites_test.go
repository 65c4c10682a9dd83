package sitesrv

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/xml"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// sitesDir holds the real sample sites; the consistency test runs on each.
const sitesDir = "../../testdata/sites"

func sampleSites(t *testing.T) map[string]fs.FS {
	t.Helper()
	entries, err := os.ReadDir(sitesDir)
	if err != nil {
		t.Fatal(err)
	}
	sites := map[string]fs.FS{}
	for _, e := range entries {
		if _, err := os.Stat(path.Join(sitesDir, e.Name(), "site.json")); e.IsDir() && err == nil {
			sites[e.Name()] = os.DirFS(path.Join(sitesDir, e.Name()))
		}
	}
	if len(sites) == 0 {
		t.Fatalf("no sample sites under %s", sitesDir)
	}
	return sites
}

// TestSampleSitesConsistent checks that each sample site agrees with its own
// ground truth: what labels.tsv says is served is served, what is served is
// labelled, and the sitemap, robots.txt, redirects and planted findings point
// at real pages. Labels themselves are checked against the taxonomy by Load.
func TestSampleSitesConsistent(t *testing.T) {
	for name, fsys := range sampleSites(t) {
		t.Run(name, func(t *testing.T) {
			site, err := Load(fsys)
			if err != nil {
				t.Fatal(err)
			}
			h, err := Handler(fsys)
			if err != nil {
				t.Fatal(err)
			}
			srv := httptest.NewServer(h)
			defer srv.Close()
			c := &checker{t: t, srv: srv}

			disallow := c.robots()
			labelled := map[string]bool{}
			clusters := map[string]bool{}
			for _, l := range site.Labels {
				labelled[l.Path] = true
				clusters[l.Cluster] = true
				if disallow != "" && strings.HasPrefix(l.Path, disallow) {
					t.Errorf("labels.tsv: %s is disallowed by robots.txt", l.Path)
				}
				if status, ct, _ := c.get(l.Path); status != http.StatusOK || !strings.HasPrefix(ct, "text/html") {
					t.Errorf("labels.tsv: %s answers %d %q, want 200 text/html", l.Path, status, ct)
				}
			}

			www, err := fs.Sub(fsys, "www")
			if err != nil {
				t.Fatal(err)
			}
			fs.WalkDir(www, ".", func(p string, d fs.DirEntry, err error) error {
				if err != nil {
					t.Error(err)
					return nil
				}
				if d.IsDir() || !strings.HasSuffix(p, ".html") {
					return nil
				}
				pretty := prettyPath(p)
				if disallow != "" && strings.HasPrefix(pretty, disallow) {
					return nil
				}
				if !labelled[pretty] {
					t.Errorf("www/%s is served at %s but has no row in labels.tsv", p, pretty)
				}
				return nil
			})

			inSitemap := map[string]bool{}
			for _, loc := range c.sitemapLocs("/sitemap.xml", 0) {
				u, err := url.Parse(loc)
				if err != nil || u.Scheme+"://"+u.Host != srv.URL {
					t.Errorf("sitemap loc %q is not on the serving origin %s", loc, srv.URL)
					continue
				}
				inSitemap[u.Path] = true
				if status, _, _ := c.get(u.Path); status != http.StatusOK {
					t.Errorf("sitemap loc %s answers %d, want 200", u.Path, status)
				}
				if !labelled[u.Path] {
					t.Errorf("sitemap loc %s has no row in labels.tsv", u.Path)
				}
			}
			if len(inSitemap) == 0 {
				t.Error("sitemap lists no pages")
			}

			for _, r := range c.redirectRules(fsys) {
				if final := c.follow(r.From); !labelled[final] {
					t.Errorf("_redirects: %s ends at %s, which is not a labelled page", r.From, final)
				}
			}

			// Every internal link works, except the broken links planted on
			// purpose: a dead link is allowed when its source page or its
			// target is named in a broken-link finding.
			plantedBroken := map[string]bool{}
			for _, f := range site.Audit {
				if f.Kind == "broken-link" {
					for _, p := range f.Pages {
						plantedBroken[p] = true
					}
				}
			}
			status := map[string]int{}
			for _, l := range site.Labels {
				for _, link := range c.links(l.Path) {
					if _, ok := status[link]; !ok {
						status[link], _, _ = c.get(link)
					}
					if status[link] >= 400 && !plantedBroken[l.Path] && !plantedBroken[link] {
						t.Errorf("%s links to %s, which answers %d (not a planted broken link)", l.Path, link, status[link])
					}
				}
			}

			for _, g := range site.Gaps {
				if !clusters[g.Cluster] || g.Cluster == "" {
					t.Errorf("gaps.tsv: cluster %q has no pages in labels.tsv", g.Cluster)
				}
				for _, p := range g.Pages {
					if l, ok := site.Label(p); !ok || l.Cluster != g.Cluster {
						t.Errorf("gaps.tsv: %s gap names %s, which is not a page of cluster %s", g.Kind, p, g.Cluster)
					}
				}
			}
			for _, f := range site.Audit {
				if len(f.Pages) == 0 {
					t.Errorf("audit.tsv: %s finding names no page", f.Kind)
				}
				broken := 0
				for _, p := range f.Pages {
					if f.Kind == "broken-link" {
						// A broken-link finding names the linking page, the
						// missing target, or both.
						if status, _, _ := c.get(p); status == http.StatusNotFound {
							broken++
						} else if !labelled[p] {
							t.Errorf("audit.tsv: broken-link page %s is neither labelled nor a 404", p)
						} else if len(c.deadLinks(p)) > 0 {
							broken++
						}
						continue
					}
					if !labelled[p] {
						t.Errorf("audit.tsv: %s finding names %s, which has no row in labels.tsv", f.Kind, p)
					}
					if f.Kind == "orphan" && !inSitemap[p] {
						t.Errorf("audit.tsv: orphan %s is not in the sitemap, so no crawler can find it", p)
					}
				}
				if f.Kind == "broken-link" && broken == 0 {
					t.Errorf("audit.tsv: broken-link finding %v names no page that answers 404 or links to one", f.Pages)
				}
			}
		})
	}
}

// prettyPath is the URL path www/<p> is served at.
func prettyPath(p string) string {
	p = strings.TrimSuffix(p, ".html")
	p = strings.TrimSuffix(p, "index")
	p = strings.TrimSuffix(p, "/")
	return "/" + p
}

type checker struct {
	t   *testing.T
	srv *httptest.Server
}

// get fetches path without following redirects.
func (c *checker) get(p string) (status int, ctype string, body []byte) {
	c.t.Helper()
	client := c.srv.Client()
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	resp, err := client.Get(c.srv.URL + p)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err = io.ReadAll(resp.Body)
	if err != nil {
		c.t.Fatal(err)
	}
	if resp.StatusCode >= 300 && resp.StatusCode < 400 {
		body = []byte(resp.Header.Get("Location"))
	}
	return resp.StatusCode, resp.Header.Get("Content-Type"), body
}

// follow follows redirects from p by hand, at most five hops, and returns
// the path it ends on ("" when it never ends on a 200).
func (c *checker) follow(p string) string {
	for range 5 {
		status, _, body := c.get(p)
		switch {
		case status == http.StatusOK:
			return p
		case status >= 300 && status < 400:
			u, err := url.Parse(string(body))
			if err != nil {
				return ""
			}
			p = u.Path
		default:
			return ""
		}
	}
	return ""
}

// robots checks robots.txt and returns its one Disallow path.
func (c *checker) robots() string {
	status, _, body := c.get("/robots.txt")
	if status != http.StatusOK {
		c.t.Errorf("robots.txt answers %d", status)
		return ""
	}
	var disallow []string
	sitemap := false
	sc := bufio.NewScanner(bytes.NewReader(body))
	for sc.Scan() {
		k, v, _ := strings.Cut(sc.Text(), ":")
		v = strings.TrimSpace(v)
		switch strings.ToLower(strings.TrimSpace(k)) {
		case "disallow":
			disallow = append(disallow, v)
		case "sitemap":
			sitemap = v == c.srv.URL+"/sitemap.xml"
		}
	}
	if len(disallow) != 1 || disallow[0] == "" {
		c.t.Errorf("robots.txt: Disallow paths %q, want exactly one", disallow)
		return ""
	}
	if !sitemap {
		c.t.Errorf("robots.txt does not point at %s/sitemap.xml", c.srv.URL)
	}
	return disallow[0]
}

// sitemapLocs returns the page locations of a sitemap, descending into a
// sitemap index and gzip-compressed children.
func (c *checker) sitemapLocs(p string, depth int) []string {
	status, _, body := c.get(p)
	if status != http.StatusOK {
		c.t.Errorf("sitemap %s answers %d", p, status)
		return nil
	}
	if len(body) > 2 && body[0] == 0x1f && body[1] == 0x8b {
		zr, err := gzip.NewReader(bytes.NewReader(body))
		if err != nil {
			c.t.Errorf("sitemap %s: %v", p, err)
			return nil
		}
		if body, err = io.ReadAll(zr); err != nil {
			c.t.Errorf("sitemap %s: %v", p, err)
			return nil
		}
	}
	var doc struct {
		XMLName  xml.Name
		URLs     []string `xml:"url>loc"`
		Children []string `xml:"sitemap>loc"`
	}
	if err := xml.Unmarshal(body, &doc); err != nil {
		c.t.Errorf("sitemap %s: %v", p, err)
		return nil
	}
	locs := slices.Clone(doc.URLs)
	for _, child := range doc.Children {
		u, err := url.Parse(strings.TrimSpace(child))
		if err != nil || depth > 2 {
			c.t.Errorf("sitemap %s: bad child %q", p, child)
			continue
		}
		locs = append(locs, c.sitemapLocs(u.Path, depth+1)...)
	}
	for i := range locs {
		locs[i] = strings.TrimSpace(locs[i])
	}
	return locs
}

func (c *checker) redirectRules(fsys fs.FS) []Redirect {
	f, err := fsys.Open("_redirects")
	if err != nil {
		return nil
	}
	defer f.Close()
	rules, err := ParseRedirects(f)
	if err != nil {
		c.t.Error(err)
	}
	return rules
}

// links returns the internal link paths of the page at p (same origin as the
// server, fragment and query dropped).
func (c *checker) links(p string) []string {
	_, _, body := c.get(p)
	base, err := url.Parse(c.srv.URL + p)
	if err != nil {
		c.t.Fatal(err)
	}
	var out []string
	z := html.NewTokenizer(bytes.NewReader(body))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return out
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		name, hasAttr := z.TagName()
		if string(name) != "a" || !hasAttr {
			continue
		}
		for {
			k, v, more := z.TagAttr()
			if string(k) == "href" {
				if u, err := base.Parse(string(v)); err == nil && u.Scheme+"://"+u.Host == c.srv.URL {
					out = append(out, u.Path)
				}
			}
			if !more {
				break
			}
		}
	}
}

// deadLinks returns the internal links of page p that answer 404.
func (c *checker) deadLinks(p string) []string {
	var dead []string
	for _, l := range c.links(p) {
		if status, _, _ := c.get(l); status == http.StatusNotFound {
			dead = append(dead, l)
		}
	}
	return dead
}
