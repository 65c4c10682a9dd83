package crawler

import (
	"bytes"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/seoplan/seoplan"
)

func parseLandmarkTest(t testing.TB, doc string) *html.Node {
	t.Helper()
	root, err := html.Parse(strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	return root
}

// para is a paragraph of n distinct words, long enough to pass the thin
// landmark check when n >= minLandmarkWords.
func para(word string, n int) string {
	w := make([]string, n)
	for i := range w {
		w[i] = fmt.Sprintf("%s%d", word, i)
	}
	return "<p>" + strings.Join(w, " ") + "</p>"
}

func TestLandmarkText(t *testing.T) {
	body := para("body", 60)
	tests := []struct {
		name   string
		doc    string
		ok     bool
		in     []string // substrings the text must hold
		out    []string // substrings it must not
		nWords int      // exact word count when > 0
	}{
		{
			name: "no landmark",
			doc:  `<body><article>` + body + `</article></body>`,
		},
		{
			name: "two landmarks side by side",
			doc:  `<body><main>` + body + `</main><main>` + body + `</main></body>`,
		},
		{
			name: "nested landmarks",
			doc:  `<body><div role="main"><main>` + body + `</main></div></body>`,
		},
		{
			name: "hidden landmark does not count",
			doc:  `<body><main hidden>old</main><main>` + body + `</main></body>`,
			ok:   true, in: []string{"body0 body1"}, out: []string{"old"}, nWords: 60,
		},
		{
			name: "only landmark hidden",
			doc:  `<body><main aria-hidden="true">` + body + `</main><article>` + body + `</article></body>`,
		},
		{
			name: "role main",
			doc:  `<body><nav>Home About</nav><div role="main">` + body + `</div><footer>Legal</footer></body>`,
			ok:   true, out: []string{"Home", "Legal"}, nWords: 60,
		},
		{
			name: "role main only as a fallback",
			doc:  `<body><div role="navigation main">Home About</div><article>` + body + `</article></body>`,
		},
		{
			name: "empty landmark",
			doc:  `<body><main> <!-- soon --> </main>` + body + `</body>`,
		},
		{
			name: "thin landmark wrapping a banner",
			doc:  `<body><main><h1>Welcome to our shop</h1></main><article>` + body + `</article></body>`,
		},
		{
			name: "thin page with little else",
			doc:  `<body><header><nav>Home Shop Blog</nav></header><main><h1>Contact us</h1><p>Write to hello@example.com.</p></main><footer>© Example</footer></body>`,
			ok:   true, in: []string{"Contact us Write to hello@example.com."}, out: []string{"Home", "Example"},
		},
		{
			name: "chrome inside the landmark",
			doc: `<body><main>
<header><p>Site header</p></header><nav>Menu</nav><aside>Sidebar</aside>
<article><h1>Title</h1>` + body + `<footer>Article footer</footer></article>
<form><label>Email</label><input name="e"><select><option>Option</option></select><button>Send</button></form>
<script>var x = "script";</script><style>.s{}</style><noscript>Enable JS</noscript><template><p>Template</p></template>
<svg><text>Vector</text></svg><iframe>Frame</iframe><dialog>Dialog box</dialog>
<div role="navigation">Role nav</div><div role="complementary">Role aside</div><div role="search">Role search</div>
<div role="banner">Role banner</div><div role="contentinfo">Role footer</div><div role="dialog">Role dialog</div>
<p hidden>Hidden para</p><p aria-hidden="true">Aria hidden</p><p style="display: none">Display none</p>
</main></body>`,
			ok: true, in: []string{"Title body0"},
			out: []string{"Site header", "Menu", "Sidebar", "Article footer", "Email", "Option", "Send", "script",
				".s{}", "Enable JS", "Template", "Vector", "Frame", "Dialog box", "Role", "Hidden para", "Aria hidden", "Display none"},
			nWords: 61,
		},
		{
			name: "boilerplate classes and ids",
			doc: `<body><main>` + body + `
<div class="cookie-banner">Cookie text</div><div id="gdprConsent">Consent text</div>
<section class="newsletter-box">Newsletter text</section><p class="subscribe">Subscribe text</p>
<ul class="shareButtons">Share text</ul><div class="social_links">Social text</div>
<section class="related-posts">Related text</section><ol class="breadcrumbs">Crumb text</ol>
<section id="comments">Comment text</section><div id="disqus_thread">Disqus text</div>
<div class="feature shared-inbox">Shared inbox is content</div><p class="socialite">Socialite is content</p>
<h2 id="sharing-and-transfers">Sharing heading is content</h2><p><a class="button button-primary" href="/signup">Start trial</a> <a class="btn" href="/demo">Demo</a></p>
</main></body>`,
			ok: true, in: []string{"Shared inbox is content", "Socialite is content", "Sharing heading is content"},
			out: []string{"Cookie", "Consent", "Newsletter", "Subscribe", "Share text", "Social text", "Related", "Crumb", "Comment", "Disqus", "Start trial", "Demo"},
		},
		{
			name: "landmark's own class is not judged",
			doc:  `<body><main class="with-comments">` + body + `</main></body>`,
			ok:   true, nWords: 60,
		},
		{
			name: "blocks separate words, inline elements do not",
			doc: `<body><main>` + body + `<ul><li>one</li><li>two</li></ul><table><tr><td>three</td><td>four</td></tr></table>` +
				`<p>un<em>usual</em> <a href="/x">link</a>ed</p><div>five</div><div>six<br>seven</div></main></body>`,
			ok: true, in: []string{"one two three four unusual linked five six seven"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text, words, ok := landmarkText(parseLandmarkTest(t, tt.doc))
			if ok != tt.ok {
				t.Fatalf("ok = %v, want %v (text %q)", ok, tt.ok, text)
			}
			if !ok {
				if text != "" {
					t.Errorf("text %q with ok false", text)
				}
				return
			}
			for _, s := range tt.in {
				if !strings.Contains(text, s) {
					t.Errorf("text lacks %q:\n%s", s, text)
				}
			}
			for _, s := range tt.out {
				if strings.Contains(text, s) {
					t.Errorf("text keeps %q:\n%s", s, text)
				}
			}
			if words != countWords(text) {
				t.Errorf("words = %d, countWords = %d", words, countWords(text))
			}
			if tt.nWords > 0 && words != tt.nWords {
				t.Errorf("%d words, want %d:\n%s", words, tt.nWords, text)
			}
		})
	}
}

func TestHasBoilerplateWord(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"cookie-banner", true},
		{"site-header cookieBanner", true},
		{"CookieBanner", true},
		{"related_posts", true},
		{"comments", true},
		{"post comment-list", true},
		{"breadcrumbs", true},
		{"share", true},
		{"shared-inbox", false},
		{"socialite", false},
		{"commentary", false},
		{"content main", false},
		{"", false},
		{"---", false},
		{"über-share", true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := hasBoilerplateWord(tt.in); got != tt.want {
				t.Errorf("hasBoilerplateWord(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

// The bounds of TestLandmarkAgreesWithTrafilatura. On a page where
// trafilatura finds agreementMinWords words or more, the landmark's word
// count may stray from trafilatura's by landmarkAgreementBound (as a ratio).
// On thinner pages a ratio says little (a cookie banner trafilatura keeps on
// a near-empty basket page triples its count), so the bound there is
// thinAgreementWords in absolute words. On every page the landmark text must
// keep minAgreementRecall of the distinct words trafilatura took from inside
// the landmark (see wordRecall).
const (
	agreementMinWords      = 100
	landmarkAgreementBound = 0.15
	thinAgreementWords     = 45
	minAgreementRecall     = 0.9
)

// agreementPage is one page the agreement test compares the extractors on.
type agreementPage struct {
	name string
	url  string
	raw  []byte
	// chrome are strings of the site's layout outside the main content
	// (header, footer, newsletter box, cookie banner) that must not reach
	// the landmark text.
	chrome []string
}

// sitesChrome lists, for each sample site, text its layout repeats on every
// page outside the main content.
var sitesChrome = map[string][]string{
	"relaydesk": {
		"is now SOC 2 Type II certified",       // header top bar
		"Read the announcement",                // header top bar
		"The Support Ops Digest",               // newsletter box
		"Join 18,000 readers",                  // newsletter box
		"41 Harbour Street",                    // footer
		"Roadmap draft",                        // footer link
		"We use cookies to keep you signed in", // cookie banner
		"Manage preferences",                   // cookie banner button
	},
	"shop": {
		"Skip to content",               // skip link
		"Trail notes, once a month",     // newsletter box
		"No spam, unsubscribe any time", // newsletter box
		"14 Kiln Lane",                  // footer
		"Follow us:",                    // footer
		"Find a store",                  // footer link
		"We use essential cookies",      // cookie banner
		"Essential only",                // cookie banner button
	},
}

// extractChrome is the boilerplate of the benchmark page (article.html)
// that TestMainTextStripsBoilerplate also checks; the other extract pages
// are too small to have a layout.
var extractChrome = []string{
	"Start free trial", "Skip to content", "Registered in England",
	"Welcome emails that work", "Great guide", "Get one onboarding idea a week", "dataLayer",
}

func agreementPages(t *testing.T) []agreementPage {
	t.Helper()
	var pages []agreementPage
	for _, site := range []string{"relaydesk", "shop"} {
		fsys, err := seoplan.SampleSite(site)
		if err != nil {
			t.Fatal(err)
		}
		err = fs.WalkDir(fsys, "www", func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || path.Ext(p) != ".html" {
				return err
			}
			raw, err := fs.ReadFile(fsys, p)
			if err != nil {
				return err
			}
			pages = append(pages, agreementPage{
				name: site + "/" + p, url: "https://www." + site + ".example/" + strings.TrimPrefix(p, "www/"),
				raw: raw, chrome: sitesChrome[site],
			})
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range extractTestPages(t) {
		p := agreementPage{name: f.name, url: "https://www.onboardly.example/page", raw: f.raw}
		if filepath.Base(f.name) == benchPage {
			p.chrome = extractChrome
		}
		pages = append(pages, p)
	}
	return pages
}

// extractTestPage is one page of testdata/extract.
type extractTestPage struct {
	name string // its path
	raw  []byte
}

// extractTestPages reads the pages of testdata/extract, in name order.
func extractTestPages(t testing.TB) []extractTestPage {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "extract", "*.html"))
	if err != nil {
		t.Fatal(err)
	}
	var out []extractTestPage
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, extractTestPage{name: f, raw: raw})
	}
	return out
}

// TestLandmarkAgreesWithTrafilatura is the evidence that the landmark
// shortcut loses no quality: on every page of both sample sites and the
// extract testdata, a page that takes the shortcut must give about as many
// words as trafilatura does on it (within landmarkAgreementBound) and none
// of the site's chrome. It logs the median and worst ratios
// (go test ./crawler -run TestLandmarkAgreesWithTrafilatura -v).
func TestLandmarkAgreesWithTrafilatura(t *testing.T) {
	pages := agreementPages(t)
	var ratios, recalls []float64
	worst, worstName, fallbacks := 1.0, "", 0
	thin, thinWorst, thinWorstName := 0, 0, ""
	for _, p := range pages {
		root := parseLandmarkTest(t, string(decodeHTML(p.raw, "text/html")))
		text, _, ok := landmarkText(root)
		if !ok {
			fallbacks++
			continue
		}
		u := extractTestURL(t, p.url)
		ref := trafilaturaText(root, u)
		lw, rw := countWords(text), countWords(ref)
		if rw == 0 {
			t.Errorf("%s: trafilatura finds no text, the landmark %d words", p.name, lw)
			continue
		}
		r := float64(lw) / float64(rw)
		if rw >= agreementMinWords {
			ratios = append(ratios, r)
			if math.Abs(r-1) > math.Abs(worst-1) {
				worst, worstName = r, p.name
			}
			if math.Abs(r-1) > landmarkAgreementBound {
				t.Errorf("%s: landmark %d words, trafilatura %d (ratio %.2f)", p.name, lw, rw, r)
			}
		} else {
			thin++
			if d := abs(lw - rw); d > thinAgreementWords {
				t.Errorf("%s: landmark %d words, trafilatura %d", p.name, lw, rw)
			} else if d > thinWorst {
				thinWorst, thinWorstName = d, p.name
			}
		}
		main, _ := findLandmark(root, nil, 0)
		rec := wordRecall(ref, textOf(main), text)
		recalls = append(recalls, rec)
		if rec < minAgreementRecall {
			t.Errorf("%s: the landmark text keeps %.2f of the words trafilatura took from the landmark", p.name, rec)
		}
		for _, s := range p.chrome {
			// Text the page also has outside its layout (a contact page
			// giving the address of the footer) is content there.
			if strings.Contains(text, s) && bytes.Count(p.raw, []byte(s)) == 1 {
				t.Errorf("%s: landmark text keeps the layout's %q", p.name, s)
			}
		}
	}
	if len(ratios) == 0 {
		t.Fatal("no page took the landmark shortcut")
	}
	slices.Sort(ratios)
	slices.Sort(recalls)
	t.Logf("%d pages: %d by landmark, %d left to trafilatura", len(pages), len(ratios)+thin, fallbacks)
	t.Logf("%d pages of %d+ words, landmark/trafilatura words: median %.3f, min %.3f, max %.3f, worst %.3f (%s)",
		len(ratios), agreementMinWords, ratios[len(ratios)/2], ratios[0], ratios[len(ratios)-1], worst, worstName)
	t.Logf("%d thinner pages: largest difference %d words (%s)", thin, thinWorst, thinWorstName)
	t.Logf("recall of trafilatura's landmark words: median %.3f, worst %.3f", recalls[len(recalls)/2], recalls[0])
}

// wordRecall is the share of the distinct words of ref (trafilatura's text)
// that also occur in landmark (the text of the landmark), leaving out the
// words of ref that are not in the landmark's raw text at all: those are
// what trafilatura took from elsewhere, mostly the layout.
func wordRecall(ref, raw, landmark string) float64 {
	set := func(s string) map[string]bool {
		m := map[string]bool{}
		for _, w := range strings.Fields(strings.ToLower(s)) {
			m[w] = true
		}
		return m
	}
	inRaw, inLandmark := set(raw), set(landmark)
	kept, all := 0, 0
	for w := range set(ref) {
		if !inRaw[w] {
			continue
		}
		all++
		if inLandmark[w] {
			kept++
		}
	}
	if all == 0 {
		return 1
	}
	return float64(kept) / float64(all)
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// TestSitesChromeIsReal checks that the chrome lists name text the pages
// really carry, so the agreement test cannot pass by looking for strings
// that are nowhere.
func TestSitesChromeIsReal(t *testing.T) {
	for _, p := range agreementPages(t) {
		for _, s := range p.chrome {
			if !bytes.Contains(p.raw, []byte(s)) {
				t.Errorf("%s lacks its layout's %q", p.name, s)
			}
		}
	}
}

// BenchmarkMainText compares the two main-text paths on the benchmark page.
//
//	go test ./crawler -run '^$' -bench MainText -benchmem
func BenchmarkMainText(b *testing.B) {
	raw, u := readBenchPage(b)
	root := parseLandmarkTest(b, string(raw))
	b.Run("landmark", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, _, ok := landmarkText(root); !ok {
				b.Fatal("no landmark")
			}
		}
	})
	b.Run("trafilatura", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			trafilaturaText(root, u)
		}
	})
}

// cleanTextMax, which never holds the whole text, keeps what clipText
// keeps of cleanText and counts the words countWords counts in it, at any
// cut: within a word, a multi-byte rune and a word split over elements.
func TestCleanTextMax(t *testing.T) {
	docs := map[string]string{
		"inline":  "<p>foo<b>bar</b> baz</p><p>naïve café</p><div>日本語のテキスト and more</div>",
		"spaces":  "<p>  — </p><p> a\u00a0b </p><ul><li>one</li><li>two</li></ul>",
		"nothing": "<p> </p>",
	}
	for _, f := range extractTestPages(t) {
		docs[filepath.Base(f.name)] = string(decodeHTML(f.raw, ""))
	}
	for name, doc := range docs {
		root, err := html.Parse(strings.NewReader(doc))
		if err != nil {
			t.Fatal(err)
		}
		whole := cleanText(root, nil)
		for _, max := range []int{1, 2, 3, 4, 5, 6, 7, 11, 16, 100, 1000, len(whole) - 1, len(whole), len(whole) + 1} {
			if max < 1 {
				continue
			}
			text, words := cleanTextMax(root, max)
			if want := clipText(whole, max); text != want {
				t.Errorf("%s, max %d: text %q, want %q", name, max, text, want)
			}
			if want := countWords(whole); words != want {
				t.Errorf("%s, max %d: %d words, want %d", name, max, words, want)
			}
		}
	}
}
