package planner

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/seoplan/seoplan"
)

// Input is everything the planner plans from: the labeled pages of one crawl
// and, optionally, labeled keywords from a keyword file.
type Input struct {
	Site      string // start URL or host, shown in the roadmap
	CrawledAt time.Time
	Pages     []seoplan.LabeledPage
	// Slimmed is the Slimmer that slimmed Pages, if one did: the planner
	// reads from it what it took from them (their internal links, the
	// words of the opening of their main text). A Slimmer serves one
	// Plan, which takes the openings from it and lets them go once it has
	// clustered the pages; Plan fails on a Slimmer planned already.
	Slimmed  *Slimmer
	Keywords []seoplan.LabeledKeyword
	// PageStats are the rows of Search Console Pages exports: pages to
	// refresh, retitle or rescue from decay, judged by the page where the
	// keywords carry no per-query rows for it.
	PageStats []seoplan.PageStat
}

// Option changes how Plan plans.
type Option func(*config)

type config struct {
	profile  string
	chosen   bool    // the profile was chosen with WithProfile, not left at the default
	mix      *[2]int // product, problem; overrides profile when set
	start    time.Time
	perWeek  int
	weeks    int
	personas []seoplan.Persona
	lang     string
	progress func(done, total int, step string)
}

func defaults() config {
	return config{
		profile: "saas",
		// A fixed start keeps the planner free of the clock; the CLI passes
		// the real date.
		start:   time.Date(2026, time.January, 5, 0, 0, 0, 0, time.UTC),
		perWeek: 2,
		weeks:   12,
	}
}

// WithProfile picks the business profile whose product:problem mix the plan
// aims for: "startup", "established", "saas" (the default) or "shop". A chosen
// profile's reasoning is shown as written; the default's is worded for the
// business the crawl shows (a shop is not called a SaaS business). "" keeps
// the default, as if WithProfile were not given.
func WithProfile(name string) Option {
	return func(c *config) {
		if name == "" {
			c.profile, c.chosen = defaults().profile, false
			return
		}
		c.profile, c.chosen = name, true
	}
}

// WithMix sets an explicit product:problem target in percent, e.g. 40, 60
// for --mix 40:60; the two must add up to 100. It overrides the profile's
// mix.
func WithMix(product, problem int) Option {
	return func(c *config) { c.mix = &[2]int{product, problem} }
}

// WithStart sets the first day of the editorial calendar.
func WithStart(t time.Time) Option { return func(c *config) { c.start = t } }

// WithPerWeek sets how many pieces the calendar schedules each week.
func WithPerWeek(n int) Option { return func(c *config) { c.perWeek = n } }

// WithWeeks sets how many weeks the calendar covers.
func WithWeeks(n int) Option { return func(c *config) { c.weeks = n } }

// WithProgress has Plan call fn as it starts each of its steps
// (clustering, gaps, proposals, audit), done of total steps being
// behind it: for a progress bar on a large crawl.
func WithProgress(fn func(done, total int, step string)) Option {
	return func(c *config) { c.progress = fn }
}

// WithPersonas sets the readers the plan writes for (from --personas). Without
// it the planner uses the segments the site itself names ("for agencies").
func WithPersonas(p []seoplan.Persona) Option {
	return func(c *config) { c.personas = append([]seoplan.Persona(nil), p...) }
}

// WithLanguage plans the pages of one language of a site in several (from
// --lang: "de", "pt-BR"; the primary subtag counts). Without it the plan
// covers the site's main language, that of most of its pages. Plan fails
// with ErrBadOption when the site has no pages in it.
func WithLanguage(lang string) Option { return func(c *config) { c.lang = lang } }

// ErrBadOption is wrapped by every error Plan returns for an invalid option,
// so the CLI can report it as a usage error.
var ErrBadOption = errors.New("invalid planner option")

func (c *config) validate() error {
	if c.mix == nil {
		if _, ok := profileByName(c.profile); !ok {
			return fmt.Errorf("%w: unknown profile %q (want startup, established, saas or shop)", ErrBadOption, c.profile)
		}
	} else {
		// 40:70 is a typo, not a wish for 36:64: a mix is two shares of
		// one whole, so it must add up to 100.
		p, q := c.mix[0], c.mix[1]
		if p < 0 || q < 0 || p+q != 100 {
			return fmt.Errorf("%w: mix %d:%d must be two non-negative percentages that add up to 100, such as 40:60", ErrBadOption, p, q)
		}
	}
	if c.perWeek < 1 || c.perWeek > 7 {
		return fmt.Errorf("%w: per-week %d must be between 1 and 7", ErrBadOption, c.perWeek)
	}
	if c.weeks < 1 || c.weeks > 520 {
		return fmt.Errorf("%w: weeks %d must be between 1 and 520", ErrBadOption, c.weeks)
	}
	if c.lang != "" && primaryTag(c.lang) == "" {
		return fmt.Errorf("%w: language %q is no language code (want one such as en, de or pt-BR)", ErrBadOption, c.lang)
	}
	if c.start.IsZero() {
		return fmt.Errorf("%w: start date is not set", ErrBadOption)
	}
	for i, p := range c.personas {
		if p.Name == "" {
			return fmt.Errorf("%w: persona %d has no name", ErrBadOption, i+1)
		}
	}
	return nil
}

// planSteps is how many steps WithProgress counts.
const planSteps = 5

// Plan groups the pages and keywords of in into topic clusters, finds their
// gaps, proposes content to fill them, schedules it and audits the site.
// The same input and options always give the same plan.
func Plan(ctx context.Context, in Input, opts ...Option) (*seoplan.Plan, error) {
	cfg := defaults()
	for _, o := range opts {
		o(&cfg)
	}
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	step := func(done int, name string) {
		if cfg.progress != nil {
			cfg.progress(done, planSteps, name)
		}
	}
	step(0, "reading the pages")
	s, err := newSite(in, cfg.lang)
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("plan: %w", err)
	}
	p := &seoplan.Plan{
		Site:      in.Site,
		Pages:     len(s.html),
		Keywords:  len(in.Keywords),
		Languages: s.langs,
		Business:  s.biz.export(),
		Profile:   cfg.targetProfile(s.biz),
	}
	if !in.CrawledAt.IsZero() {
		p.CrawledAt = in.CrawledAt.UTC().Format(time.RFC3339)
	}
	p.Balance = balance(s, p.Profile)

	step(1, "clustering")
	groups, related, err := clusterPages(ctx, s)
	if err != nil {
		return nil, err
	}
	clusters := buildClusters(s, groups, related)
	s.clustered()
	attachKeywords(s, &clusters, in.Keywords)
	step(2, "finding gaps")
	for _, c := range clusters {
		c.pickPillar(s)
		c.findGaps(s, p.Profile)
	}
	personas := cfg.personas
	if len(personas) == 0 {
		personas = sitePersonas(s)
	}
	// A profile nobody chose is "the default target" on a site that is no
	// software company, as its reasoning says.
	target := p.Profile.Name
	if cfg.mix == nil && !cfg.chosen && s.biz.kind == businessOther {
		target = "default"
	}
	step(3, "proposing")
	props, mixNote := propose(s, clusters, p.Profile, target, p.Balance, personas, in.Keywords)
	p.Balance.ProposalMix = mixNote
	p.Calendar = seoplan.Calendar{Start: cfg.start.Format(time.DateOnly), PerWeek: cfg.perWeek, Weeks: cfg.weeks}
	scheduled := schedule(props, cfg.start, cfg.perWeek, cfg.weeks)
	p.Calendar.Note = calendarNote(len(props), scheduled, cfg.perWeek, cfg.weeks)
	p.Proposals = props
	p.Personas = countPersonas(s, personas, props)
	for _, c := range clusters {
		p.Clusters = append(p.Clusters, c.export(s))
	}
	p.Unclustered = s.unclustered()
	p.GapSummary = gapSummary(s, clusters)
	step(4, "auditing")
	p.Audit = audit(s, clusters, in.Keywords, in.PageStats)
	p.Highlights = highlights(p)
	step(planSteps, "planned")
	if p.Clusters == nil {
		p.Clusters = []seoplan.Cluster{}
	}
	if p.Unclustered == nil {
		p.Unclustered = []seoplan.PageRef{}
	}
	if p.Proposals == nil {
		p.Proposals = []seoplan.Proposal{}
	}
	if p.Audit == nil {
		p.Audit = []seoplan.Finding{}
	}
	return p, nil
}
