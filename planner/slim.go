package planner

import (
	"errors"
	"slices"
	"strings"

	"github.com/seoplan/seoplan"
)

// Slimmer drops from labelled pages what Plan and Compare never read, so
// that the pages of a large crawl fit in memory at once: a page keeps a
// few hundred bytes, not its whole text and every link it carries. It
// moves what the planner does read of the text and the links into
// records of its own, which the plan of those pages needs in
// Input.Slimmed. A plan of slimmed pages is the plan of the pages
// themselves (slim_test.go). Slimmer is not safe for concurrent use.
type Slimmer struct {
	links    *Links
	openings *openings
	// shared holds one copy of the strings and schema type lists that
	// many pages carry alike (see share).
	shared        map[string]string
	sharedSchemas map[string][]string
	lower         []byte // trialWord's scratch space
}

// NewSlimmer returns a Slimmer.
func NewSlimmer() *Slimmer {
	return &Slimmer{links: NewLinks(), openings: newOpenings(), shared: map[string]string{}, sharedSchemas: map[string][]string{}}
}

// maxShared bounds the strings a Slimmer shares, so that a site whose
// pages all differ where most sites' pages are alike costs a map entry
// for few of them.
const maxShared = 10000

// Links returns the internal links of every page slimmed so far.
func (s *Slimmer) Links() *Links { return s.links }

// errSlimmerUsed is Plan's error for a Slimmer planned already.
var errSlimmerUsed = errors.New("planner: Input.Slimmed was planned already; a Slimmer serves one plan")

// takeOpenings hands the openings over to a plan, which lets them go once
// its pages are clustered: nothing else reads them, and on a large crawl
// they are a tenth of the plan's heap. It returns nil once taken.
func (s *Slimmer) takeOpenings() *openings {
	o := s.openings
	s.openings = nil
	return o
}

// slimSep parts the pieces of evidence kept of the main text: no word, no
// space a pattern could match across.
const slimSep = "\n·\n"

// Slim drops from p:
//   - the main text, but for the stemmed words of its opening (the
//     first textWords words), which similarity reads and the Slimmer
//     keeps, and for a price and an offer of a trial, which business
//     looks for in the whole text: the first of each is kept as the text;
//   - the links: those off the site, and of the others all but where they
//     lead, which it keeps in its Links;
//   - the headings below h3, which nothing in the planner reads, keeping
//     the others in a slice of their own length (a decoder's grows by
//     doubling);
//   - the fields nothing in the planner reads (meta robots, breadcrumbs,
//     the redirect chain, X-Robots-Tag).
//
// A page slimmed again (by URL) keeps the opening and links it was
// slimmed with first.
func (s *Slimmer) Slim(p *seoplan.Page) {
	s.slim(p, true)
}

// SlimLabeled is Slim for a page whose label is known: of a page the
// planner never clusters by its label (other intent, news) it keeps no
// opening, only the evidence business looks for.
func (s *Slimmer) SlimLabeled(lp *seoplan.LabeledPage) {
	s.slim(&lp.Page, !(&page{label: lp.Label}).labelUnclusterable())
}

// slim slims p, keeping its opening when the planner may cluster it
// (clustered).
func (s *Slimmer) slim(p *seoplan.Page, clustered bool) {
	switch {
	case !s.openings.has(p.URL) && clustered:
		s.openings.add(p.URL, p.MainText)
	case !clustered:
		// Also for a page slimmed before its label was known, whose
		// opening nothing will read now.
		s.openings.drop(p.URL)
	}
	p.MainText = slimText(p.MainText, &s.lower)
	s.slimRest(p)
}

func (s *Slimmer) slimRest(p *seoplan.Page) {
	s.links.add(p)
	p.Links = nil
	n := 0
	for _, h := range p.Headings {
		if h.Level <= 3 {
			n++
		}
	}
	if n == 0 {
		p.Headings = nil
	} else if n < cap(p.Headings) {
		hs := make([]seoplan.Heading, 0, n)
		for _, h := range p.Headings {
			if h.Level <= 3 {
				hs = append(hs, h)
			}
		}
		p.Headings = hs
	}
	p.MetaRobots, p.Breadcrumbs, p.RedirectChain, p.XRobotsTag = "", nil, nil, ""
	s.share(p)
}

// share makes the fields that a site's pages mostly carry alike (the
// content type, the language, the Open Graph type and site name, the
// list of schema types) and a canonical URL that is the page's own point
// to one copy each: decoded from the crawl database, each page had its
// own, some 200 bytes a page of the crawl benchmark's site.
func (s *Slimmer) share(p *seoplan.Page) {
	if p.Canonical == p.URL {
		p.Canonical = p.URL
	}
	for _, f := range []*string{&p.ContentType, &p.Lang, &p.OGType, &p.OGSiteName} {
		if v, ok := s.shared[*f]; ok {
			*f = v
		} else if len(s.shared) < maxShared {
			s.shared[*f] = *f
		}
	}
	if len(p.SchemaTypes) == 0 {
		return
	}
	key := strings.Join(p.SchemaTypes, "\x00")
	if v, ok := s.sharedSchemas[key]; ok {
		p.SchemaTypes = v
	} else if len(s.sharedSchemas) < maxShared {
		// Clipped, so that an append to one page's list never writes
		// into the others'.
		s.sharedSchemas[key] = slices.Clip(p.SchemaTypes)
		p.SchemaTypes = s.sharedSchemas[key]
	}
}

// slimText returns the evidence business looks for in a page's main
// text: the first price and the first offer of a trial it holds, each
// after slimSep, or "" when it holds neither. The evidence of evidence is
// itself, so a text slimmed twice is slimmed once.
// buf is trialWord's.
func slimText(text string, buf *[]byte) string {
	var b strings.Builder
	if m := findPrice(text); m != "" {
		b.WriteString(slimSep + m)
	}
	if w := trialWord(text, buf); w != "" {
		b.WriteString(slimSep + w)
	}
	return b.String() // a copy: the whole text is not kept
}

// trialWord returns the first of trialWords the text holds, in any case,
// or "". buf, when not nil, is scratch space for the lowered text, kept
// for the next call: lowering each page's text into a string of its own
// was most of the time of slimming a page that kept its stored label, and
// a tenth of a second plan's allocations.
func trialWord(text string, buf *[]byte) string {
	if buf == nil {
		buf = new([]byte)
	}
	low, ok := lowerASCII((*buf)[:0], text)
	*buf = low
	if !ok {
		low = []byte(strings.ToLower(text))
	}
	return firstTrialWord(low)
}

// lowerASCII appends text to dst with its ASCII letters lowered. Where
// firstTrialWord looks for its ASCII words, that is strings.ToLower's
// text: no rune outside ASCII lowers into it but İ (to i) and the Kelvin
// sign (to k), and for a text holding either it reports false.
func lowerASCII(dst []byte, text string) ([]byte, bool) {
	if strings.Contains(text, "\u0130") || strings.Contains(text, "\u212a") {
		return dst, false
	}
	dst = append(dst, text...)
	for i, c := range dst {
		if 'A' <= c && c <= 'Z' {
			dst[i] = c + 'a' - 'A'
		}
	}
	return dst, true
}
