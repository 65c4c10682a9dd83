package classify

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"

	"github.com/seoplan/seoplan"
	"github.com/seoplan/seoplan/classify/internal/feature"
	"github.com/seoplan/seoplan/classify/internal/lr"
	"github.com/seoplan/seoplan/classify/internal/nlp"
)

//go:generate go run ./internal/train -data testdata -o model.json

//go:embed model.json
var modelJSON []byte

// Classifier labels pages and keywords. It is safe for concurrent use after
// New; LearnSite swaps in what it learned atomically.
type Classifier struct {
	cfg   config
	model *lr.Bundle
	site  atomic.Pointer[feature.Site]
}

type config struct {
	workers    int
	keyPhrases int
	otherLang  float64
}

func defaults() config {
	return config{workers: runtime.GOMAXPROCS(0), keyPhrases: 10, otherLang: 0.8}
}

// Option configures a Classifier.
type Option func(*config)

// WithWorkers sets how many goroutines Site and Keywords use (default
// GOMAXPROCS).
func WithWorkers(n int) Option { return func(c *config) { c.workers = n } }

// WithKeyPhrases sets how many key phrases Site keeps per page (default 10).
func WithKeyPhrases(n int) Option { return func(c *config) { c.keyPhrases = n } }

// WithOtherLanguagePenalty sets the factor a non-English page's confidence
// is multiplied by (default 0.8): the model learnt its vocabulary in English.
func WithOtherLanguagePenalty(f float64) Option { return func(c *config) { c.otherLang = f } }

// subtypeIntent maps each subtype name to its intent; Subtype.Intent walks a
// map of slices, too slow to call per class per keyword.
var subtypeIntent = func() map[string]seoplan.Intent {
	m := map[string]seoplan.Intent{}
	for in, subs := range seoplan.Subtypes {
		for _, s := range subs {
			m[string(s)] = in
		}
	}
	return m
}()

var (
	modelOnce sync.Once
	model     *lr.Bundle
	modelErr  error
)

// loadModel decodes the embedded model once per process.
func loadModel() (*lr.Bundle, error) {
	modelOnce.Do(func() {
		var b lr.Bundle
		if err := json.Unmarshal(modelJSON, &b); err != nil {
			modelErr = fmt.Errorf("decode embedded model: %w", err)
			return
		}
		if b.Keyword.Intent == nil {
			modelErr = fmt.Errorf("embedded model has no keyword heads (run go generate ./classify)")
			return
		}
		model = &b
		nlp.Load()
	})
	return model, modelErr
}

// New returns a classifier with the embedded model.
func New(opts ...Option) (*Classifier, error) {
	cfg := defaults()
	for _, o := range opts {
		o(&cfg)
	}
	if cfg.workers < 1 {
		return nil, fmt.Errorf("workers must be at least 1, got %d", cfg.workers)
	}
	if cfg.keyPhrases < 1 {
		return nil, fmt.Errorf("key phrases must be at least 1, got %d", cfg.keyPhrases)
	}
	if cfg.otherLang <= 0 || cfg.otherLang > 1 {
		return nil, fmt.Errorf("other-language penalty must be in (0, 1], got %g", cfg.otherLang)
	}
	m, err := loadModel()
	if err != nil {
		return nil, err
	}
	return &Classifier{cfg: cfg, model: m}, nil
}

// LearnSite learns the site's own brand and product names (og:site_name,
// title suffixes, host name) and its rivals (comparison and alternatives
// pages) from a crawl, so that "acme sso" is product and "acme careers"
// other. It replaces what an earlier call learnt.
func (c *Classifier) LearnSite(pages []seoplan.Page) {
	c.site.Store(feature.LearnSite(pages))
}

// SiteNames returns the names LearnSite learnt, sorted: the site's own and
// its rivals.
func (c *Classifier) SiteNames() (own, rivals []string) {
	return c.site.Load().Names()
}

// Keyword labels a search keyword.
func (c *Classifier) Keyword(kw string) seoplan.Label {
	x := feature.Keyword(kw, c.site.Load())
	return c.decide(&c.model.Keyword, x, "")
}

// Page labels a page. It knows the site only through LearnSite.
func (c *Classifier) Page(p *seoplan.Page) seoplan.Label {
	if p.Status >= 400 || p.Status == 0 && p.Error != "" {
		l := seoplan.Label{Intent: seoplan.IntentOther, Subtype: seoplan.SubtypeError, Stage: seoplan.StageNone, Confidence: 0.99}
		l.Signals = []string{"status:" + strconv.Itoa(p.Status)}
		return l
	}
	lang, detected := feature.Lang(p.Lang, p.Title, p.MainText)
	var l seoplan.Label
	if c.model.Page.Intent != nil {
		l = c.decide(&c.model.Page, feature.Page(p, lang, c.site.Load()), lang)
	} else { // a model trained without pages: score the title as a keyword
		l = c.decide(&c.model.Keyword, feature.Keyword(feature.StripSiteName(p.Title), c.site.Load()), lang)
	}
	if lang != "en" {
		how := ""
		if detected {
			how = ",detected"
		}
		l.Signals = append(l.Signals, "lang:"+lang+"(lower confidence"+how+")")
	}
	// TAXONOMY tie-breaker 6: doubt between problem and other on a thin page.
	if l.Intent == seoplan.IntentProblem && p.WordCount > 0 && p.WordCount < 150 && l.Confidence < 0.6 {
		l.Intent, l.Subtype, l.Stage = seoplan.IntentOther, seoplan.SubtypeNavigational, seoplan.StageNone
		l.Confidence = 1 - l.Confidence
		l.Signals = append(l.Signals, "rule:thin page, problem or other → other")
	}
	return l
}

// decide scores features with one set of heads and builds the label.
func (c *Classifier) decide(h *lr.Heads, x *feature.Vector, lang string) seoplan.Label {
	feats := x.Features()
	names := make([]string, len(feats))
	vals := make([]float64, len(feats))
	for i, f := range feats {
		names[i], vals[i] = f.Name, f.Value
	}
	var buf [32]float64
	probs := h.Intent.Probs(h.Intent.Logits(buf[:0], names, vals))
	bi := argmax(probs, nil)
	l := seoplan.Label{Intent: seoplan.Intent(h.Intent.Classes[bi]), Confidence: probs[bi]}
	if lang != "" && lang != "en" {
		l.Confidence *= c.cfg.otherLang
	}

	// Subtype: the best subtype of the chosen intent.
	sub := h.Subtype.Logits(buf[:0], names, vals)
	allowed := func(i int) bool { return subtypeIntent[h.Subtype.Classes[i]] == l.Intent }
	l.Subtype = seoplan.Subtype(h.Subtype.Classes[argmax(sub, allowed)])

	l.Stage = seoplan.StageNone
	if l.Intent != seoplan.IntentOther {
		st := h.Stage.Logits(buf[:0], names, vals)
		l.Stage = seoplan.Stage(h.Stage.Classes[argmax(st, nil)])
	}
	l.Signals = append(append([]string(nil), x.Signals()...), "model:p="+strconv.FormatFloat(l.Confidence, 'f', 2, 64))
	return l
}

func argmax(v []float64, ok func(int) bool) int {
	best := -1
	for i := range v {
		if ok != nil && !ok(i) {
			continue
		}
		if best < 0 || v[i] > v[best] {
			best = i
		}
	}
	if best < 0 {
		best = 0
	}
	return best
}

var (
	defaultOnce sync.Once
	defaultC    *Classifier

	defaultErr error
)

func defaultClassifier() (*Classifier, error) {
	defaultOnce.Do(func() { defaultC, defaultErr = New() })
	return defaultC, defaultErr
}

// failed is the label the package-level functions return if the embedded
// model cannot be loaded, which the tests rule out for any released build.
func failed(err error) seoplan.Label {
	return seoplan.Label{Intent: seoplan.IntentOther, Subtype: seoplan.SubtypeNavigational, Stage: seoplan.StageNone,
		Signals: []string{"error:" + err.Error()}}
}

// Page labels a page with a shared default classifier that knows no site.
func Page(p *seoplan.Page) seoplan.Label {
	c, err := defaultClassifier()
	if err != nil {
		return failed(err)
	}
	return c.Page(p)
}

// Keyword labels a keyword with a shared default classifier that knows no
// site.
func Keyword(kw string) seoplan.Label {
	c, err := defaultClassifier()
	if err != nil {
		return failed(err)
	}
	return c.Keyword(kw)
}
