package classify

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/seoplan/seoplan"
	"github.com/seoplan/seoplan/classify/internal/feature"
	"github.com/seoplan/seoplan/classify/internal/nlp"
)

// SitePhrase is one entry of a site's key-phrase inventory: a stemmed noun
// phrase, how many pages have it among their key phrases' candidates, and its
// summed TF-IDF weight across the site.
type SitePhrase struct {
	Phrase string  `json:"phrase"` // most frequent lower-case surface form
	Stem   string  `json:"stem"`
	Pages  int     `json:"pages"`
	Weight float64 `json:"weight"`
}

// Site labels every page of a crawl, learning the site's names first, on
// the configured number of goroutines, and computes each page's key phrases
// and the site's phrase inventory (sorted by weight, heaviest first). What
// it learnt stays with the classifier (as after LearnSite), so keywords
// labelled afterwards know the site's brand; the pages themselves are
// labelled with this crawl's knowledge even if another Site call runs at the
// same time.
func (c *Classifier) Site(ctx context.Context, pages []seoplan.Page) ([]seoplan.LabeledPage, []SitePhrase, error) {
	l := NewLearner()
	for i := range pages {
		l.Add(&pages[i])
	}
	site := l.l.Site()
	c.site.Store(site)
	labels, terms, err := c.label(ctx, pages, site)
	if err != nil {
		return nil, nil, err
	}
	r := c.NewRanker()
	for i := range pages {
		r.Put(i, &pages[i], terms[i])
	}
	kps, inv := r.Rank()
	out := make([]seoplan.LabeledPage, len(pages))
	for i := range pages {
		out[i] = seoplan.LabeledPage{Page: pages[i], Label: labels[i], KeyPhrases: kps[i]}
	}
	return out, inv, nil
}

// Keywords labels keywords on the configured number of goroutines, in
// input order. It stops early, leaving the rest unlabelled, if ctx ends.
func (c *Classifier) Keywords(ctx context.Context, kws []seoplan.Keyword) []seoplan.LabeledKeyword {
	out := make([]seoplan.LabeledKeyword, len(kws))
	_ = parallel(ctx, len(kws), c.cfg.workers, func(i int) {
		out[i] = seoplan.LabeledKeyword{Keyword: kws[i], Label: c.Keyword(kws[i].Text)}
	})
	return out
}

// parallel runs fn(0..n-1) on workers goroutines, each taking the next
// parallelChunk items when it is done with its last (cheap per item, no
// channel per item), and checks ctx between items. Fixed halves of the
// input were unfair: a crawl in URL order puts the long blog posts in one
// half and the short tag pages in the other, and one core sat idle while
// the other labelled the posts.
func parallel(ctx context.Context, n, workers int, fn func(i int)) error {
	if n == 0 {
		return ctx.Err()
	}
	workers = max(1, min(workers, n))
	var (
		wg   sync.WaitGroup
		next atomic.Int64
	)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				lo := int(next.Add(parallelChunk)) - parallelChunk
				if lo >= n || ctx.Err() != nil {
					return
				}
				for i := lo; i < min(n, lo+parallelChunk); i++ {
					fn(i)
				}
			}
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("classify: %w", err)
	}
	return nil
}

// parallelChunk is how many items a worker takes at once: few enough to
// share the work out evenly, enough that the counter is not contended.
const parallelChunk = 8

// PhraseWords is how many words of a page's main text are tagged for key
// phrases. prose's tagger costs a few microseconds a word; the title, h1,
// h2s and URL carry the topic, and the opening paragraphs add the rest.
const PhraseWords = 250

// Boosts for where a phrase occurs: the places a page says what it is about.
const (
	boostTitle = 3.0
	boostH1    = 3.0
	boostH2    = 2.0
	boostURL   = 2.0
	boostText  = 1.0
)

// candidate is one stemmed phrase on one page.
type candidate struct {
	tf       float64
	surfaces map[string]int
}

// pageCandidates extracts noun-phrase chunks from a page with their
// boosted term frequency.
func pageCandidates(p *seoplan.Page, lang string) map[string]*candidate {
	m := map[string]*candidate{}
	chunk := nounPhrases
	if lang != "en" {
		chunk = func(text string) [][]string { return wordRuns(text, lang) }
	}
	add := func(text string, boost float64) {
		for _, ph := range chunk(text) {
			stems := make([]string, len(ph))
			for i, w := range ph {
				stems[i] = nlp.Stem(w, lang)
			}
			key := strings.Join(stems, " ")
			cd := m[key]
			if cd == nil {
				cd = &candidate{surfaces: map[string]int{}}
				m[key] = cd
			}
			cd.tf += boost
			cd.surfaces[strings.Join(ph, " ")]++
		}
	}
	add(feature.StripSiteName(p.Title), boostTitle)
	for _, h := range p.H1 {
		add(h, boostH1)
	}
	for _, h := range p.Headings {
		if h.Level == 2 {
			add(h.Text, boostH2)
		}
	}
	if u, err := url.Parse(p.URL); err == nil {
		segs := strings.FieldsFunc(u.Path, func(r rune) bool { return r == '/' })
		if len(segs) > 0 {
			add(strings.NewReplacer("-", " ", "_", " ").Replace(segs[len(segs)-1]), boostURL)
		}
	}
	add(feature.FirstWords(p.MainText, PhraseWords), boostText)
	return m
}

// nounPhrases returns adjective/noun runs that end in a noun, one to four
// words, without stop words at either end.
func nounPhrases(text string) [][]string {
	if strings.TrimSpace(text) == "" {
		return nil
	}
	toks := feature.TagCached(text)
	var out [][]string
	var run []string
	var runTags []string
	flush := func() {
		// trim to end in a noun, and drop leading stop words
		for len(run) > 0 && !nlp.IsNoun(runTags[len(runTags)-1]) {
			run, runTags = run[:len(run)-1], runTags[:len(runTags)-1]
		}
		for len(run) > 0 && (feature.IsStopword(run[0]) || vagueModifiers[run[0]]) {
			run, runTags = run[1:], runTags[1:]
		}
		if len(run) > 4 {
			run = run[len(run)-4:]
		}
		if len(run) > 0 && goodPhrase(run) {
			out = append(out, append([]string(nil), run...))
		}
		run, runTags = run[:0], runTags[:0]
	}
	for _, t := range toks {
		if (nlp.IsNoun(t.Tag) || strings.HasPrefix(t.Tag, "JJ")) && isWord(t.Text) && !feature.IsStopword(t.Text) {
			run = append(run, t.Text)
			runTags = append(runTags, t.Tag)
			continue
		}
		flush()
	}
	flush()
	return out
}

// wordRuns is the key-phrase chunker for pages not in English, where
// prose's English tagger cannot find nouns: the unigrams and bigrams of runs
// of words between stop words (snowball's lists where it has one) and
// punctuation.
func wordRuns(text, lang string) [][]string {
	var out [][]string
	for _, clause := range strings.FieldsFunc(text, func(r rune) bool {
		return strings.ContainsRune(".,;:!?()[]{}\"«»„“”|/–—", r) || r == '\n'
	}) {
		var run []string
		flush := func() {
			for i, w := range run {
				if goodPhrase(run[i : i+1]) {
					out = append(out, []string{w})
				}
				if i > 0 {
					out = append(out, []string{run[i-1], w})
				}
			}
			run = run[:0]
		}
		for _, w := range feature.Words(clause) {
			stop, known := nlp.IsStopword(w, lang)
			n := len([]rune(w))
			if stop || !known && n <= 3 || n > 24 || feature.IsStopword(w) || !isWord(w) {
				flush()
				continue
			}
			run = append(run, w)
		}
		flush()
	}
	return out
}

// goodPhrase reports whether a chunk can be a key phrase: not a short
// word alone, not made only of vague nouns, and no word twice in a row
// ("canned canned responses", where a sentence ending in "canned" meets the
// next one's "Canned responses").
func goodPhrase(ph []string) bool {
	if len(ph) == 1 && len([]rune(ph[0])) < 3 {
		return false
	}
	for i := 1; i < len(ph); i++ {
		if strings.EqualFold(ph[i], ph[i-1]) {
			return false
		}
	}
	for _, w := range ph {
		if !vagueNouns[w] {
			return true
		}
	}
	return false
}

// vagueModifiers open noun phrases without narrowing the topic ("complete
// guide", "simple pricing"); they are trimmed from the front.
var vagueModifiers = wordSet("complete", "ultimate", "definitive", "short", "quick", "simple",
	"honest", "obvious", "best", "top", "new", "good", "great", "easy", "real", "common",
	"key", "main", "many", "several", "various", "different", "same", "other", "whole",
	"full", "little", "big", "important", "useful", "essential", "next", "last", "final")

// vagueNouns are the words of an article's scaffolding, not its topic: a
// phrase made only of them ("step", "complete guide", "faq") is dropped.
var vagueNouns = wordSet("step", "steps", "guide", "guides", "definition", "overview",
	"introduction", "conclusion", "summary", "faq", "faqs", "glance", "contents", "table",
	"challenge", "challenges", "result", "results", "example", "examples", "tip", "tips",
	"way", "ways", "thing", "things", "lot", "lots", "part", "section", "chapter", "today",
	"year", "years", "time", "minute", "minutes", "article", "post", "page", "read",
	"everything", "reason", "reasons", "mistake", "mistakes", "takeaway", "takeaways",
	"question", "questions", "answer", "answers", "case", "cases", "point", "points",
	"idea", "ideas", "list", "kind", "sort", "type", "types", "number", "use", "help",
	"more", "day", "days", "week", "weeks", "month", "months", "people", "team", "teams",
	"%", "percent", "cta", "click", "here", "yes", "no")

func wordSet(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

func isWord(s string) bool {
	letters := 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9', r == '-', r == '.', r == '&', r == '\'':
		case r < 128 && !(r >= 'a' && r <= 'z'):
			return false
		default:
			letters++
		}
	}
	return letters > 0
}

// lengthBoost prefers two- and three-word phrases, which name topics
// ("ticket routing") better than single words ("ticket").
func lengthBoost(stem string) float64 {
	switch strings.Count(stem, " ") {
	case 0:
		return 1
	case 1, 2:
		return 1.3
	}
	return 1.1
}
