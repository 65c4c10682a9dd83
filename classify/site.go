package classify

import (
	"context"
	"fmt"
	"math"
	"net/url"
	"sort"
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
	site := feature.LearnSite(pages)
	c.site.Store(site)
	out := make([]seoplan.LabeledPage, len(pages))
	cands := make([]map[string]*candidate, len(pages))
	var done atomic.Int64
	err := parallel(ctx, len(pages), c.cfg.workers, func(i int) {
		if c.cfg.progress != nil {
			defer func() { c.cfg.progress(int(done.Add(1)), len(pages)) }()
		}
		p := &pages[i]
		out[i] = seoplan.LabeledPage{Page: *p, Label: c.page(p, site)}
		if p.IsHTML() || p.Status == 0 && p.Error == "" {
			lang, _ := feature.Lang(p.Lang, p.Title, p.MainText)
			cands[i] = pageCandidates(p, lang)
		}
	})
	if err != nil {
		return nil, nil, err
	}
	inv := rankPhrases(out, cands, c.cfg.keyPhrases)
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

// parallel runs fn(0..n-1) on workers goroutines in contiguous chunks
// (cheap per item, no channel per item) and checks ctx between items.
func parallel(ctx context.Context, n, workers int, fn func(i int)) error {
	if n == 0 {
		return ctx.Err()
	}
	workers = max(1, min(workers, n))
	var wg sync.WaitGroup
	chunk := (n + workers - 1) / workers
	for w := 0; w < workers; w++ {
		lo, hi := w*chunk, min(n, (w+1)*chunk)
		if lo >= hi {
			break
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := lo; i < hi; i++ {
				if i%64 == 0 && ctx.Err() != nil {
					return
				}
				fn(i)
			}
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("classify: %w", err)
	}
	return nil
}

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

// rankPhrases scores candidates by TF-IDF across the site, keeps the top n
// per page and returns the site inventory.
func rankPhrases(pages []seoplan.LabeledPage, cands []map[string]*candidate, n int) []SitePhrase {
	df := map[string]int{}
	surfaces := map[string]map[string]int{}
	docs := 0
	for _, m := range cands {
		if m == nil {
			continue
		}
		docs++
		for k, cd := range m {
			df[k]++
			s := surfaces[k]
			if s == nil {
				s = map[string]int{}
				surfaces[k] = s
			}
			for f, c := range cd.surfaces {
				s[f] += c
			}
		}
	}
	surface := func(stem string) string {
		best, bc := "", -1
		for f, c := range surfaces[stem] {
			if c > bc || c == bc && f < best {
				best, bc = f, c
			}
		}
		return best
	}
	inv := map[string]*SitePhrase{}
	for i, m := range cands {
		if m == nil {
			continue
		}
		var kps []seoplan.KeyPhrase
		for k, cd := range m {
			idf := math.Log(float64(docs+1)/float64(df[k]+1)) + 1
			kps = append(kps, seoplan.KeyPhrase{Stem: k, Weight: (1 + math.Log(cd.tf)) * idf * lengthBoost(k)})
		}
		sort.Slice(kps, func(a, b int) bool {
			if kps[a].Weight != kps[b].Weight {
				return kps[a].Weight > kps[b].Weight
			}
			return kps[a].Stem < kps[b].Stem
		})
		if len(kps) > n {
			kps = kps[:n]
		}
		for j := range kps {
			kps[j].Weight = math.Round(kps[j].Weight*1000) / 1000
			kps[j].Phrase = surface(kps[j].Stem)
			sp := inv[kps[j].Stem]
			if sp == nil {
				sp = &SitePhrase{Phrase: kps[j].Phrase, Stem: kps[j].Stem, Pages: df[kps[j].Stem]}
				inv[kps[j].Stem] = sp
			}
			sp.Weight += kps[j].Weight
		}
		pages[i].KeyPhrases = kps
	}
	out := make([]SitePhrase, 0, len(inv))
	for _, sp := range inv {
		sp.Weight = math.Round(sp.Weight*1000) / 1000
		out = append(out, *sp)
	}
	sort.Slice(out, func(a, b int) bool {
		if out[a].Weight != out[b].Weight {
			return out[a].Weight > out[b].Weight
		}
		return out[a].Stem < out[b].Stem
	})
	return out
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
