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
	progress   func(done, total int)
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

// WithProgress has Site call fn after each page it labels, from its worker
// goroutines: fn must be safe for concurrent use and quick (a progress bar).
func WithProgress(fn func(done, total int)) Option { return func(c *config) { c.progress = fn } }

// WithOtherLanguagePenalty sets the factor a non-English page's confidence
// is multiplied by (default 0.8): the model learnt its vocabulary in English.
func WithOtherLanguagePenalty(f float64) Option { return func(c *config) { c.otherLang = f } }

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
		b.Keyword.Compile()
		if b.Page.Intent != nil {
			b.Page.Compile()
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
	if l, ok := feature.KeywordRule(kw); ok {
		return l
	}
	x := feature.Keyword(kw, c.site.Load())
	l := c.decide(&c.model.Keyword, x, false, "") // copies what it keeps of x
	x.Release()
	return l
}

// Page labels a page. It knows the site only through LearnSite.
func (c *Classifier) Page(p *seoplan.Page) seoplan.Label {
	return c.page(p, c.site.Load())
}

// page labels a page with the given site knowledge.
func (c *Classifier) page(p *seoplan.Page, site *feature.Site) seoplan.Label {
	if p.Status >= 400 || p.Status == 0 && p.Error != "" {
		l := seoplan.Label{Intent: seoplan.IntentOther, Subtype: seoplan.SubtypeError, Stage: seoplan.StageNone, Confidence: 0.99}
		l.Signals = []string{"status:" + strconv.Itoa(p.Status)}
		return l
	}
	lang, detected := feature.Lang(p.Lang, p.Title, p.MainText)
	var l seoplan.Label
	if c.model.Page.Intent != nil {
		x := feature.Page(p, lang, site, &c.model.Keyword)
		l = c.decide(&c.model.Page, x, true, lang)
	} else { // a model trained without pages: score the title as a keyword
		l = c.decide(&c.model.Keyword, feature.Keyword(feature.StripSiteName(p.Title), site), false, lang)
	}
	if lang != "en" {
		how := ""
		if detected {
			how = ",detected"
		}
		l.Signals = append(l.Signals, "lang:"+lang+"(lower confidence"+how+")")
	}
	// TAXONOMY tie-breaker 6: doubt between problem and other on a thin page.
	if wc := feature.WordCount(p); l.Intent == seoplan.IntentProblem && wc < 150 && l.Confidence < 0.6 {
		l.Intent, l.Subtype, l.Stage = seoplan.IntentOther, seoplan.SubtypeNavigational, seoplan.StageNone
		l.Confidence = 1 - l.Confidence
		l.Signals = append(l.Signals, "rule:thin page, problem or other → other")
	}
	return l
}

// decide scores features with one set of heads and builds the label. The
// offsets (pages only) are the fixed priors the heads were trained with;
// lr.Heads.Predict is the one decision rule both training and labelling use.
func (c *Classifier) decide(h *lr.Heads, x *feature.Vector, pageOffsets bool, lang string) seoplan.Label {
	feats := x.Features()
	var nbuf [64]string // on the stack for a keyword's few dozen features
	var vbuf [64]float64
	names, vals := nbuf[:0], vbuf[:0]
	for _, f := range feats {
		names, vals = append(names, f.Name), append(vals, f.Value)
	}
	var in, sub, st []float64
	if pageOffsets {
		in, sub, st = feature.PageOffsets(x, lr.SubtypeClasses)
	}
	l := h.Predict(names, vals, in, sub, st)
	if lang != "" && lang != "en" {
		l.Confidence *= c.cfg.otherLang
	}
	l.Signals = append(append([]string(nil), x.Signals()...), "model:p="+strconv.FormatFloat(l.Confidence, 'f', 2, 64))
	if l.Confidence < GuessBelow {
		l.Signals = append(l.Signals, GuessSignal)
	}
	return l
}

// GuessBelow is the confidence under which a label is a guess: the
// confidence is calibrated (on predictions for sites the model was not
// trained on), so such a label is more likely wrong than right. Its
// signals then end with GuessSignal, for reports and users to check it.
const GuessBelow = 0.5

// GuessSignal marks a label whose confidence is under GuessBelow.
const GuessSignal = "guess:confidence under 0.5"

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
