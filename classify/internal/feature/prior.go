package feature

import "math"

// pagePriors are hand-set log-odds a page signal adds to the intent logits
// (product, problem, other) before the model's own weights. They encode
// TAXONOMY.md's clearest cases (legal pages are other, comparisons and
// prices are product, numbered steps are problem) so that the model, trained
// on a few hundred pages, does not have to rediscover them and can still
// overrule them when the rest of the page disagrees.
var pagePriors = map[string][3]float64{
	"url:/privacy": {0, 0, 2}, "url:/terms": {0, 0, 2}, "url:/legal": {0, 0, 2}, "url:/cookies": {0, 0, 2},
	"url:/accessibility": {0, 0, 2}, "url:/careers": {0, 0, 1.5}, "url:/jobs": {0, 0, 1.5}, "url:/about": {0, 0, 1.5}, "url:/team": {0, 0, 1},
	"url:/contact": {0, 0, 1.5}, "url:/press": {0, 0, 1},
	"url:/tag": {0, 0, 1.5}, "url:/tags": {0, 0, 1.5}, "url:/category": {0, 0, 1.5}, "url:/categories": {0, 0, 1.5},
	"url:/author": {0, 0, 1.5}, "url:/search": {0, 0, 1.5}, "url:/page": {0, 0, 1}, "url:/login": {0, 0, 1.5},
	`title:"privacy"`: {0, 0, 1}, `title:"terms"`: {0, 0, 1}, `title:"careers"`: {0, 0, 1},
	`title:"contact"`: {0, 0, 1}, `title:"about"`: {0, 0, 0.5}, `title:"login"`: {0, 0, 1},
	`title:"not found"`: {0, 0, 3},
	`title:"vs"`:        {1.5, 0, 0}, `title:"versus"`: {1.5, 0, 0}, `title:"alternatives"`: {1.5, 0, 0},
	`headings:"vs"`: {0.5, 0, 0}, `title:"best"-list`: {1.5, 0, 0}, `title:"review"`: {0.5, 0, 0},
	`title:"pricing"`: {1.5, 0, 0}, "url:/pricing": {1.5, 0, 0}, "url:/plans": {1, 0, 0},
	"url:/features": {1, 0, 0}, "url:/feature": {1, 0, 0}, "url:/integrations": {1, 0, 0},
	"url:/product": {0.5, 0, 0}, "url:/products": {0.5, 0, 0}, "url:/solutions": {0.5, 0, 0},
	"url:/compare": {1, 0, 0}, "url:/vs": {1, 0, 0}, "url:/alternatives": {1, 0, 0},
	"cta:book a demo": {0.5, 0, 0}, "cta:free trial": {0.3, 0, 0}, "cta:buy": {0.5, 0, 0},
	"schema:Product": {1.5, 0, 0}, "schema:Offer": {0.5, 0, 0}, "schema:SoftwareApplication": {1, 0, 0},
	"schema:HowTo": {0, 1, 0}, "schema:Article": {0, 0.3, 0}, "schema:BlogPosting": {0, 0.5, 0},
	`title:"how to"`: {0, 1, 0}, "headings:numbered steps": {0, 0.5, 0},
	`title:"guide"`: {0, 0.5, 0}, `title:"template"`: {0, 0.5, 0}, `title:"templates"`: {0, 0.5, 0},
	`title:"checklist"`: {0, 0.5, 0}, `title:"examples"`: {0, 0.5, 0}, `title:"tips"`: {0, 0.5, 0},
	"url:/blog": {0, 0.5, 0}, "url:/guides": {0, 0.5, 0}, "url:/learn": {0, 0.5, 0}, "url:/glossary": {0, 1, 0},
	"url:/case-studies": {0, 1, 0}, "url:/customers": {0, 0.5, 0}, "url:/stories": {0, 0.5, 0},
	"url:/templates": {0, 0.5, 0}, "url:/how-to": {0, 1, 0},
	"thin:<150 words": {0, 0, 0.5}, "url:deep-dive": {0.7, 0, 0}, "url:/partners": {0.5, 0, 0},
	"url:/review": {0.7, 0, 0}, "url:/work": {0, 0.5, 0}, "url:/case-study": {0, 1, 0}, "url:/success-stories": {0, 1, 0},
	"title:trouble": {0, 0.5, 0}, `title:"calculator"`: {0, 1, 0}, "url:/troubleshooting": {0, 1, 0},
	"url:pagination": {0, 0, 2}, "url:section index": {0, 0, 1.5},
	"schema:AboutPage": {0, 0, 2}, "schema:ContactPage": {0, 0, 2}, "schema:Review": {1, 0, 0},
	"schema:CollectionPage": {0, 0, 1},
	"url:/faq":              {0, 0, 0.5}, "url:/stores": {0, 0, 1.5}, "url:/locations": {0, 0, 1.5},
	"url:/shipping": {0, 0, 1.5}, "url:/delivery": {0, 0, 1.5}, "url:/returns": {0, 0, 1.5},
	"url:/delivery-returns": {0, 0, 1.5},
	"url:/whitepapers":      {1, 0, 0}, `title:"whitepaper"`: {1, 0, 0}, "url:/changelog": {1, 0, 0},
	"url:/api": {0.5, 0, 0}, "url:/docs": {0.3, 0, 0},
	"text:not found": {0, 0, 1.5}, `title:"specs"`: {0.5, 0, 0}, `title:"compare"`: {0.5, 0, 0},
}

// subtypePriors are hand-set log-odds a page signal adds to one subtype's
// score: the page templates whose subtype is plain from the outside.
var subtypePriors = map[string]struct {
	sub string
	v   float64
}{
	"url:/pricing": {"pricing", 2}, "url:/plans": {"pricing", 1.5}, `title:"pricing"`: {"pricing", 1.5},
	"url:/integrations": {"integration", 2}, "url:/integration": {"integration", 2}, "url:/marketplace": {"integration", 1}, "url:/apps": {"integration", 1},
	"url:/features": {"feature", 2.5}, "url:/feature": {"feature", 2.5},
	`title:"vs"`: {"comparison", 2}, `title:"best"-list`: {"comparison", 1.5}, `title:"versus"`: {"comparison", 2}, `title:"alternatives"`: {"comparison", 2},
	"url:/compare": {"comparison", 1.5}, "url:/vs": {"comparison", 1.5}, "url:/alternatives": {"comparison", 1.5},
	`title:"review"`: {"review", 1}, "url:/reviews": {"review", 1},
	"url:/whitepapers": {"deep-dive", 1.5}, "url:/demo": {"deep-dive", 1}, `title:"whitepaper"`: {"deep-dive", 1.5},
	"url:/api": {"deep-dive", 1}, "url:/changelog": {"feature", 1},
	"schema:HowTo": {"how-to", 1.5}, `title:"how to"`: {"how-to", 1}, "headings:numbered steps": {"how-to", 0.5},
	"url:/glossary": {"explainer", 1.5}, `title:"what is"`: {"explainer", 1},
	`title:"template"`: {"template", 1.5}, `title:"templates"`: {"template", 1.5}, `title:"checklist"`: {"template", 1.5}, "url:/templates": {"template", 1.5},
	`title:"examples"`: {"tips", 1}, `title:"tips"`: {"tips", 1},
	"url:/case-studies": {"case-study", 2}, "url:/customers": {"case-study", 1}, "url:/stories": {"case-study", 1}, `title:"case"`: {"case-study", 0.5},
	"url:/reports": {"report", 1.5}, "url:/research": {"report", 1}, `title:"report"`: {"report", 1.5},
	"url:/news": {"news", 1}, "url:/press": {"company", 2},
	"title:announcement": {"news", 1.5}, `title:"calculator"`: {"template", 1.5}, "title:trouble": {"troubleshooting", 1.5},
	"url:/partners": {"integration", 1.5}, "url:/review": {"review", 1.5}, "url:/work": {"case-study", 1.5},
	"url:/case-study": {"case-study", 2}, "url:/success-stories": {"case-study", 2},
	`title:"guide"`: {"guide", 1.5}, "url:/guides": {"guide", 0.5}, "long-form": {"guide", 1},
	"url:/accessibility": {"legal", 2}, "url:/privacy": {"legal", 2}, "url:/terms": {"legal", 2}, "url:/legal": {"legal", 2}, "url:/cookies": {"legal", 2},
	`title:"privacy"`: {"legal", 1}, `title:"terms"`: {"legal", 1},
	"url:/careers": {"company", 2}, "url:/jobs": {"company", 2}, "url:/about": {"company", 2}, "url:/team": {"company", 1.5},
	"url:/contact": {"company", 2}, `title:"careers"`: {"company", 1}, `title:"about"`: {"company", 1}, `title:"contact"`: {"company", 1},
	"url:/tag": {"archive", 2}, "url:/tags": {"archive", 2}, "url:/category": {"archive", 2}, "url:/categories": {"archive", 2},
	"url:/author": {"archive", 2}, "url:/search": {"archive", 2}, "url:/page": {"archive", 1},
	"url:/login": {"navigational", 1.5}, `title:"login"`: {"navigational", 1},
	"url:pagination": {"archive", 2}, "url:section index": {"archive", 2.5},
	"schema:AboutPage": {"company", 2}, "schema:ContactPage": {"company", 2}, "schema:Review": {"review", 1.5},
	"schema:CollectionPage": {"archive", 1},
	"url:/stores":           {"company", 1}, "url:/locations": {"company", 1},
	`title:"not found"`: {"error", 3}, "text:not found": {"error", 2},
	`title:"specs"`: {"deep-dive", 1}, `title:"compare"`: {"comparison", 1}, "url:/how-to": {"how-to", 1}, "url:deep-dive": {"deep-dive", 1.5}, "title:numbered list": {"tips", 1}, "url:/troubleshooting": {"troubleshooting", 2},
}

// PageOffsets returns a page's fixed log-odds offsets for the intent,
// subtype and stage heads, in the classes' order: the rule priors above plus
// the keyword model's log-probabilities for the page's title, which carry
// what 1,000 labelled keywords taught about phrasing to heads trained on a
// few hundred pages.
func PageOffsets(x *Vector, subtypeClasses []string) (intent, subtype, stage []float64) {
	intent = PagePrior(x)
	subtype = make([]float64, len(subtypeClasses))
	stage = make([]float64, 3)
	for _, s := range x.Signals() {
		if p, ok := subtypePriors[s]; ok {
			for i, c := range subtypeClasses {
				if c == p.sub {
					subtype[i] += p.v
				}
			}
		}
	}
	if tp := x.titleProbs[1]; len(tp) == len(subtype) {
		for i := range subtype {
			subtype[i] += titleWeight * math.Log(math.Max(tp[i], 1e-3))
		}
	}
	if tp := x.titleProbs[2]; len(tp) == len(stage) {
		for i := range stage {
			stage[i] += titleWeight * math.Log(math.Max(tp[i], 1e-3))
		}
	}
	return intent, subtype, stage
}

// titleWeight scales the keyword model's log-probabilities in PageOffsets.
const titleWeight = 0.5

// PagePrior returns the intent log-odds offsets for a page's signals, in
// the order product, problem, other. Price signals ("prices:N") add to
// product.
func PagePrior(x *Vector) []float64 {
	out := make([]float64, 3)
	for _, s := range x.Signals() {
		p, ok := pagePriors[s]
		if !ok && len(s) > 7 && s[:7] == "prices:" {
			p, ok = [3]float64{0.7, 0, 0}, true
		}
		if ok {
			for i := range out {
				out[i] += p[i]
			}
		}
	}
	return out
}
