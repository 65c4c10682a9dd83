package planner

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"maps"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unsafe"

	"github.com/seoplan/seoplan"
)

func TestSlimText(t *testing.T) {
	long := strings.Repeat("word ", textWords+50)
	tests := []struct {
		name, text string
		price      bool
		trial      bool
	}{
		{"short", "Plans from $9 a month. Start a free trial.", true, true},
		{"long, nothing", long, false, false},
		{"long, price and trial further on", long + "Plans from $9 a month. Start your trial today.", true, true},
		{"long, price up front", "Only €12. " + long + " Book a demo.", true, true},
		{"long, a hyphen no price", long + "9-EUR", false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := slimText(tt.text, nil)
			if len(got) > 40 {
				t.Errorf("slimmed to %d bytes: %q", len(got), got)
			}
			if p := priceRE.MatchString(got); p != tt.price || priceRE.MatchString(tt.text) != tt.price {
				t.Errorf("price in slimmed text %v, in text %v; want %v", p, priceRE.MatchString(tt.text), tt.price)
			}
			if tr := offersTrial(got); tr != tt.trial || offersTrial(tt.text) != tt.trial {
				t.Errorf("trial in slimmed text %v, in text %v; want %v", tr, offersTrial(tt.text), tt.trial)
			}
			if again := slimText(got, nil); again != got {
				t.Errorf("slimmed again: %q, was %q", again, got)
			}
		})
	}
}

// TestOpenings checks that the opening a Slimmer records counts the words
// pageTerms reads of a text, the first textWords: stop words, numbers
// and words of one letter left out, a text of fewer words whole, and a
// word met again on another page under the same number.
func TestOpenings(t *testing.T) {
	long := strings.Repeat("Tracking funnels, 42 events and a retention chart; ", textWords/4) + "unread tail words"
	texts := []string{"", "Funnels track the funnel: events, events!", long, "Retention is a chart of funnels \xff in café  crème", "1 2 3 a I"}
	o := newOpenings()
	for i, text := range texts {
		url := "https://example.com/" + strconv.Itoa(i)
		o.add(url, text)
		want := map[string]int{}
		for _, w := range newStemmer().words(text, textWords) {
			want[w]++
		}
		b, ok := o.of(url)
		if !ok {
			t.Fatalf("%q: no opening recorded", text)
		}
		got := map[string]int{}
		o.eachCount(b, func(w string, n int) { got[w] += n })
		if !maps.Equal(got, want) {
			t.Errorf("%q: opening %v, want %v", text, got, want)
		}
	}
	if _, ok := o.of("https://example.com/none"); ok {
		t.Errorf("an opening for a page never slimmed")
	}
}

// TestEachWord: eachWord cuts a text as strings.FieldsFunc does.
func TestEachWord(t *testing.T) {
	for _, text := range []string{"", " ", "one", "  two words  ", "a-b_c", "\xffbad\xfe utf8", "naïve café, 12.5%", "end."} {
		var got []string
		eachWord(text, 0, func(w string) { got = append(got, w) })
		if want := strings.FieldsFunc(text, notWordRune); !slices.Equal(got, want) {
			t.Errorf("eachWord(%q) = %q, want %q", text, got, want)
		}
		got = got[:0]
		eachWord(text, 1, func(w string) { got = append(got, w) })
		if want := strings.FieldsFunc(text, notWordRune); len(want) > 1 && !slices.Equal(got, want[:1]) {
			t.Errorf("eachWord(%q, 1) = %q, want %q", text, got, want[:1])
		}
	}
}

// TestSlimPlansTheSame: a plan of slimmed pages is the plan of the pages.
func TestSlimPlansTheSame(t *testing.T) {
	pages := fixture()
	// Long texts with the evidence business looks for past the words read.
	for i := range pages {
		pages[i].Page.MainText += " " + strings.Repeat("filler text ", textWords) + "From $29 a month, try it free."
		pages[i].Page.Links = append(pages[i].Page.Links, seoplan.Link{URL: "https://elsewhere.example/", Text: "out"})
	}
	want := planJSON(t, plan(t, pages))
	// As seoplan slims them: when stored labels are read, before the
	// label is known, and then again once it is.
	for _, labeled := range []string{"labelled", "unlabelled", "labelled later"} {
		slimmed := append([]seoplan.LabeledPage(nil), pages...)
		sl := NewSlimmer()
		for i := range slimmed {
			slimmed[i].Page.Links = append([]seoplan.Link(nil), slimmed[i].Page.Links...)
			if labeled != "labelled" {
				sl.Slim(&slimmed[i].Page)
			}
			if labeled != "unlabelled" {
				sl.SlimLabeled(&slimmed[i])
			}
		}
		for i := range slimmed {
			if slimmed[i].Page.Links != nil {
				t.Fatalf("%s kept its links after slimming", slimmed[i].Page.URL)
			}
		}
		got, err := Plan(context.Background(), Input{Site: origin + "/", Pages: slimmed, Slimmed: sl}, WithStart(start))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(planJSON(t, got), want) {
			t.Errorf("the plan of slimmed pages (%s) differs from the plan of the pages", labeled)
		}
		// The plan took the openings: a second plan would cluster
		// without them, so it is refused.
		if _, err := Plan(context.Background(), Input{Site: origin + "/", Pages: slimmed, Slimmed: sl}, WithStart(start)); !errors.Is(err, errSlimmerUsed) {
			t.Errorf("a second plan with the same Slimmer (%s): %v, want errSlimmerUsed", labeled, err)
		}
	}
}

func planJSON(t *testing.T, p *seoplan.Plan) []byte {
	t.Helper()
	b, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestHasPrice: the quick test for a price agrees with the expression.
func TestHasPrice(t *testing.T) {
	for _, text := range []string{"", "no price here", "$9", "from $ 9 a month", "9 EUR", "9EUR", "12 €", "£12", "¥500",
		"USD", "$", "costs 9 dollars", "9 USDC", "€ 5", "5 GBP.", "EURO 5", "price: 5 eur"} {
		if got, want := hasPrice(text), priceRE.MatchString(text); got != want {
			t.Errorf("hasPrice(%q) = %v, want %v", text, got, want)
		}
		if got, want := findPrice(text), priceRE.FindString(text); got != want {
			t.Errorf("findPrice(%q) = %q, want %q", text, got, want)
		}
	}
}

// TestFirstTrialWord checks that the words firstTrialWord searches for
// first let every one of trialWords through, as it needs: each is found
// alone in a text, and the first of the list is found in a text of all.
func TestFirstTrialWord(t *testing.T) {
	for _, w := range trialWords {
		if got := trialWord("Pricing. "+strings.ToUpper(w)+" today", nil); got != w {
			t.Errorf("trialWord with %q = %q", w, got)
		}
	}
	if got := trialWord(strings.Join(trialWords, ". "), nil); got != trialWords[0] {
		t.Errorf("trialWord of all = %q, want %q", got, trialWords[0])
	}
	for _, text := range []string{"pay monthly", "free shipping", "a trial run", "demos"} {
		if offersTrial(text) {
			t.Errorf("offersTrial(%q) = true", text)
		}
	}
}

// TestTrialWordLowers checks that trialWord, which lowers ASCII alone into
// a reused buffer, finds what a search of strings.ToLower's text finds,
// on texts with runes that lower into ASCII (İ, the Kelvin sign), other
// letters, invalid UTF-8 and one scratch buffer for all of them.
func TestTrialWordLowers(t *testing.T) {
	var buf []byte
	for _, text := range []string{"FREE TRIAL", "Start A Trİal", "BOO\u212a A DEMO", "Ünïcödé: free plan", "fr\xffee tier",
		"Free\u00a0trial", "ÀÉÎ try it free", "no offer here", "ᏴᎪᎠ free account", ""} {
		want := firstTrialWord([]byte(strings.ToLower(text)))
		if got := trialWord(text, &buf); got != want {
			t.Errorf("trialWord(%q) = %q, want %q", text, got, want)
		}
	}
	for r := rune(0x80); r <= unicode.MaxRune; r++ {
		if l := unicode.ToLower(r); l < 0x80 && r != '\u0130' && r != '\u212a' {
			t.Errorf("%U lowers to ASCII %q: lowerASCII must fall back for it", r, l)
		}
	}
}

// TestSlimShares: pages slimmed keep the values of the fields a Slimmer
// shares, one copy of each, and an append to a page's shared schema types
// leaves the other pages' alone.
func TestSlimShares(t *testing.T) {
	sl := NewSlimmer()
	var pages []seoplan.Page
	for _, u := range []string{"https://example.com/a", "https://example.com/b"} {
		p := seoplan.Page{Fetch: seoplan.Fetch{URL: u, ContentType: strings.Clone("text/html; charset=utf-8")},
			Content: seoplan.Content{Lang: strings.Clone("en"), Canonical: strings.Clone(u), SchemaTypes: []string{"Article", "BreadcrumbList"}}}
		// Room past its end, as a decoder's slice has.
		p.SchemaTypes = append(p.SchemaTypes[:2:2], "spare")[:2]
		sl.Slim(&p)
		pages = append(pages, p)
	}
	a, b := pages[0], pages[1]
	if a.ContentType != "text/html; charset=utf-8" || a.Lang != "en" || a.Canonical != a.URL || !slices.Equal(a.SchemaTypes, []string{"Article", "BreadcrumbList"}) {
		t.Fatalf("slimming changed the values: %+v", a)
	}
	if unsafe.StringData(a.ContentType) != unsafe.StringData(b.ContentType) || &a.SchemaTypes[0] != &b.SchemaTypes[0] {
		t.Errorf("two pages of one content type and schema types keep a copy each")
	}
	grown := append(a.SchemaTypes, "Product")
	if grown[2] != "Product" || cap(b.SchemaTypes) != 2 || slices.Contains(b.SchemaTypes[:cap(b.SchemaTypes)], "Product") {
		t.Errorf("an append to one page's schema types reached the other's: %v (cap %d)", b.SchemaTypes, cap(b.SchemaTypes))
	}
}
