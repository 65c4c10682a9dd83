package planner

import (
	"strings"

	"github.com/kljensen/snowball/english"
	"github.com/seoplan/seoplan"
)

// Working titles. Each kind of piece has a few natural patterns; the topic's
// hash picks one, so a plan does not read like one sentence with the blanks
// filled in, and the same topic always gets the same title.

func pick(topic string, patterns ...string) string {
	p := patterns[int(hash(topic)%uint32(len(patterns)))]
	return sentence(strings.ReplaceAll(p, "{t}", topic))
}

// pillarTitle names a pillar guide. No pattern names its readers ("for
// busy teams" read wrong on a cooking publisher's "slow cooker" guide):
// the personas and the business say who they are, not the title.
func pillarTitle(t string) string {
	return pick(t,
		"The complete guide to {t}",
		"{t}: a complete guide, from the basics up",
		"Everything you need to know about {t}",
	)
}

func explainerTitle(t string) string {
	if pluralTopic(t) {
		return pick(t,
			"What are {t}? A plain-English explainer",
			"What are {t}, and why do they matter?",
			"{t} explained: what they are and how they work",
		)
	}
	return pick(t,
		"What is {t}? A plain-English explainer",
		"What is {t}, and why does it matter?",
		"{t} explained: what it is and how it works",
	)
}

// explainerKeyword is the question a searcher asks of a topic: "what are"
// of a plural one ("what are OAuth providers", not "what is").
func explainerKeyword(t string) string {
	if pluralTopic(t) {
		return "what are " + t
	}
	return "what is " + t
}

// pluralTopic reports whether a topic ends on a plural noun, by its spelling:
// "providers", "repositories", but not "analysis", "status", "business".
func pluralTopic(t string) bool {
	f := strings.Fields(strings.ToLower(t))
	if len(f) == 0 {
		return false
	}
	w := f[len(f)-1]
	for _, end := range []string{"ss", "us", "is", "ics", "news", "series"} {
		if strings.HasSuffix(w, end) {
			return false
		}
	}
	return len(w) > 3 && strings.HasSuffix(w, "s")
}

// howTo returns a how-to's title and the keyword it targets: the task the
// cluster's own pages name in a heading ("Set up routing rules", "How to
// route tickets") when no page is titled after it, else "how to use" the topic, the
// form searchers give a topic they want to put to work; never a verb made
// up around the topic ("how to get live chat").
func howTo(t, task string) (title, keyword string) {
	if task != "" {
		return sentence(task) + ": a step-by-step guide", task
	}
	v := verbless(t)
	tails := []string{": a step-by-step guide", " in five steps", " without the guesswork"}
	i := int(hash(t) % uint32(len(tails)))
	return sentence("how to use "+v) + tails[i], "how to use " + v
}

// taskVerbs begin the headings that name a task a how-to can target.
var taskVerbs = []string{"set up", "add", "create", "build", "install", "connect", "configure", "write", "measure",
	"reduce", "automate", "track", "choose", "migrate", "import", "export", "integrate", "manage", "monitor"}

// wholeTask reports whether a "how to …" phrase is a whole task: a verb
// and its object, three to eight words, not ending on a stop word and with
// no clause in it.
func wholeTask(task string) bool {
	f := strings.Fields(task)
	if len(f) < 4 || english.IsStopWord(f[len(f)-1]) {
		return false
	}
	for _, w := range f[2:] {
		switch w {
		case "if", "when", "because", "or", "but", "so", "while", "unless":
			return false
		}
	}
	return true
}

// taskOf is the first task the cluster's pages name in an h2 or h3 ("How
// to route tickets", "Set up routing rules") that no page of the cluster is
// titled after, as a "how to …" keyword; "" when none is.
func (s *site) taskOf(c *cluster) string {
	titled := make(map[string]bool)
	for _, i := range c.pages {
		titled[norm(titleTopic(s.html[i].lp.Page.Title))] = true
	}
	for _, i := range c.pages {
		pg := s.html[i].lp.Page
		texts := []string{titleTopic(pg.Title)}
		for _, h := range pg.Headings {
			if h.Level <= 3 {
				texts = append(texts, h.Text)
			}
		}
		for n, text := range texts {
			low := strings.ToLower(strings.TrimRight(strings.Join(strings.Fields(text), " "), "?.!:"))
			task := ""
			switch {
			case strings.HasPrefix(low, "how to "):
				task = low
			default:
				for _, v := range taskVerbs {
					if strings.HasPrefix(low, v+" ") {
						task = "how to " + low
						break
					}
				}
			}
			// A page's own title is its task, taken already; a heading
			// cut at a clause ("Choose Intercom if") names no task.
			if task == "" || n == 0 || !wholeTask(task) || titled[norm(strings.TrimPrefix(task, "how to "))] || titled[norm(task)] || len(strings.Fields(task)) > 8 {
				continue
			}
			return task
		}
	}
	return ""
}

// questionOf is the first "what is …" or "what are …" question the
// cluster's pages ask in an h2 or h3 that no page of the cluster is titled
// after ("What is a webhook?"), as a keyword: the question the site's own
// readers are asked, for an explainer, rather than "what is" glued to the
// cluster's name. "" when none is.
func (s *site) questionOf(c *cluster) string {
	titled := make(map[string]bool)
	for _, i := range c.pages {
		titled[norm(titleTopic(s.html[i].lp.Page.Title))] = true
	}
	for _, i := range c.pages {
		for _, h := range s.html[i].lp.Page.Headings {
			if h.Level > 3 {
				continue
			}
			low := strings.TrimRightFunc(strings.ToLower(strings.Join(strings.Fields(h.Text), " ")), notWordRune)
			if q := s.question(low); q != "" && !titled[norm(strings.SplitN(q, " ", 3)[2])] && !titled[norm(q)] {
				return q
			}
		}
	}
	return ""
}

// pricingStems are the stemmed words of a question about price, which a
// pricing page answers, not an explainer.
var pricingStems = map[string]bool{"price": true, "cost": true, "fee": true, "plan": true}

// question returns a lower-case heading that asks what a thing is, as an
// explainer's keyword, or "": not the brand's own name ("what is
// Budibase" is the product page's question) or its price, not a release or a pointer
// ("what is next", "what are these files for"), and "what are" of a
// plural only.
func (s *site) question(low string) string {
	var subject string
	are := false // the question asks "what are"
	for _, q := range []string{"what is ", "what are "} {
		if strings.HasPrefix(low, q) {
			subject, are = strings.TrimPrefix(low, q), q == "what are "
		}
	}
	words := strings.Fields(subject)
	if len(words) == 0 || len(words) > 5 || strings.ContainsAny(subject, ",;()") || are && !pluralTopic(subject) {
		return ""
	}
	switch words[0] {
	case "this", "that", "these", "those", "it", "next", "new":
		return ""
	}
	topic := topicWords(subject)
	if len(topic) == 0 {
		return ""
	}
	for _, w := range topic {
		if s.brandWords[w] || w == "releas" || w == "beta" || w == "version" || pricingStems[w] {
			return ""
		}
	}
	return low
}

func bridgeTitle(t, brand string) string {
	return pick(t,
		"How to handle {t} with "+brand+", step by step",
		"{t} in practice: a "+brand+" walkthrough",
		"How teams use "+brand+" for {t}",
	)
}

func templateTitle(t string) string {
	return pick(t,
		"Free {t} template (with a checklist)",
		"{t} checklist: a ready-to-use template",
	)
}

func tipsTitle(t string) string {
	return pick(t,
		"7 {t} tips that actually work",
		"{t}: 10 ideas from teams that do it well",
		"{t} best practices: 8 strategies to try this quarter",
	)
}

func comparisonTitle(brand, t string) string {
	return pick(t,
		brand+" vs the alternatives for {t}: an honest comparison",
		"Best {t} software compared: "+brand+" and its alternatives",
	)
}

func pricingTitle(brand, t string) string {
	return pick(t,
		brand+" pricing for {t}: plans and what each includes",
		"What {t} costs with "+brand+": plans compared",
	)
}

// featureTitle names a feature page. "{t} software" read wrong for most
// topics ("Mysql database software: how Gitpod does it"), so the topic is
// what the product handles, not a kind of software.
func featureTitle(brand, t string) string {
	return pick(t,
		"How "+brand+" handles {t}",
		brand+" for {t}: features and how they work",
	)
}

func caseStudyTitle(t, brand string) string {
	return pick(t,
		"How one team transformed {t} with "+brand,
		"Case study: {t} results with "+brand,
	)
}

// keywordDraft proposes a page for a keyword no page covers, titled after
// the keyword's own shape ("how to …", "x vs y", "… template").
func keywordDraft(k seoplan.LabeledKeyword, brand string) draft {
	kw := strings.ToLower(strings.Join(strings.Fields(k.Keyword.Text), " "))
	st, stage := k.Label.Subtype, k.Label.Stage
	if st.Intent() != k.Label.Intent || st == "" {
		st = seoplan.SubtypeGuide
		if k.Label.Intent == seoplan.IntentProduct {
			st = seoplan.SubtypeFeature
		}
	}
	if stage == "" || stage == seoplan.StageNone {
		stage = seoplan.StageConsideration
		if k.Label.Intent == seoplan.IntentProduct {
			stage = seoplan.StageDecision
		}
	}
	d := draft{keyword: kw, subtype: st, stage: stage, format: formatOf(st)}
	switch st {
	case seoplan.SubtypeHowTo:
		if strings.HasPrefix(kw, "how to ") {
			d.title = sentence(kw) + ": a step-by-step guide"
		} else {
			d.title = "How to " + kw + ": a step-by-step guide"
		}
	case seoplan.SubtypeExplainer:
		if strings.HasPrefix(kw, "what is ") || strings.HasPrefix(kw, "what are ") {
			d.title = sentence(kw) + "? A plain-English explainer"
		} else {
			d.title = explainerTitle(kw)
		}
	case seoplan.SubtypeTemplate:
		d.title = templateTitle(kw)
	case seoplan.SubtypeTips:
		d.title = sentence(kw) + ": ideas and examples that work"
	case seoplan.SubtypeComparison:
		if strings.Contains(kw, " vs ") {
			d.title = sentence(kw) + ": which fits your team?"
		} else {
			d.title = sentence(kw) + ": the options compared"
		}
	case seoplan.SubtypePricing:
		d.title = sentence(kw) + ": plans and what you get"
	case seoplan.SubtypeTroubleshooting:
		d.title = sentence(kw) + ": causes and fixes"
	case seoplan.SubtypeCaseStudy:
		d.title = caseStudyTitle(kw, brand)
	case seoplan.SubtypeReport:
		d.title = sentence(kw) + ": the numbers for this year"
	case seoplan.SubtypeFeature, seoplan.SubtypeProduct, seoplan.SubtypeIntegration, seoplan.SubtypeDeepDive, seoplan.SubtypeReview:
		d.title = sentence(kw) + " with " + brand
	default:
		d.title = pillarTitle(kw)
	}
	return d
}

func formatOf(st seoplan.Subtype) string {
	switch st {
	case seoplan.SubtypeHowTo:
		return "how-to"
	case seoplan.SubtypeGuide:
		return "guide"
	case seoplan.SubtypeExplainer:
		return "explainer"
	case seoplan.SubtypeTips:
		return "listicle"
	case seoplan.SubtypeTemplate:
		return "template"
	case seoplan.SubtypeTroubleshooting:
		return "troubleshooting article"
	case seoplan.SubtypeCaseStudy:
		return "case study"
	case seoplan.SubtypeReport:
		return "research report"
	case seoplan.SubtypeNews:
		return "blog post"
	case seoplan.SubtypeComparison:
		return "comparison page"
	case seoplan.SubtypePricing:
		return "pricing page section"
	case seoplan.SubtypeIntegration:
		return "integration page"
	case seoplan.SubtypeDeepDive:
		return "whitepaper"
	case seoplan.SubtypeReview:
		return "review page"
	}
	return "feature page"
}

// verbless strips a leading "how to" so a topic reads as an object.
func verbless(t string) string {
	return strings.TrimPrefix(t, "how to ")
}

// sentence capitalises the first letter.
func sentence(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	if r[0] >= 'a' && r[0] <= 'z' {
		r[0] -= 'a' - 'A'
	}
	return string(r)
}

// shopWording rewords a draft for an online shop, whose readers buy, use and
// look after kit: the software patterns ("how one team transformed …",
// "how to handle … with Acme", "… template") read wrong to them. On a shop
// the pillar is the buying guide, problem content is care and use, and a
// case study is a customer's story. Anchors keep the cluster's phrase.
func shopWording(d *draft, t string) {
	switch {
	case d.pillar:
		d.title = sentence(t) + " buying guide: how to choose the right one"
		d.keyword = t + " buying guide"
		d.format = "buying guide (pillar)"
	case d.subtype == seoplan.SubtypeExplainer:
		d.title = pick(t, "{t} specs explained: what the numbers mean", "{t} ratings and specs explained")
		d.keyword = t + " ratings explained"
	case d.subtype == seoplan.SubtypeHowTo && d.format == "how-to":
		d.title = sentence("how to look after your " + t + ": care and repair")
		d.keyword = "how to care for " + t
	case d.subtype == seoplan.SubtypeHowTo:
		// The bridge: a piece that hands readers to the range.
		d.title = sentence(t) + " kit: what we recommend and why"
		d.keyword = t + " kit"
		d.format = "kit list with product links"
		d.effort = "M: 1,200-word kit list with product photos and links"
	case d.subtype == seoplan.SubtypeTemplate:
		d.title = sentence(t) + " checklist: what to check before you buy"
		d.keyword = t + " checklist"
		d.format = "checklist"
	case d.subtype == seoplan.SubtypeTips:
		d.title = pick(t, "{t} tips from our shop floor", "7 {t} tips for your next trip")
		d.keyword = t + " tips"
	case d.subtype == seoplan.SubtypeCaseStudy:
		d.title = sentence(t) + " in the field: a customer's story"
		d.keyword = t + " customer story"
		d.format = "customer story"
	case d.subtype == seoplan.SubtypeComparison:
		d.title = "Best " + t + " compared: our picks for every budget"
		d.keyword = "best " + t
	case d.subtype == seoplan.SubtypeFeature:
		d.title = sentence(t) + ": the range, with specs and prices"
		d.keyword = t
		d.format = "category page"
	case d.subtype == seoplan.SubtypePricing:
		d.title = sentence(t) + " prices: what you get at each budget"
		d.keyword = t + " prices"
		d.format = "price guide"
	}
}

// generalWording words a piece for a business that is neither a shop nor a
// software company (a firm, an agency, a publisher), as shopWording does
// for a shop: its titles and keywords speak of what it offers, never of
// software, features, walkthroughs or teams ("Cash software: how Tallyhouse
// does it" read wrong on a bookkeeping firm's plan). Keywords the site's
// own phrases gave are kept.
func generalWording(d *draft, t, brand string) {
	switch {
	case d.subtype == seoplan.SubtypeFeature:
		d.title = pick(t, "{t} with "+brand+": what we offer and how to start", "How "+brand+" helps with {t}")
		d.format = "service page"
	case d.subtype == seoplan.SubtypeComparison:
		d.title = pick(t, "{t}: "+brand+" and the alternatives, compared", "Choosing help with {t}: how the options compare")
	case d.subtype == seoplan.SubtypePricing:
		d.title = pick(t, "What {t} costs with "+brand+": fees and what each includes", brand+" fees for {t}: what each option includes")
	case d.subtype == seoplan.SubtypeHowTo && d.format == "how-to with a product walkthrough":
		d.title = pick(t, "How to handle {t} with "+brand+", step by step", "{t}, start to finish: how "+brand+" works through it")
		d.format = "how-to that leads to the service page"
	case d.subtype == seoplan.SubtypeCaseStudy:
		d.title = pick(t, "Case study: {t} with "+brand, "{t} in practice: one client's story")
	case d.subtype == seoplan.SubtypeGuide && d.stage == seoplan.StageDecision:
		d.title = pick(t, "Getting more from {t} with "+brand+": a guide for clients")
	case d.subtype == seoplan.SubtypeReport:
		d.title = pick(t, "The state of {t}: what we see across our clients", "{t} in numbers: what we see across our clients")
	}
	if k, ok := strings.CutSuffix(d.keyword, " software comparison"); ok {
		d.keyword = k + " comparison"
	}
}
