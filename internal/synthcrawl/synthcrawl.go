// Package synthcrawl writes a synthetic crawl of a software company's site
// straight into a crawl database, through crawldb's own Batch, so `seoplan
// plan --db` reads it like a crawl without anything being served or
// fetched. It exists to measure planning at sizes no bench crawl reaches
// (a million pages, issue 16).
//
// The site ("Loomstack", product analytics) has the sections of a real
// one: home, pricing, company and legal pages, section indexes, features,
// integrations, comparisons, alternatives, customer stories, a blog of
// how-tos in three topic families (metrics, artifacts, processes) and
// definitions, guides, help-centre fixes for product problems, and tag
// archives whose later pages are noindex. Every HTML page has a title, meta
// description, canonical, one h1, h2s, breadcrumbs, JSON-LD types, nav and
// footer links and 8–24 body links; a "next page" link from each page to
// the one after it keeps the graph connected, and about one page in 331 of
// the blog answers 404, so the audit finds broken links.
//
// Page n is a pure function of the seed and n: the same options give the
// same pages in any order, so the generator holds one batch of pages at a
// time whatever the site's size.
package synthcrawl

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/seoplan/seoplan"
	"github.com/seoplan/seoplan/crawldb"
)

// Options say what to generate.
type Options struct {
	Pages int    // pages of the crawl, at least MinPages
	Seed  uint64 // the same seed gives the same site
	// Base is the site's origin, such as "https://loomstack.example"
	// (the default when empty).
	Base string
	// Progress, when set, is called after each stored batch with the pages
	// stored so far.
	Progress func(done int)
}

// MinPages is the smallest site Generate makes: one page of each section.
const MinPages = 100

// batchPages is how many pages one transaction stores.
const batchPages = 1000

// epoch is when the synthetic crawl started; page n was fetched n
// milliseconds later.
var epoch = time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)

// Generate stores a finished crawl of o.Pages synthetic pages in db as a new
// snapshot and returns it.
func Generate(ctx context.Context, db *crawldb.DB, o Options) (crawldb.Snapshot, error) {
	if o.Pages < MinPages {
		return crawldb.Snapshot{}, fmt.Errorf("synthcrawl: %d pages: give at least %d", o.Pages, MinPages)
	}
	if o.Base == "" {
		o.Base = "https://loomstack.example"
	}
	s := newSite(o)
	settings := fmt.Sprintf(`{"synthetic":true,"pages":%d,"seed":%d}`, o.Pages, o.Seed)
	snap, err := db.CreateSnapshot(ctx, s.base+"/", settings, epoch)
	if err != nil {
		return snap, err
	}
	var p seoplan.Page
	for lo := 0; lo < o.Pages; lo += batchPages {
		b, err := db.Begin(ctx)
		if err != nil {
			return snap, err
		}
		for n := lo; n < min(lo+batchPages, o.Pages); n++ {
			s.page(n, &p)
			if err := b.StorePage(snap.ID, 0, &p); err != nil {
				b.Rollback()
				return snap, err
			}
		}
		if err := b.Commit(); err != nil {
			return snap, err
		}
		if o.Progress != nil {
			o.Progress(min(lo+batchPages, o.Pages))
		}
	}
	ended := epoch.Add(time.Duration(o.Pages) * time.Millisecond)
	if err := db.SetState(ctx, snap.ID, crawldb.StateDone, ended); err != nil {
		return snap, err
	}
	return db.Snapshot(ctx, snap.ID)
}

// kind is a section of the site: how many pages it has and how each is
// named.
type kind struct {
	name       string
	lo, n      int // the site's pages lo to lo+n-1 are of this kind
	group      int // which pool of link targets its pages favour
	schema     []string
	crumb, dir string // the breadcrumb and URL folder of the section
}

// Link groups: a page links mostly within its group.
const (
	groupContent = iota
	groupProduct
	groupOther
)

// site is the layout of one synthetic site: which pages are of which kind.
type site struct {
	base        string
	seed        uint64
	pages       int
	fixed       []fixedPage
	kinds       []*kind
	byName      map[string]*kind
	competitors []string
	integration []string
	companies   []string
	// The lists names combine (see vocabulary): every family's objects,
	// what definitions define and how narrowly, and audiences and
	// industries with "" for none.
	objects, concepts, scopes, audiences, industries []string
	pools                                            [3][]*kind // link targets of each group
}

// fixedPage is one of the pages every site has once.
type fixedPage struct{ path, title, topic string }

var fixedPages = []fixedPage{
	{"/", product + ": product analytics for SaaS teams", "product analytics"},
	{"/pricing", product + " pricing and plans", "pricing"},
	{"/about", "About " + product, "our company"},
	{"/careers", "Careers at " + product, "hiring"},
	{"/contact", "Contact the " + product + " team", "support"},
	{"/legal/privacy", "Privacy policy", "privacy"},
	{"/legal/terms", "Terms of service", "terms"},
	{"/tags/", "Browse articles by topic", "topics"},
	{"/features/", product + " features", "features"},
	{"/integrations/", product + " integrations", "integrations"},
	{"/compare/", "Compare " + product + " with other tools", "comparisons"},
	{"/alternatives/", "Software alternatives, reviewed", "alternatives"},
	{"/customers/", "Customer stories", "customer stories"},
	{"/blog/", "The " + product + " blog", "product analytics"},
	{"/guides/", "Guides and playbooks", "guides"},
	{"/help/", product + " help centre", "help"},
}

// nav and footer are the links every HTML page carries.
var (
	nav    = []string{"/", "/features/", "/integrations/", "/pricing", "/customers/", "/blog/", "/guides/", "/compare/", "/help/"}
	footer = []string{"/about", "/careers", "/contact", "/tags/", "/alternatives/", "/legal/privacy", "/legal/terms"}
)

func cross(a, b []string) []string {
	var out []string
	for _, x := range a {
		for _, y := range b {
			out = append(out, x+y)
		}
	}
	return out
}

func newSite(o Options) *site {
	s := &site{base: strings.TrimSuffix(o.Base, "/"), seed: o.Seed, pages: o.Pages, fixed: fixedPages,
		byName: map[string]*kind{}}
	s.competitors = cross(compA, compB)
	s.integration = cross(intA, intB)
	s.companies = cross(coA, coB)
	s.vocabulary()
	rest := o.Pages - len(s.fixed)
	nc := len(s.competitors)
	counts := []struct {
		name string
		n    int
	}{
		{"feature", min(len(features), max(5, rest/100))},
		{"compare", min(nc+nc*(nc-1)/2, rest*5/100)},
		{"alternatives", min(nc, rest*2/100)},
		{"integration", min(len(s.integration), rest*5/100)},
		{"customer", min(len(s.companies), rest*3/100)},
		{"guide", rest * 10 / 100},
		{"whatis", rest * 12 / 100},
		{"problem", rest * 8 / 100},
		{"archive", max(len(tags), rest*6/100)},
	}
	shape := map[string]kind{
		"feature":      {group: groupProduct, schema: []string{"SoftwareApplication", "BreadcrumbList"}, crumb: "Features", dir: "/features/"},
		"compare":      {group: groupProduct, schema: []string{"Article", "SoftwareApplication"}, crumb: "Compare", dir: "/compare/"},
		"alternatives": {group: groupProduct, schema: []string{"Article", "ItemList"}, crumb: "Alternatives", dir: "/alternatives/"},
		"integration":  {group: groupProduct, schema: []string{"SoftwareApplication"}, crumb: "Integrations", dir: "/integrations/"},
		"customer":     {group: groupContent, schema: []string{"Article"}, crumb: "Customer stories", dir: "/customers/"},
		"guide":        {group: groupContent, schema: []string{"Article", "BreadcrumbList"}, crumb: "Guides", dir: "/guides/"},
		"whatis":       {group: groupContent, schema: []string{"Article", "FAQPage"}, crumb: "Blog", dir: "/blog/what-is-"},
		"problem":      {group: groupContent, schema: []string{"FAQPage"}, crumb: "Help centre", dir: "/help/fix-"},
		"archive":      {group: groupOther, schema: []string{"CollectionPage", "ItemList"}, crumb: "Topics", dir: "/tags/"},
		"howto":        {group: groupContent, schema: []string{"HowTo", "Article"}, crumb: "Blog", dir: "/blog/how-to-"},
	}
	lo, used := len(s.fixed), 0
	add := func(name string, n int) {
		k := shape[name]
		k.name, k.lo, k.n = name, lo, n
		s.kinds = append(s.kinds, &k)
		s.byName[name] = &k
		lo += n
		used += n
	}
	for _, c := range counts {
		add(c.name, c.n)
	}
	add("howto", rest-used)
	for _, k := range s.kinds {
		s.pools[k.group] = append(s.pools[k.group], k)
	}
	return s
}

// kindOf returns the kind of page n and its number within the kind, or
// nil for a fixed page.
func (s *site) kindOf(n int) (*kind, int) {
	if n < len(s.fixed) {
		return nil, n
	}
	for _, k := range s.kinds {
		if n < k.lo+k.n {
			return k, n - k.lo
		}
	}
	return nil, n
}

// permute maps i in [0, size) to a scattered index in [0, size), the same
// one every time, so consecutive pages of a kind do not share their topic.
func permute(i, size int) int {
	const prime = 1_000_003 // larger than any list product, so coprime with size
	return int(uint64(i) * prime % uint64(size))
}

// pick returns combination i (in the order permute scatters) of lists, and
// which round of the combinations it is in: rounds past the first are
// numbered variants ("(part 2)").
func pick(i int, lists ...[]string) ([]string, int) {
	size := 1
	for _, l := range lists {
		size *= len(l)
	}
	j := permute(i%size, size)
	out := make([]string, len(lists))
	for x := len(lists) - 1; x >= 0; x-- {
		out[x] = lists[x][j%len(lists[x])]
		j /= len(lists[x])
	}
	return out, i / size
}

// slug turns a title into a URL path segment.
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		} else {
			dash = true
		}
	}
	return b.String()
}

func stripArticle(s string) string {
	for _, a := range []string{"a ", "an "} {
		if rest, ok := strings.CutPrefix(s, a); ok {
			return rest
		}
	}
	return s
}

func withQualifier(s, q string) string {
	if q == "" {
		return s
	}
	return s + " " + q
}

// named is how one page is named: its URL path, its h1 and its topic.
type named struct {
	path, h1, topic string
	kind            *kind
	index           int // within its kind
}

// name works out page n's path, h1 and topic.
func (s *site) name(n int) named {
	k, i := s.kindOf(n)
	if k == nil {
		f := s.fixed[n]
		return named{path: f.path, h1: f.title, topic: f.topic, index: n}
	}
	nm := named{kind: k, index: i}
	part := 0
	switch k.name {
	case "feature":
		nm.h1 = features[i]
		nm.topic = strings.ToLower(nm.h1)
	case "compare":
		a, b := s.pair(i)
		nm.h1, nm.topic = a+" vs "+b+": an honest comparison", a+" vs "+b
	case "alternatives":
		c := s.competitors[permute(i, len(s.competitors))]
		nm.h1, nm.topic = "The best "+c+" alternatives", c+" alternatives"
	case "integration":
		t := s.integration[permute(i, len(s.integration))]
		cat := intCats[i%len(intCats)]
		nm.h1, nm.topic = product+" + "+t+" integration", t+" "+cat+" integration"
	case "customer":
		c := s.companies[permute(i, len(s.companies))]
		m := metrics[i%len(metrics)]
		nm.h1, nm.topic = "How "+c+" improved "+m+" with "+product, m
	case "guide":
		var w []string
		w, part = pick(i, s.objects, guideKinds, s.audiences)
		t := stripArticle(w[0])
		nm.h1, nm.topic = "The "+t+" "+w[1], t
		if w[2] != "" {
			nm.h1 += " for " + w[2]
		}
	case "whatis":
		var w []string
		w, part = pick(i, s.concepts, s.scopes)
		nm.h1, nm.topic = "What is "+withQualifier(w[0], w[1])+"?", stripArticle(w[0])
	case "problem":
		var w []string
		w, part = pick(i, problems, features)
		nm.h1, nm.topic = "How to fix "+w[0]+" in "+strings.ToLower(w[1]), w[0]
	case "archive":
		t, page := tags[i%len(tags)], i/len(tags)+1
		nm.h1, nm.topic = "Articles about "+strings.ReplaceAll(t, "-", " "), strings.ReplaceAll(t, "-", " ")
		nm.path = k.dir + t + "/"
		if page > 1 {
			nm.h1 += " (page " + strconv.Itoa(page) + ")"
			nm.path += "page/" + strconv.Itoa(page) + "/"
		}
		return nm
	case "howto":
		f := families[i%len(families)]
		var w []string
		w, part = pick(i/len(families), f.verbs, f.objects, qualifiers, s.industries)
		nm.h1, nm.topic = "How to "+withQualifier(withQualifier(w[0]+" "+w[1], w[2]), inIndustry(w[3])), stripArticle(w[1])
	}
	slugged := slug(nm.h1)
	// Their folder already says "how to", "what is", "fix".
	for range map[string]int{"howto": 2, "whatis": 2, "problem": 3}[k.name] {
		_, slugged, _ = strings.Cut(slugged, "-")
	}
	if part > 0 {
		nm.h1 += " (part " + strconv.Itoa(part+1) + ")"
		slugged += "-part-" + strconv.Itoa(part+1)
	}
	nm.path = k.dir + slugged
	return nm
}

func inIndustry(ind string) string {
	if ind == "" {
		return ""
	}
	return "in " + ind
}

// pair returns comparison i: the product against each competitor first,
// then competitors against each other.
func (s *site) pair(i int) (string, string) {
	c := s.competitors
	if i < len(c) {
		return product, c[i]
	}
	i -= len(c)
	for a := range c {
		if i < len(c)-1-a {
			return c[a], c[a+1+i]
		}
		i -= len(c) - 1 - a
	}
	panic("synthcrawl: comparison out of range")
}

// vocabulary works out the lists page names combine.
func (s *site) vocabulary() {
	for _, f := range families {
		s.objects = append(s.objects, f.objects...)
	}
	// What definitions define, and how narrowly: for all, in an
	// industry or for an audience.
	seen := map[string]bool{}
	for _, c := range slices.Concat(s.objects, metrics, features) {
		if c = strings.ToLower(c); !seen[c] {
			seen[c] = true
			s.concepts = append(s.concepts, c)
		}
	}
	s.scopes = []string{""}
	for _, ind := range industries {
		s.scopes = append(s.scopes, "in "+ind)
	}
	for _, a := range audiences {
		s.scopes = append(s.scopes, "for "+a)
	}
	s.audiences = append([]string{""}, audiences...)
	s.industries = append([]string{""}, industries...)
}

// url is page n's absolute URL.
func (s *site) url(path string) string { return s.base + path }

// broken reports whether page n answers 404: one blog page in 331.
func (s *site) broken(k *kind, n int) bool {
	return k != nil && k.group == groupContent && n%331 == 17
}

// page fills p with page n.
func (s *site) page(n int, p *seoplan.Page) {
	r := rand.New(rand.NewPCG(s.seed, uint64(n)))
	nm := s.name(n)
	*p = seoplan.Page{Fetch: seoplan.Fetch{
		URL:          s.url(nm.path),
		Status:       200,
		ContentType:  "text/html; charset=utf-8",
		ResponseTime: time.Duration(20+r.IntN(180)) * time.Millisecond,
		FetchedAt:    epoch.Add(time.Duration(n) * time.Millisecond),
		Depth:        min(1+n*6/s.pages, 5),
		InSitemap:    true,
	}}
	if n == 0 {
		p.Depth = 0
	}
	if s.broken(nm.kind, n) {
		p.Status, p.InSitemap, p.Size = 404, false, 1200
		return
	}
	w := writer{r: r, s: s, topic: nm.topic}
	c := &p.Content
	c.Title = nm.h1 + " | " + product
	c.H1 = []string{nm.h1}
	c.Canonical = p.URL
	c.Lang = "en"
	c.OGSiteName = product
	c.OGType = "website"
	c.SchemaTypes = []string{"Organization", "WebSite"}
	c.Breadcrumbs = []string{"Home"}
	if nm.kind != nil {
		c.SchemaTypes = append(c.SchemaTypes[:0:0], nm.kind.schema...)
		c.Breadcrumbs = append(c.Breadcrumbs, nm.kind.crumb, nm.h1)
		if nm.kind.group == groupContent {
			c.OGType = "article"
		}
		if nm.kind.name == "archive" && nm.index >= len(tags) {
			c.MetaRobots, c.Noindex, p.InSitemap = "noindex, follow", true, false
		}
	}
	c.MetaDescription = w.sentence(general)
	var text strings.Builder
	text.WriteString(w.paragraph(general, 2+r.IntN(3)))
	for _, h := range w.headings(nm) {
		c.Headings = append(c.Headings, seoplan.Heading{Level: 2, Text: h})
		text.WriteString("\n\n")
		lines := general
		switch {
		case nm.kind == nil || nm.kind.group == groupProduct:
			lines = productLines
		case nm.kind.name == "customer":
			lines = storyLines
		}
		text.WriteString(w.paragraph(lines, 3+r.IntN(4)))
	}
	c.MainText = text.String()
	c.WordCount = len(strings.Fields(c.MainText))
	p.Size = int64(len(c.MainText)*3 + 9000)
	c.Links = s.links(n, nm, r)
}

// headings returns a page's h2s, by kind.
func (w *writer) headings(nm named) []string {
	t := nm.topic
	name := ""
	if nm.kind != nil {
		name = nm.kind.name
	}
	var hs []string
	switch name {
	case "howto":
		hs = append(hs, "Why "+t+" matters")
		first := w.r.IntN(len(steps) - 4)
		for i := range 2 + w.r.IntN(3) {
			hs = append(hs, "Step "+strconv.Itoa(i+1)+": "+steps[first+i])
		}
		hs = append(hs, "Common mistakes with "+t)
	case "whatis":
		hs = append(hs, "How "+t+" works", "Examples of "+t, "Why "+t+" matters for "+w.pickOf(audiences))
	case "guide":
		hs = append(hs, "Who this guide is for", "The "+t+" checklist", "Templates you can copy")
	case "problem":
		hs = append(hs, "Symptoms", "Causes of "+t, "How to fix it", "When to contact support")
	case "compare", "alternatives":
		hs = append(hs, "Pricing", "Features side by side", "Which one should you choose?")
	case "feature", "integration":
		hs = append(hs, "What you can do with "+t, "How it works", "Pricing and plans")
	case "customer":
		hs = append(hs, "The challenge", "The solution", "The results")
	default:
		hs = append(hs, "What "+product+" does", "Who it is for")
	}
	if w.r.IntN(2) == 0 {
		hs = append(hs, w.sentence(questions))
	}
	return hs
}

// links returns page n's links: nav, body links mostly within its group,
// tag and "next" links, the footer and now and then an external one.
func (s *site) links(n int, nm named, r *rand.Rand) []seoplan.Link {
	var out []seoplan.Link
	seen := map[string]bool{nm.path: true}
	add := func(path, text string) {
		if !seen[path] {
			seen[path] = true
			out = append(out, seoplan.Link{URL: s.url(path), Text: text, Internal: true})
		}
	}
	for _, path := range nav {
		add(path, s.fixedTitle(path))
	}
	switch {
	case nm.kind == nil && n > 0 && strings.HasSuffix(nm.path, "/"):
		// A section index lists pages of its section.
		for _, k := range s.kinds {
			if strings.HasPrefix(k.dir, nm.path) || nm.path == "/blog/" && k.crumb == "Blog" {
				for i := 0; i < min(k.n, 30); i++ {
					t := s.name(k.lo + permute(i, k.n))
					add(t.path, t.h1)
				}
			}
		}
	case nm.kind != nil && nm.kind.name == "archive":
		// A tag archive lists 20 posts carrying its tag.
		for _, t := range s.tagged(nm.index) {
			add(t.path, t.h1)
		}
	}
	group := groupOther
	if nm.kind != nil {
		group = nm.kind.group
	}
	for range 8 + r.IntN(17) {
		g := group
		if x := r.IntN(10); x >= 6 {
			g = (group + 1 + x%2) % 3
		}
		t := s.name(s.pickIn(s.pools[g], r))
		add(t.path, t.h1)
	}
	if nm.kind != nil && nm.kind.group == groupContent {
		t := s.name(s.byName["archive"].lo + n%len(tags))
		add(t.path, t.h1)
	}
	next := s.name((n + 1) % s.pages)
	add(next.path, "Next: "+next.h1)
	for _, path := range footer {
		add(path, s.fixedTitle(path))
	}
	if r.IntN(3) == 0 {
		out = append(out, seoplan.Link{URL: "https://example.org/research/" + slug(nm.topic), Text: "research on " + nm.topic, Rel: "noopener"})
	}
	return out
}

// tagged returns the posts tag archive page i lists: the blog pages whose
// number is the archive's tag modulo the tags, twenty a page.
func (s *site) tagged(i int) []named {
	t, page := i%len(tags), i/len(tags)
	var out []named
	for _, k := range s.pools[groupContent] {
		for j := t + (page*20)*len(tags); j < k.n && len(out) < 20; j += len(tags) {
			out = append(out, s.name(k.lo+j))
		}
	}
	return out
}

// pickIn returns a page drawn uniformly from the kinds of a pool.
func (s *site) pickIn(pool []*kind, r *rand.Rand) int {
	total := 0
	for _, k := range pool {
		total += k.n
	}
	x := r.IntN(total)
	for _, k := range pool {
		if x < k.n {
			return k.lo + x
		}
		x -= k.n
	}
	panic("synthcrawl: empty pool")
}

func (s *site) fixedTitle(path string) string {
	for _, f := range s.fixed {
		if f.path == path {
			return f.title
		}
	}
	return path
}

// writer writes one page's sentences.
type writer struct {
	r     *rand.Rand
	s     *site
	topic string
}

func (w *writer) pickOf(l []string) string { return l[w.r.IntN(len(l))] }

func (w *writer) paragraph(lines []string, n int) string {
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(w.sentence(lines))
	}
	return b.String()
}

// sentence fills one of lines' templates.
func (w *writer) sentence(lines []string) string {
	t := w.pickOf(lines)
	var b strings.Builder
	for {
		i := strings.IndexByte(t, '{')
		if i < 0 {
			b.WriteString(t)
			break
		}
		j := strings.IndexByte(t[i:], '}') + i
		b.WriteString(t[:i])
		b.WriteString(w.slot(t[i+1 : j]))
		t = t[j+1:]
	}
	out := b.String()
	return strings.ToUpper(out[:1]) + out[1:]
}

func (w *writer) slot(name string) string {
	switch name {
	case "T":
		return w.topic
	case "A":
		return w.pickOf(audiences)
	case "M":
		return w.pickOf(metrics)
	case "N":
		return strconv.Itoa(2 + w.r.IntN(11))
	case "PCT":
		return strconv.Itoa(8 + w.r.IntN(67))
	case "ADJ":
		return w.pickOf(adjectives)
	case "TIME":
		return w.pickOf(times)
	case "IND":
		return w.pickOf(industries)
	case "F":
		return strings.ToLower(w.pickOf(features))
	case "TOOL":
		return w.pickOf(w.s.integration)
	case "C":
		return w.pickOf(w.s.competitors)
	case "CO":
		return w.pickOf(w.s.companies)
	case "P":
		return product
	}
	panic("synthcrawl: unknown slot " + name)
}
