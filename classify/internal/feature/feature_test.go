package feature

import (
	"slices"
	"testing"

	"github.com/seoplan/seoplan"
)

func TestWords(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Best CRM software, 2025!", []string{"best", "crm", "software", "2025"}},
		{"bill.com vs H&M's app", []string{"bill.com", "vs", "h&m", "app"}},
		{"c++ and c# tutorials", []string{"c++", "and", "c#", "tutorials"}},
		{"Pebble & Pine", []string{"pebble", "and", "pine"}},
		{"  ", nil},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := Words(tt.in); !slices.Equal(got, tt.want) && !(len(got) == 0 && len(tt.want) == 0) {
				t.Errorf("Words(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestFindBrands(t *testing.T) {
	site := &Site{Own: map[string]bool{"acmedesk": true}, Rivals: map[string]bool{"zendesk": true}}
	tests := []struct {
		kw   string
		want []string // "start-end:how"
	}{
		{"acmedesk sso", []string{"acmedesk:site"}},
		{"zendesk alternatives", []string{"zendesk:rival"}},
		{"google sheets budget template", []string{"google sheets:list"}},
		{"zorblix login", []string{"zorblix:pattern(x login)"}},
		{"frobnic vs quuxly", []string{"frobnic:pattern(x vs y)", "quuxly:pattern(x vs y)"}},
		{"crm pricing", nil},
		{"how to reduce churn", nil},
	}
	for _, tt := range tests {
		t.Run(tt.kw, func(t *testing.T) {
			words := Words(tt.kw)
			var got []string
			for _, s := range findBrands(words, site) {
				got = append(got, joinWords(words[s.start:s.end])+":"+s.how)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("findBrands(%q) = %q, want %q", tt.kw, got, tt.want)
			}
		})
	}
}

func joinWords(w []string) string {
	out := ""
	for i, x := range w {
		if i > 0 {
			out += " "
		}
		out += x
	}
	return out
}

func TestTitleSiteName(t *testing.T) {
	tests := []struct{ title, strip, site string }{
		{"Pricing | Acmedesk", "Pricing", "Acmedesk"},
		{"Acmedesk - The help desk for small teams", "The help desk for small teams", "Acmedesk"},
		{"How to reduce churn", "How to reduce churn", ""},
	}
	for _, tt := range tests {
		t.Run(tt.title, func(t *testing.T) {
			if got := StripSiteName(tt.title); got != tt.strip {
				t.Errorf("StripSiteName = %q, want %q", got, tt.strip)
			}
			if got := SiteNameOf(tt.title); got != tt.site {
				t.Errorf("SiteNameOf = %q, want %q", got, tt.site)
			}
		})
	}
}

func TestLearnSite(t *testing.T) {
	pages := []seoplan.Page{
		{Fetch: seoplan.Fetch{URL: "https://www.acmedesk.example/"}, Content: seoplan.Content{Title: "Acmedesk | Help desk", OGSiteName: "Acmedesk"}},
		{Fetch: seoplan.Fetch{URL: "https://www.acmedesk.example/pricing"}, Content: seoplan.Content{Title: "Pricing | Acmedesk"}},
		{Fetch: seoplan.Fetch{URL: "https://www.acmedesk.example/compare/freshdesk"}, Content: seoplan.Content{Title: "Acmedesk vs Freshdesk | Acmedesk"}},
		{Fetch: seoplan.Fetch{URL: "https://www.acmedesk.example/alternatives/help-scout"}, Content: seoplan.Content{Title: "Help Scout alternative | Acmedesk"}},
	}
	own, rivals := LearnSite(pages).Names()
	if !slices.Equal(own, []string{"acmedesk"}) {
		t.Errorf("own = %q", own)
	}
	if !slices.Equal(rivals, []string{"freshdesk", "help scout"}) {
		t.Errorf("rivals = %q", rivals)
	}
}

func TestPageSignals(t *testing.T) {
	p := &seoplan.Page{
		Fetch: seoplan.Fetch{
			URL:    "https://acmedesk.example/resources/set-up-sla",
			Status: 200,
		},
		Content: seoplan.Content{
			Title:       "How to set up an SLA | Acmedesk",
			Headings:    []seoplan.Heading{{Level: 2, Text: "Step 1: Define targets"}, {Level: 2, Text: "Step 2: Add rules"}},
			SchemaTypes: []string{"https://schema.org/HowTo"},
			MainText:    "Plans from $29/month per user. Start free trial today.",
			Links:       []seoplan.Link{{Text: "Book a demo"}},
		},
	}
	x := Page(p, "en", nil, nil)
	for _, s := range []string{"url:/resources", `title:"how to"`, "headings:numbered steps", "schema:HowTo", "cta:book a demo", "prices:1", "thin:<150 words"} {
		if !slices.Contains(x.Signals(), s) {
			t.Errorf("signals %q lack %q", x.Signals(), s)
		}
	}
}

func TestLang(t *testing.T) {
	tests := []struct {
		declared, title, text, want string
		detected                    bool
	}{
		{"de-DE", "", "", "de", false},
		{"", "Comment réduire le taux d'attrition", "Le taux d'attrition mesure la part des clients qui partent chaque mois, et voici comment le réduire avec des méthodes simples et éprouvées.", "fr", true},
		{"", "", "", "en", false},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			got, det := Lang(tt.declared, tt.title, tt.text)
			if got != tt.want || det != tt.detected {
				t.Errorf("Lang = %s,%v want %s,%v", got, det, tt.want, tt.detected)
			}
		})
	}
}

func TestRatings(t *testing.T) {
	for _, tt := range []struct {
		text string
		want int
	}{
		{"rated 4.7 out of 5 and 9/10 by testers", 2},
		{"4 von 5 sternen, 3,5 sur 5", 2},
		{"in 2026/10 we sold 12/5 of the stock", 0},
		{"five stars. a 4-star hotel", 2},
		{"★★★★☆", 4},
		{"4 de 5 y 8 de 10", 2},
	} {
		if got := ratings(tt.text, 8); got != tt.want {
			t.Errorf("ratings(%q) = %d, want %d", tt.text, got, tt.want)
		}
	}
}

// TestNavigationShape: web addresses and search operators are queries that
// go somewhere; dotted names and queries about a site are not.
func TestNavigationShape(t *testing.T) {
	for _, tt := range []struct{ kw, want string }{
		{"eventim.co.uk", "query:web address"},
		{"eventim-light.com", "query:web address"},
		{"https://www.dice.fm/", "query:web address"},
		{"www.relaydesk.example.com/pricing", "query:web address"},
		{"site:chobble.com", "query:search operator"},
		{"intitle:pricing help desk", "query:search operator"},
		{"dice.fm charge", ""},     // a question about the site, labelled by its words
		{"node.js", ""},            // a dotted name, no web address
		{"3.95% fee", ""},          // a number
		{"site: reliability", ""},  // an operator with nothing after it
		{"help desk software", ""}, // words
		{"e.g.", ""},
	} {
		if got := navigationShape(tt.kw); got != tt.want {
			t.Errorf("navigationShape(%q) = %q, want %q", tt.kw, got, tt.want)
		}
	}
	if l, ok := KeywordRule("eventim.co.uk"); !ok || l.Intent != seoplan.IntentOther || l.Subtype != seoplan.SubtypeNavigational || l.Stage != seoplan.StageNone || len(l.Signals) == 0 {
		t.Errorf("KeywordRule(a web address) = %+v, %v", l, ok)
	}
	if _, ok := KeywordRule("help desk software"); ok {
		t.Error("a plain keyword has a rule label")
	}
}
