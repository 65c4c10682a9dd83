package feature

import (
	"net/url"
	"regexp"
	"strings"

	"github.com/seoplan/seoplan"
)

// The rules in this file describe a page's role on its site rather than
// the words one site uses: whether its title names a task or a thing,
// whether its text gives instructions, whether its URL is dated or
// versioned, how large its section is and how many of the site's pages
// link to it. A docs task page and a docs reference page share every word
// of their product's vocabulary; what tells them apart is that the first
// says "Install", "Configure" and "Click" and the second lists options.
// These features carry over to sites the model has never seen, which the
// vocabulary features do not (classify/testdata/corpus/README.md).

// taskVerbs are verbs that open the title of a task page or an instruction
// ("Install the agent", "Configure alerts", "Click Save"), in their base
// form; titles that open with the -ing form ("Installing the agent") count
// too.
var taskVerbs = set("add", "build", "change", "check", "choose", "click", "configure", "connect",
	"copy", "create", "customize", "customise", "debug", "define", "delete", "deploy", "disable",
	"download", "edit", "embed", "enable", "enter", "exclude", "export", "filter", "fix",
	"generate", "get", "go", "import", "install", "integrate", "invite", "launch", "link", "log",
	"manage", "migrate", "monitor", "move", "navigate", "open", "paste", "remove", "rename",
	"replace", "reset", "restart", "restore", "run", "save", "schedule", "select", "send", "set",
	"setup", "share", "sign", "start", "switch", "test", "track", "troubleshoot", "type",
	"uninstall", "update", "upgrade", "upload", "use", "verify", "visit", "write")

// referenceWords in a short title name a reference or concept page about
// the product itself: "API reference", "Configuration options", "CLI".
var referenceWords = set("api", "apis", "reference", "cli", "sdk", "sdks", "options", "parameters",
	"settings", "configuration", "schema", "syntax", "functions", "methods", "variables", "commands",
	"endpoints", "fields", "properties", "types", "operators", "limits", "architecture", "overview",
	"concepts", "glossary", "specification", "spec", "environment", "flags", "arguments", "hooks")

var (
	// datedPathRE matches a date in a URL path: /2024/05/, /2024-05-17-…
	datedPathRE = regexp.MustCompile(`/(?:19|20)\d\d(?:/[01]?\d/|-[01]\d-)`)
	// versionSegRE matches a version segment: /v2/, /0.5.0/, /1.x/
	versionSegRE = regexp.MustCompile(`^v?\d+(?:\.(?:\d+|x))+$|^v\d+$`)
)

// langFolders are the two-letter language folders sites put their
// translations under ("/de/docs/…"); the path is read without them, so a
// translated page has the same sections as its English original.
var langFolders = set("ar", "bn", "cs", "da", "de", "el", "en", "es", "fa", "fi", "fr", "he", "hi",
	"hu", "id", "it", "ja", "ko", "nl", "no", "pl", "pt", "ro", "ru", "sv", "th", "tr", "uk", "vi", "zh")

// sectionHosts are subdomains that name a section of the site, as a
// first path segment would: docs.acme.com/x is read as /docs/x and
// glossary.acme.org/x as /glossary/x.
var sectionHosts = set("docs", "doc", "blog", "help", "support", "learn", "glossary", "developer",
	"developers", "community", "news", "changelog", "academy", "kb", "knowledge", "guides", "wiki",
	"careers", "jobs", "status", "shop", "store")

// hostSection returns the section a URL's subdomain names, or "".
func hostSection(u *url.URL) string {
	h := u.Hostname()
	if i := strings.IndexByte(h, '.'); i > 0 && strings.Count(h, ".") >= 2 && sectionHosts[h[:i]] {
		return h[:i]
	}
	return ""
}

// stripLangFolder drops a leading language folder ("de", "pt-br", "zh-cn")
// from the path's segments when more follow it.
func stripLangFolder(segs []string) []string {
	if len(segs) < 2 {
		return segs
	}
	s := segs[0]
	if i := strings.IndexByte(s, '-'); i == 2 && len(s) == 5 {
		s = s[:2]
	}
	if langFolders[s] {
		return segs[1:]
	}
	return segs
}

// titleRoleRule reads what the title opens with: a task verb (a how-to),
// or only reference words and names (a reference page).
func titleRoleRule(x *Vector, in *pageInput) {
	tw := in.tw
	if len(tw) == 0 {
		return
	}
	first := tw[0]
	if taskVerbs[first] || (strings.HasSuffix(first, "ing") && len(first) > 5 && taskVerbs[gerundBase(first)]) {
		x.Signal("title:task verb")
	}
	if len(tw) <= 4 {
		ref := 0
		for _, w := range tw {
			if referenceWords[w] {
				ref++
			}
		}
		if ref > 0 {
			x.Signal("title:reference")
		} else if bareTopic(in) {
			// Tie-breaker 7: a bare topic is an explainer unless it
			// names a brand or product.
			x.Signal("title:bare topic")
		}
		x.Add("tlen:short", 1)
	}
}

// bareTopic reports whether a short title is only a topic: no brand, no
// task verb, no question word and none of the words that name a kind of
// page ("pricing", "guide", "vs").
func bareTopic(in *pageInput) bool {
	tw := in.tw
	if taskVerbs[tw[0]] || questionWords[tw[0]] || len(findBrands(tw, in.site)) > 0 {
		return false
	}
	for _, w := range tw {
		if isNumber(w) || navWords[w] {
			return false
		}
		for _, sw := range titleSignalWords {
			if w == sw {
				return false
			}
		}
	}
	return true
}

// gerundBase turns "installing" into "install", "configuring" into
// "configure" and "setting" into "set", for the taskVerbs lookup.
func gerundBase(w string) string {
	stem := strings.TrimSuffix(w, "ing")
	switch {
	case taskVerbs[stem]:
		return stem
	case taskVerbs[stem+"e"]:
		return stem + "e"
	case len(stem) > 2 && stem[len(stem)-1] == stem[len(stem)-2] && taskVerbs[stem[:len(stem)-1]]:
		return stem[:len(stem)-1]
	}
	return stem
}

// instructionRule measures how much of the text gives instructions:
// sentences that open with a task verb ("Click Save.", "Run the
// installer."), bucketed by their share of all sentences.
func instructionRule(x *Vector, in *pageInput) {
	sentences, imperative := 0, 0
	start := true
	for _, w := range strings.Fields(in.low) {
		if start {
			sentences++
			if taskVerbs[strings.Trim(w, `"'“(*`)] {
				imperative++
			}
		}
		last := w[len(w)-1]
		start = last == '.' || last == ':' || last == '!' || last == '?'
	}
	switch {
	case sentences < 5:
		return
	case imperative*5 >= sentences:
		x.Signal("text:instructions")
	case imperative*12 >= sentences:
		x.Add("text:some instructions", 1)
	default:
		x.Add("text:no instructions", 1)
	}
}

// urlRoleRule signals dated and versioned paths: a dated URL is a post
// (news, a blog article), a versioned one a docs page of one release.
func urlRoleRule(x *Vector, in *pageInput) {
	if datedPathRE.MatchString(in.path) {
		x.Signal("url:dated")
	}
	for _, s := range in.segs {
		if versionSegRE.MatchString(s) {
			x.Signal("url:versioned")
			break
		}
	}
}

// siteRoleRule places the page in its site: how large a share of the site
// its URL section holds, how many of the site's pages link to it, and how
// many pages of its own section it links to (a hub or index).
func siteRoleRule(x *Vector, in *pageInput) {
	s := in.site
	if s == nil || s.Pages < 20 {
		return
	}
	key := in.key
	if sec := firstSegment(key); sec != "" {
		x.Add(byShare(float64(s.Sections[sec])/float64(s.Pages), 0.4, 0.1, "section:major", "section:large", "section:small"), 1)
	}
	x.Add(byShare(float64(s.Inlinks[key])/float64(s.Pages), 0.5, 0.05, "inlinks:most", "inlinks:many", "inlinks:few"), 1)
	if n := childLinks(in.p, key); n >= 8 {
		x.Signal("links:hub")
	}
}

// byShare names the bucket of a share of the site's pages: high at hi
// and above, mid at lo and above, else low.
func byShare(share, hi, lo float64, high, mid, low string) string {
	switch {
	case share >= hi:
		return high
	case share >= lo:
		return mid
	}
	return low
}

// childLinks counts the page's distinct links to pages under its own path
// ("/docs/alerts/" linking to "/docs/alerts/email/").
func childLinks(p *seoplan.Page, path string) int {
	if !strings.HasSuffix(path, "/") {
		path += "/"
	}
	seen := map[string]bool{}
	for _, l := range p.Links {
		k := pathKey(l.URL)
		if len(k) > len(path) && strings.HasPrefix(k, path) && !seen[k] {
			seen[k] = true
		}
	}
	return len(seen)
}

// pathKey is a URL's lower-case path with a trailing slash, without its
// language folder, the key of Site.Inlinks; "" when raw is not a URL.
func pathKey(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	return keyOf(u)
}

// keyOf is pathKey of a parsed URL.
func keyOf(u *url.URL) string {
	return segmentsKey(stripLangFolder(strings.FieldsFunc(strings.ToLower(u.Path), func(r rune) bool { return r == '/' })))
}

// segmentsKey joins path segments (language folder already left out) into
// a pathKey.
func segmentsKey(segs []string) string {
	if len(segs) == 0 {
		return "/"
	}
	return "/" + strings.Join(segs, "/") + "/"
}

// firstSegment is the first segment of a pathKey, "" for the root.
func firstSegment(key string) string {
	seg, _, _ := strings.Cut(strings.TrimPrefix(key, "/"), "/")
	return seg
}

// bareHost is a URL's host name without "www.", so that a site's two
// twins count as one.
func bareHost(u *url.URL) string { return strings.TrimPrefix(u.Hostname(), "www.") }

// learnStructure counts a page in its URL section and in the pages linking
// to each path it links to, for siteRoleRule. Each URL is parsed once: this
// runs over every link of every page of a crawl.
func learnStructure(s *Site, p *seoplan.Page) {
	pu, err := url.Parse(p.URL)
	if err != nil {
		return
	}
	if sec := firstSegment(keyOf(pu)); sec != "" {
		s.Sections[sec]++
	}
	host := bareHost(pu)
	seen := map[string]bool{}
	for _, l := range p.Links {
		lu, err := url.Parse(l.URL)
		if err != nil || bareHost(lu) != host {
			continue
		}
		if k := keyOf(lu); !seen[k] {
			seen[k] = true
			s.Inlinks[k]++
		}
	}
}
