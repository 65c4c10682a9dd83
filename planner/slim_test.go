package planner

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/seoplan/seoplan"
)

func TestSlimText(t *testing.T) {
	long := strings.Repeat("word ", textWords+50)
	tests := []struct {
		name, text string
		price      bool
		trial      bool
	}{
		{"short, kept whole", "Plans from $9 a month. Start a free trial.", true, true},
		{"long, nothing further on", long, false, false},
		{"long, price and trial further on", long + "Plans from $9 a month. Start your trial today.", true, true},
		{"long, price up front", "Only €12. " + long + " Book a demo.", true, true},
		{"long, a hyphen no price", long + "9-EUR", false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := slimText(tt.text, textWords)
			if len(tt.text) < 200 && got != tt.text {
				t.Errorf("short text changed: %q", got)
			}
			if p := priceRE.MatchString(got); p != tt.price || priceRE.MatchString(tt.text) != tt.price {
				t.Errorf("price in slimmed text %v, in text %v; want %v", p, priceRE.MatchString(tt.text), tt.price)
			}
			if tr := offersTrial(got); tr != tt.trial || offersTrial(tt.text) != tt.trial {
				t.Errorf("trial in slimmed text %v, in text %v; want %v", tr, offersTrial(tt.text), tt.trial)
			}
			st := newStemmer()
			if a, b := st.words(got, textWords), st.words(tt.text, textWords); strings.Join(a, " ") != strings.Join(b, " ") {
				t.Errorf("the words similarity reads differ:\n%v\n%v", a, b)
			}
		})
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
	for _, labeled := range []bool{false, true} {
		slimmed := append([]seoplan.LabeledPage(nil), pages...)
		sl := NewSlimmer()
		for i := range slimmed {
			slimmed[i].Page.Links = append([]seoplan.Link(nil), slimmed[i].Page.Links...)
			if labeled {
				sl.SlimLabeled(&slimmed[i])
			} else {
				sl.Slim(&slimmed[i].Page)
			}
		}
		for i := range slimmed {
			if slimmed[i].Page.Links != nil {
				t.Fatalf("%s kept its links after slimming", slimmed[i].Page.URL)
			}
		}
		got, err := Plan(context.Background(), Input{Site: origin + "/", Pages: slimmed, Links: sl.Links()}, WithStart(start))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(planJSON(t, got), want) {
			t.Errorf("the plan of slimmed pages (labelled %v) differs from the plan of the pages", labeled)
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

// TestSlimTextAtTheCut: evidence that begins in the words read and ends
// past them is kept.
func TestSlimTextAtTheCut(t *testing.T) {
	head := strings.Repeat("word ", textWords-1)
	for _, text := range []string{head + "$ 9 more words", head + "try it free today", head + "9 EUR and more"} {
		got := slimText(text+strings.Repeat(" tail", 20), textWords)
		if priceRE.MatchString(got) != priceRE.MatchString(text) || offersTrial(got) != offersTrial(text) {
			t.Errorf("%q: slimmed to %q", text[len(head):], got[len(head):])
		}
	}
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
		if got := trialWord("Pricing. " + strings.ToUpper(w) + " today"); got != w {
			t.Errorf("trialWord with %q = %q", w, got)
		}
	}
	if got := trialWord(strings.Join(trialWords, ". ")); got != trialWords[0] {
		t.Errorf("trialWord of all = %q, want %q", got, trialWords[0])
	}
	for _, text := range []string{"pay monthly", "free shipping", "a trial run", "demos"} {
		if offersTrial(text) {
			t.Errorf("offersTrial(%q) = true", text)
		}
	}
}
