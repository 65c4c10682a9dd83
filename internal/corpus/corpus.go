// Package corpus reads the real-site page corpus that lives beside the
// repository in ../shared/corpus: the published content of real public
// websites, one JSON Lines file per site, unlabelled. Its text belongs to
// the sites' owners and never enters the repository; what seoplan keeps of
// it is labels and hand clusters keyed by site and URL, and weights learnt
// from it. Tests and tools that need it call Dir and skip, saying so, when
// it is absent.
package corpus

import (
	"bufio"
	"crypto/sha1"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/seoplan/seoplan"
)

// EnvDir names an environment variable that overrides where the corpus is.
const EnvDir = "SEOPLAN_CORPUS"

// ErrNoCorpus is returned by Dir when the corpus is not on this machine.
var ErrNoCorpus = errors.New("real-site corpus not found (../shared/corpus beside the repository, or $" + EnvDir + ")")

// Dir finds the corpus: $SEOPLAN_CORPUS if set, else ../shared/corpus next
// to the module root found by walking up from the working directory.
func Dir() (string, error) {
	if d := os.Getenv(EnvDir); d != "" {
		if isDir(filepath.Join(d, "sites")) {
			return d, nil
		}
		return "", fmt.Errorf("$%s=%s: no sites folder: %w", EnvDir, d, ErrNoCorpus)
	}
	wd, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for d := wd; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			c := filepath.Join(filepath.Dir(d), "shared", "corpus")
			if isDir(filepath.Join(c, "sites")) {
				return c, nil
			}
			return "", ErrNoCorpus
		}
		if filepath.Dir(d) == d {
			return "", ErrNoCorpus
		}
	}
}

func isDir(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.IsDir()
}

// Sites lists the site IDs of the corpus (its JSONL file names), sorted.
func Sites(dir string) ([]string, error) {
	files, err := filepath.Glob(filepath.Join(dir, "sites", "*.jsonl"))
	if err != nil {
		return nil, err
	}
	var out []string
	for _, f := range files {
		out = append(out, strings.TrimSuffix(filepath.Base(f), ".jsonl"))
	}
	sort.Strings(out)
	return out, nil
}

// record is one line of a site file (corpus/README.md lists the fields).
type record struct {
	Site        string            `json:"site"`
	URL         string            `json:"url"`
	Title       string            `json:"title"`
	Description string            `json:"description"`
	H1          []string          `json:"h1"`
	Headings    []seoplan.Heading `json:"headings"`
	Text        string            `json:"text"`
	Lang        string            `json:"lang"`
	WordCount   int               `json:"word_count"`
	Links       []string          `json:"links"`
}

// Load reads one site's records as the crawler would have filled Pages from
// them: status 200 HTML, main text, headings, and the internal links made
// absolute on the site's host. The records carry no schema.org types,
// navigation, calls to action or depth: those fields stay empty, and a
// model must not read their absence as evidence (see the corpus README).
func Load(dir, site string) ([]seoplan.Page, error) {
	path := filepath.Join(dir, "sites", site+".jsonl")
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []seoplan.Page
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 1<<20), 64<<20)
	for line := 1; sc.Scan(); line++ {
		if len(strings.TrimSpace(sc.Text())) == 0 {
			continue
		}
		var r record
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, line, err)
		}
		p, err := r.page()
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, line, err)
		}
		out = append(out, p)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	return out, nil
}

func (r record) page() (seoplan.Page, error) {
	base, err := url.Parse(r.URL)
	if err != nil || base.Host == "" {
		return seoplan.Page{}, fmt.Errorf("bad url %q", r.URL)
	}
	p := seoplan.Page{
		Fetch: seoplan.Fetch{
			URL:         r.URL,
			Status:      200,
			ContentType: "text/html",
			InSitemap:   true,
			Depth:       depth(base.Path),
		},
		Content: seoplan.Content{
			Title:           r.Title,
			MetaDescription: r.Description,
			Lang:            r.Lang,
			H1:              r.H1,
			Headings:        r.Headings,
			MainText:        r.Text,
			WordCount:       r.WordCount,
		},
	}
	for _, l := range r.Links {
		u, err := base.Parse(l)
		if err != nil {
			continue
		}
		u.Fragment = ""
		if !strings.HasSuffix(u.Path, "/") {
			u.Path += "/"
		}
		p.Links = append(p.Links, seoplan.Link{URL: u.String(), Internal: true})
	}
	return p, nil
}

// depth stands in for the crawl depth the records lack: the number of path
// segments, which is what a site's navigation usually mirrors.
func depth(path string) int {
	n := 0
	for _, s := range strings.Split(path, "/") {
		if s != "" {
			n++
		}
	}
	return n
}

// URLKey names a page whose URL path spells out a sentence of its title
// (/2021/06/17/building-capacities-within-...): "sha1:" and the TextKey
// of the URL. Label files in the repository use it for paths of ten words
// or more, so that no run of a page's text enters the repository through
// its URL.
func URLKey(u string) string { return "sha1:" + TextKey(u) }

// TextKey names a text of the corpus without copying it: the first 12 hex
// digits of the SHA-1 of the text in lower case with its spaces collapsed.
func TextKey(s string) string {
	sum := sha1.Sum([]byte(strings.Join(strings.Fields(strings.ToLower(s)), " ")))
	return hex.EncodeToString(sum[:6])
}
