package classify

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/seoplan/seoplan"
	"github.com/seoplan/seoplan/classify/internal/feature"
)

// Labelling a crawl too large to hold, in three steps that Site also takes
// on a slice: a Learner learns the site from every page (UseSite hands it
// to the classifier), Label labels pages in batches and finds each page's
// candidate key phrases (Terms), and a Ranker weighs every page's Terms
// across the crawl into its key phrases. Terms can be stored (their text
// form) and put back into a Ranker, so a label need not be made again.

// phrasesVersion names the key-phrase extraction of this file and site.go:
// raise it when a change alters the Terms a page gives, so that stored
// labels are made again (Version).
const phrasesVersion = 1

var versionOnce = sync.OnceValue(func() string {
	h := sha256.Sum256(modelJSON)
	return "model-" + hex.EncodeToString(h[:6]) + "-phrases-" + strconv.Itoa(phrasesVersion)
})

// Version names what labels a page: the embedded model and the key-phrase
// extraction. A label stored with another version is stale.
func Version() string { return versionOnce() }

// Learner learns a site's names and structure one page at a time (see
// LearnSite), keeping of each page only its title and URL.
type Learner struct{ l *feature.Learner }

// NewLearner returns a Learner that has seen no page.
func NewLearner() *Learner { return &Learner{l: feature.NewLearner()} }

// Add learns from one page.
func (l *Learner) Add(p *seoplan.Page) { l.l.Add(p) }

// UseSite makes what l learnt the classifier's knowledge of the site, as
// LearnSite does. Call it once, after l's last Add.
func (c *Classifier) UseSite(l *Learner) { c.site.Store(l.l.Site()) }

// HasPhrases reports whether a page has key phrases: an HTML page, or one
// of unknown type that answered without an error (a test's bare Page).
// Only such pages count as documents for the phrases' TF-IDF.
func HasPhrases(p *seoplan.Page) bool { return p.IsHTML() || p.Status == 0 && p.Error == "" }

// Label labels pages with what the classifier knows of the site (UseSite,
// LearnSite or Site), on the configured number of goroutines, and returns
// each page's label and Terms (nil for a page without key phrases). The
// progress option is called after each page with the batch's counts.
func (c *Classifier) Label(ctx context.Context, pages []seoplan.Page) ([]seoplan.Label, []Terms, error) {
	return c.label(ctx, pages, c.site.Load())
}

func (c *Classifier) label(ctx context.Context, pages []seoplan.Page, site *feature.Site) ([]seoplan.Label, []Terms, error) {
	labels := make([]seoplan.Label, len(pages))
	terms := make([]Terms, len(pages))
	var done atomic.Int64
	err := parallel(ctx, len(pages), c.cfg.workers, func(i int) {
		if c.cfg.progress != nil {
			defer func() { c.cfg.progress(int(done.Add(1)), len(pages)) }()
		}
		p := &pages[i]
		labels[i] = c.page(p, site)
		if HasPhrases(p) {
			lang, _ := feature.Lang(p.Lang, p.Title, p.MainText)
			terms[i] = termsOf(pageCandidates(p, lang))
		}
	})
	if err != nil {
		return nil, nil, err
	}
	return labels, terms, nil
}

// Term is one candidate key phrase of a page: a stem, its boosted term
// frequency on the page, and the surface forms it was written in with
// their counts.
type Term struct {
	Stem  string
	TF    float64
	Forms []Form
}

// Form is one way a page wrote a stem, and how often.
type Form struct {
	Text  string
	Count int
}

// Terms is a page's candidate key phrases, sorted by stem.
type Terms []Term

func termsOf(m map[string]*candidate) Terms {
	out := make(Terms, 0, len(m))
	for stem, cd := range m {
		t := Term{Stem: stem, TF: cd.tf}
		for f, n := range cd.surfaces {
			t.Forms = append(t.Forms, Form{Text: f, Count: n})
		}
		sort.Slice(t.Forms, func(a, b int) bool { return t.Forms[a].Text < t.Forms[b].Text })
		out = append(out, t)
	}
	sort.Slice(out, func(a, b int) bool { return out[a].Stem < out[b].Stem })
	return out
}

// String is the Terms' text form, one term a line: the term frequency, the
// stem, then each form and its count, separated by tabs. Stems and forms
// are lower-case words and spaces (isWord), never tabs or newlines.
func (ts Terms) String() string {
	var b strings.Builder
	for _, t := range ts {
		b.WriteString(strconv.FormatFloat(t.TF, 'g', -1, 64))
		b.WriteByte('\t')
		b.WriteString(t.Stem)
		for _, f := range t.Forms {
			b.WriteByte('\t')
			b.WriteString(f.Text)
			b.WriteByte('\t')
			b.WriteString(strconv.Itoa(f.Count))
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// ParseTerms reads Terms' text form.
func ParseTerms(s string) (Terms, error) {
	var out Terms
	err := eachTerm(s, func(tf float64, stem string, forms []string) error {
		t := Term{Stem: stem, TF: tf}
		for j := 0; j < len(forms); j += 2 {
			n, err := strconv.Atoi(forms[j+1])
			if err != nil {
				return err
			}
			t.Forms = append(t.Forms, Form{Text: forms[j], Count: n})
		}
		out = append(out, t)
		return nil
	})
	return out, err
}

// eachTerm calls fn for each line of Terms' text form, forms alternating
// text and count.
func eachTerm(s string, fn func(tf float64, stem string, forms []string) error) error {
	var fields []string
	for line := range strings.SplitSeq(s, "\n") {
		if line == "" {
			continue
		}
		fields = fields[:0]
		for f := range strings.SplitSeq(line, "\t") {
			fields = append(fields, f)
		}
		if len(fields) < 2 || len(fields)%2 != 0 {
			return fmt.Errorf("key phrase line %q: want frequency, stem and form-count pairs", line)
		}
		tf, err := strconv.ParseFloat(fields[0], 64)
		if err != nil {
			return fmt.Errorf("key phrase line %q: %v", line, err)
		}
		if err := fn(tf, fields[1], fields[2:]); err != nil {
			return fmt.Errorf("key phrase line %q: %v", line, err)
		}
	}
	return nil
}

// Ranker weighs the Terms of every page of a crawl by TF-IDF into each
// page's key phrases and the site's phrase inventory, as Site does. It
// keeps per page only stem numbers and frequencies (the forms are counted
// for the whole site at once), about a kilobyte a page.
type Ranker struct {
	n     int
	ids   map[string]int32
	stems []string
	df    []int
	forms map[form]int // each form of each stem, and its count on the site
	pages [][]rterm    // by page: nil for a page without key phrases
	docs  int
}

// form is one way the site writes a stem. The Ranker keeps one map of
// every stem's forms, not a map per stem, which costs a few hundred bytes
// for each of a large crawl's stems, most of them written one way.
type form struct {
	id   int32
	text string
}

type rterm struct {
	id int32
	tf float32 // sums of the boosts, small integers, exact in a float32
}

// NewRanker returns a Ranker keeping the classifier's number of key
// phrases per page (WithKeyPhrases).
func (c *Classifier) NewRanker() *Ranker {
	return &Ranker{n: c.cfg.keyPhrases, ids: map[string]int32{}, forms: map[form]int{}}
}

func (r *Ranker) id(stem string) int32 {
	id, ok := r.ids[stem]
	if !ok {
		stem = strings.Clone(stem) // not the stored text's whole line
		id = int32(len(r.stems))
		r.ids[stem] = id
		r.stems = append(r.stems, stem)
		r.df = append(r.df, 0)
	}
	return id
}

// newForm returns the key of a form first met in stored text: the stem's
// own string when the form is written as its stem, else a copy of it (not
// the stored text's whole line).
func (r *Ranker) newForm(id int32, text string) form {
	if text == r.stems[id] {
		return form{id, r.stems[id]}
	}
	return form{id, strings.Clone(text)}
}

func (r *Ranker) slot(i int) {
	for len(r.pages) <= i {
		r.pages = append(r.pages, nil)
	}
	if r.pages[i] != nil {
		panic(fmt.Sprintf("classify: Ranker page %d put twice", i))
	}
}

// Put records page i's Terms; p tells whether the page has key phrases
// at all (HasPhrases). Each page is put once, in any order.
func (r *Ranker) Put(i int, p *seoplan.Page, ts Terms) {
	r.slot(i)
	if !HasPhrases(p) {
		return
	}
	r.docs++
	pt := make([]rterm, 0, len(ts))
	for _, t := range ts {
		id := r.id(t.Stem)
		r.df[id]++
		for _, f := range t.Forms {
			r.forms[form{id, f.Text}] += f.Count
		}
		pt = append(pt, rterm{id: id, tf: float32(t.TF)})
	}
	r.pages[i] = pt
}

// PutText is Put of Terms in their text form (Terms.String), read without
// building them.
func (r *Ranker) PutText(i int, p *seoplan.Page, text string) error {
	r.slot(i)
	if !HasPhrases(p) {
		return nil
	}
	pt := []rterm{}
	err := eachTerm(text, func(tf float64, stem string, forms []string) error {
		id := r.id(stem)
		for j := 0; j < len(forms); j += 2 {
			n, err := strconv.Atoi(forms[j+1])
			if err != nil {
				return err
			}
			k := form{id, forms[j]}
			if _, ok := r.forms[k]; !ok {
				k = r.newForm(id, forms[j])
			}
			r.forms[k] += n
		}
		r.df[id]++
		pt = append(pt, rterm{id: id, tf: float32(tf)})
		return nil
	})
	if err != nil {
		return err
	}
	r.docs++
	r.pages[i] = pt
	return nil
}

// Rank returns every page's key phrases, by page number (nil for a page
// without), and the site's phrase inventory, heaviest first. A page's
// phrases are its n heaviest Terms by TF-IDF, each named by the form the
// site writes its stem in most.
func (r *Ranker) Rank() ([][]seoplan.KeyPhrase, []SitePhrase) {
	// Each stem is named by its most frequent form, the first in byte
	// order of those as frequent.
	surface := make([]string, len(r.stems))
	counts := make([]int, len(r.stems))
	for i := range counts {
		counts[i] = -1
	}
	for f, c := range r.forms {
		if bc := counts[f.id]; c > bc || c == bc && f.text < surface[f.id] {
			surface[f.id], counts[f.id] = f.text, c
		}
	}
	name := func(id int32) string { return surface[id] }
	type scored struct {
		id     int32
		weight float64
	}
	out := make([][]seoplan.KeyPhrase, len(r.pages))
	inv := map[int32]*SitePhrase{}
	var buf []scored
	for i, pt := range r.pages {
		if pt == nil {
			continue
		}
		buf = buf[:0]
		for _, t := range pt {
			idf := math.Log(float64(r.docs+1)/float64(r.df[t.id]+1)) + 1
			buf = append(buf, scored{t.id, (1 + math.Log(float64(t.tf))) * idf * lengthBoost(r.stems[t.id])})
		}
		sort.Slice(buf, func(a, b int) bool {
			if buf[a].weight != buf[b].weight {
				return buf[a].weight > buf[b].weight
			}
			return r.stems[buf[a].id] < r.stems[buf[b].id]
		})
		keep := buf
		if len(keep) > r.n {
			keep = keep[:r.n]
		}
		// Of its own length: the pages of a large crawl hold their key
		// phrases until the plan is made, and a slice grown by append
		// holds up to twice as many.
		var kps []seoplan.KeyPhrase
		if len(keep) > 0 {
			kps = make([]seoplan.KeyPhrase, 0, len(keep))
		}
		for _, s := range keep {
			kp := seoplan.KeyPhrase{Stem: r.stems[s.id], Phrase: name(s.id), Weight: math.Round(s.weight*1000) / 1000}
			sp := inv[s.id]
			if sp == nil {
				sp = &SitePhrase{Phrase: kp.Phrase, Stem: kp.Stem, Pages: r.df[s.id]}
				inv[s.id] = sp
			}
			sp.Weight += kp.Weight
			kps = append(kps, kp)
		}
		out[i] = kps
	}
	sites := make([]SitePhrase, 0, len(inv))
	for _, sp := range inv {
		sp.Weight = math.Round(sp.Weight*1000) / 1000
		sites = append(sites, *sp)
	}
	sort.Slice(sites, func(a, b int) bool {
		if sites[a].Weight != sites[b].Weight {
			return sites[a].Weight > sites[b].Weight
		}
		return sites[a].Stem < sites[b].Stem
	})
	return out, sites
}
