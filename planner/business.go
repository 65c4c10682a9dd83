package planner

import (
	"bytes"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"github.com/seoplan/seoplan"
)

// businessKind is what the site sells, as the crawl shows it. It decides
// the words of the plan (what a product page is measured by, what a how-to
// shows, what a brief asks the reader to do), never the mix the plan aims
// for: that is --profile's.
type businessKind int

const (
	// businessOther is a site that is neither: a publisher, a service
	// business, a charity. The plan speaks of conversions in general.
	businessOther businessKind = iota
	// businessShop sells goods online: product pages marked up as such.
	businessShop
	// businessSoftware sells software: pages marked up as applications,
	// pricing plans, integrations, free trials and demos.
	businessSoftware
)

func (k businessKind) String() string {
	switch k {
	case businessShop:
		return "online shop"
	case businessSoftware:
		return "software company"
	}
	return "neither a shop nor a software company"
}

// business is the detected kind with the evidence a reader can check.
type business struct {
	kind     businessKind
	evidence string // "17 product pages with Product markup, 17 with a price; …"
}

// minBusinessPages is how many pages, and one in how many of the site's
// HTML pages, must carry a kind's signals before the plan is worded for it:
// one product widget or one "book a demo" does not make a shop or a
// software company.
const (
	minBusinessPages = 3
	businessShare    = 20
)

var priceRE = regexp.MustCompile(`[£$€¥]\s?\d|\d\s?(?:€|EUR|GBP|USD)\b`)

// priceMarks are the strings a match of priceRE holds one of: a text
// without any has no price, which is much quicker to tell than by the
// expression (it took a sixth of a 10,000-page second plan's time).
var priceMarks = []string{"$", "£", "€", "¥", "EUR", "GBP", "USD"}

func mayHavePrice(text string) bool {
	return slices.ContainsFunc(priceMarks, func(m string) bool { return strings.Contains(text, m) })
}

// hasPrice reports whether text holds a price (priceRE).
func hasPrice(text string) bool { return mayHavePrice(text) && priceRE.MatchString(text) }

// findPrice returns the first price in text, or "".
func findPrice(text string) string {
	if !mayHavePrice(text) {
		return ""
	}
	return priceRE.FindString(text)
}

// detectBusiness recognises the business model from the crawl itself, by
// counting pages:
//
//   - product pages: schema.org Product, ProductGroup, Offer or
//     AggregateOffer, or og:type product;
//   - software pages: schema.org SoftwareApplication, WebApplication or
//     MobileApplication, pricing and integration pages (by label or by a
//     word of their URL: /pricing/, /docs/ghost-integration/), pages on
//     the customer's own subscription, plan and invoices (a SaaS help
//     centre's billing pages), and pages whose text offers a free trial, a
//     free plan, a free account or a demo;
//   - product documentation: pages in a docs folder (/docs, /documentation,
//     /reference …) that install or set something up and pages that
//     document an API, a CLI, an SDK or a configuration. A site that tells
//     its readers how to install its product and how to drive it is a
//     software business, open source or not, even when no page carries
//     markup or a price: real SaaS and open-source-plus-cloud sites rarely
//     mark their pages up as applications.
//
// A kind needs minBusinessPages pages and one page in businessShare of the
// site; when both qualify the kind with more pages wins (a shop's one "try
// our app" page does not make it a software company, nor a SaaS site's one
// Product snippet a shop). Documentation that both installs and documents
// the product is enough for software on its own, unless the site is a
// shop. Neither qualifying means a publisher or service business, worded
// neutrally. Prices and basket or checkout links are only evidence to
// show: a pricing page has prices and a site menu may link a basket on
// every page.
func detectBusiness(html []*page, links *Links) business {
	basketURL := make([]bool, len(links.urls)) // by URL number: a basket or checkout page
	for id, u := range links.urls {
		basketURL[id] = isBasket(u)
	}
	var product, priced, software, appMarkup, pricing, integration, trial, basket int
	var docs, install, reference, billing int
	for _, p := range html {
		pg := p.lp.Page
		if hasType(pg.SchemaTypes, "Product", "ProductGroup", "Offer", "AggregateOffer") || strings.EqualFold(pg.OGType, "product") {
			product++
			if hasPrice(pg.MainText) {
				priced++
			}
		}
		soft := false
		if hasType(pg.SchemaTypes, "SoftwareApplication", "WebApplication", "MobileApplication") {
			appMarkup++
			soft = true
		}
		segs := pathSegments(p.url)
		words := pathWords(segs)
		switch {
		case p.label.Subtype == seoplan.SubtypePricing || words["pricing"] || words["plans"]:
			pricing++
			soft = true
		case p.label.Subtype == seoplan.SubtypeIntegration || words["integration"] || words["integrations"]:
			integration++
			soft = true
		case billingPage(words, pg.Title):
			billing++
			soft = true
		}
		if offersTrial(pg.MainText) {
			trial++
			soft = true
		}
		if soft {
			software++
		}
		if slices.ContainsFunc(p.links, func(id int32) bool { return basketURL[id] }) {
			basket++
		}
		if isDocs(segs) {
			docs++
			what := strings.ToLower(pg.Title + " " + strings.Join(segs, " "))
			if installRE.MatchString(what) {
				install++
			}
			if referenceRE.MatchString(what) {
				reference++
			}
		}
	}
	n := len(html)
	enough := func(k int) bool { return k >= minBusinessPages && businessShare*k >= n }
	documented := docs >= minBusinessPages && install > 0 && reference > 0
	switch {
	case enough(product) && product >= software:
		ev := fmt.Sprintf("%d of %d pages are product pages with Product markup", product, n)
		if priced > 0 {
			ev += fmt.Sprintf(", %d of them with a price", priced)
		}
		if basket == n {
			ev += "; every page links to the basket or checkout"
		} else if basket > 0 {
			ev += fmt.Sprintf("; %d %s link to the basket or checkout", basket, plural(basket, "page", "pages"))
		}
		return business{businessShop, ev}
	case enough(software) || documented:
		var parts []string
		if appMarkup > 0 {
			parts = append(parts, fmt.Sprintf("%d marked up as a software application", appMarkup))
		}
		if trial > 0 {
			parts = append(parts, fmt.Sprintf("%d offer a free trial, a free plan or a demo", trial))
		}
		if pricing > 0 {
			parts = append(parts, fmt.Sprintf("%d pricing %s", pricing, plural(pricing, "page", "pages")))
		}
		if integration > 0 {
			parts = append(parts, fmt.Sprintf("%d integration %s", integration, plural(integration, "page", "pages")))
		}
		if billing > 0 {
			parts = append(parts, fmt.Sprintf("%d on %s subscription and billing", billing, plural(billing, "its", "their")))
		}
		ev := fmt.Sprintf("%d of %d pages show software signals", software, n)
		if len(parts) > 0 {
			ev += ": " + strings.Join(parts, ", ")
		}
		if documented {
			ev += fmt.Sprintf("; %d documentation pages, %d of them installing or setting up the product and %d on its API, CLI or configuration",
				docs, install, reference)
		}
		return business{businessSoftware, ev}
	}
	return business{businessOther, fmt.Sprintf("%d of %d pages carry product markup and %d sell software with pricing plans, trials, demos or integrations, too few for either", product, n, software)}
}

// pathWords are the words of a URL's folders and name: "/docs/ghost-integration/"
// → docs, ghost, integration.
func pathWords(segs []string) map[string]bool {
	out := make(map[string]bool, 2*len(segs))
	for _, s := range segs {
		for _, w := range strings.FieldsFunc(s, func(r rune) bool { return r == '-' || r == '_' || r == '.' }) {
			out[w] = true
		}
	}
	return out
}

// billingWords name what only a business that bills its users for a
// subscription writes about: a help page on changing a plan, downloading
// invoices or moving from a trial to a paid plan.
var billingWords = map[string]bool{"billing": true, "subscription": true, "subscriptions": true, "invoice": true, "invoices": true, "upgrade": true, "downgrade": true}

// billingPage reports whether a page, by its URL's words or its title, is
// about the site's own subscriptions and bills.
func billingPage(words map[string]bool, title string) bool {
	for w := range billingWords {
		if words[w] {
			return true
		}
	}
	for _, w := range strings.FieldsFunc(strings.ToLower(title), notWordRune) {
		if billingWords[w] {
			return true
		}
	}
	return false
}

// Documentation pages that install the product, and ones that document how
// to drive it, by their title and URL.
var (
	installRE   = regexp.MustCompile(`\binstall|\bset(ting)?[ -]?up\b|getting[ _-]started|quick[ _-]?start|first[ _-]steps|self[ -]host|\bdeploy`)
	referenceRE = regexp.MustCompile(`\bapi\b|\bcli\b|\bsdks?\b|reference|configur|command`)
)

// docsFolders are the first folders of a URL path that hold documentation.
var docsFolders = map[string]bool{
	"docs": true, "doc": true, "documentation": true, "reference": true, "manual": true,
	"handbook": true, "api": true, "developers": true, "developer": true,
}

// isDocs reports whether a URL path, split into folders, is documentation;
// a leading language folder ("/en/documentation/…") is skipped.
func isDocs(segs []string) bool {
	if len(segs) > 1 && langFolder(segs[0]) {
		segs = segs[1:]
	}
	return len(segs) > 0 && docsFolders[segs[0]]
}

// langFolder reports whether a folder names a language: "en", "pt-br", "zh_CN".
func langFolder(s string) bool {
	if len(s) != 2 && len(s) != 5 {
		return false
	}
	for i, r := range s {
		if i == 2 && (r == '-' || r == '_') {
			continue
		}
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

// pathSegments are the lower-case folders and name of a URL's path.
func pathSegments(u string) []string {
	pu, err := url.Parse(u)
	if err != nil {
		return nil
	}
	var out []string
	for _, s := range strings.Split(strings.ToLower(pu.Path), "/") {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

func hasType(types []string, want ...string) bool {
	return slices.ContainsFunc(types, func(t string) bool {
		for _, w := range want {
			if strings.EqualFold(t, w) {
				return true
			}
		}
		return false
	})
}

// trialWords are the calls to action of a software business: a trial, a
// free plan or account to sign up for, a demo to book.
var trialWords = []string{"free trial", "start a trial", "start your trial", "try it free", "try for free", "try it for free",
	"book a demo", "request a demo", "get a demo", "schedule a demo",
	"sign up for free", "sign up free", "free account", "start for free", "get started for free", "get started free",
	"free plan", "free tier"}

func offersTrial(text string) bool {
	return trialWord(text, nil) != ""
}

// firstTrialWord returns the first of trialWords that low, a lower-case
// text, holds, or "" (trialWord lowers the text). Every one of them names a trial, a demo or something
// free: most pages hold none of the three, and are done with in three
// searches, and a page that names one is searched only for the calls to
// action that name what it holds rather than for all of them.
func firstTrialWord(low []byte) string {
	free, trial, demo := bytes.Contains(low, []byte("free")), bytes.Contains(low, []byte("trial")), bytes.Contains(low, []byte("demo"))
	if !free && !trial && !demo {
		return ""
	}
	for _, w := range trialWords {
		if (!free && strings.Contains(w, "free")) || (!trial && strings.Contains(w, "trial")) || (!demo && strings.Contains(w, "demo")) {
			continue
		}
		if bytes.Contains(low, []byte(w)) {
			return w
		}
	}
	return ""
}

// isBasket reports whether u is a basket, cart or checkout page.
func isBasket(u string) bool {
	pu, err := url.Parse(u)
	if err != nil {
		return false
	}
	for _, seg := range strings.Split(strings.ToLower(pu.Path), "/") {
		switch seg {
		case "cart", "basket", "checkout", "bag":
			return true
		}
	}
	return false
}

// export is the plan's record of the business.
func (b business) export() seoplan.Business {
	kind := map[businessKind]string{businessShop: "shop", businessSoftware: "software"}[b.kind]
	if kind == "" {
		kind = "other"
	}
	return seoplan.Business{Kind: kind, Summary: b.summary()}
}

// summary is the sentence the roadmap's business line shows.
func (b business) summary() string {
	if b.kind == businessOther {
		return "Neither an online shop nor a software company, judging by the crawl: " + b.evidence + "; the plan speaks of conversions in general."
	}
	return sentence(b.kind.String()) + ", judging by the crawl: " + b.evidence + "."
}
