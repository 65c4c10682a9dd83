package planner

import (
	"strings"

	"github.com/seoplan/seoplan"
)

// Slimmer drops from labelled pages what Plan and Compare never read, so
// that the pages of a large crawl fit in memory at once: a page keeps a
// few kilobytes, not its whole text and every link it carries. It moves
// the internal links of the pages it slims into a Links (Links), which
// the plan of those pages needs in Input.Links. A plan of slimmed pages is
// the plan of the pages themselves (slim_test.go). Slimmer is not safe for
// concurrent use.
type Slimmer struct {
	links *Links
}

// NewSlimmer returns a Slimmer.
func NewSlimmer() *Slimmer { return &Slimmer{links: NewLinks()} }

// Links returns the internal links of every page slimmed so far, for
// Input.Links.
func (s *Slimmer) Links() *Links { return s.links }

// slimSep parts the main text the planner reads from the evidence kept of
// the rest: no word, no space a pattern could match across.
const slimSep = "\n·\n"

// Slim drops from p:
//   - the main text past the textWords words that similarity reads, but
//     for a price and an offer of a trial, which business looks for in the
//     whole text: the first of each found only further on is kept after
//     the words read;
//   - the links: those off the site, and of the others all but where they
//     lead, which it keeps in its Links (a page slimmed again keeps the
//     links it was slimmed with first);
//   - the headings below h3, which nothing in the planner reads, keeping
//     the others in a slice of their own length (a decoder's grows by
//     doubling);
//   - the fields nothing in the planner reads (meta robots, breadcrumbs,
//     the redirect chain, X-Robots-Tag).
func (s *Slimmer) Slim(p *seoplan.Page) {
	p.MainText = slimText(p.MainText, textWords)
	s.slimRest(p)
}

// SlimLabeled is Slim for a page whose label is known: a page the planner
// never clusters by its label (other intent, news) keeps no words of its
// text at all, only the evidence business looks for.
func (s *Slimmer) SlimLabeled(lp *seoplan.LabeledPage) {
	words := textWords
	if (&page{label: lp.Label}).labelUnclusterable() {
		words = 0
	}
	lp.Page.MainText = slimText(lp.Page.MainText, words)
	s.slimRest(&lp.Page)
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
}

// slimText returns the first keep words of text, which the planner reads,
// and the evidence it looks for in the rest.
func slimText(text string, keep int) string {
	end, words, in := len(text), 0, false
	for i, r := range text {
		w := !notWordRune(r)
		if w && !in {
			if words == keep {
				end = i
				break
			}
			words++
		}
		in = w
	}
	if end == len(text) {
		return text
	}
	head := text[:end]
	var b strings.Builder
	b.WriteString(head)
	if !hasPrice(head) {
		// A price is a few bytes: one that begins in the head's last ones
		// and ends past it is found from there.
		if m := findPrice(text[max(0, end-8):]); m != "" {
			b.WriteString(slimSep + m)
		}
	}
	if !offersTrial(head) {
		// Nor is an offer of a trial longer than a few words.
		if w := trialWord(text[max(0, end-32):]); w != "" {
			b.WriteString(slimSep + w)
		}
	}
	return b.String() // a copy: the whole text is not kept
}

// trialWord returns the first of trialWords the text holds, or "".
func trialWord(text string) string {
	return firstTrialWord(strings.ToLower(text))
}
