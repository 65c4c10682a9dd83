package classify

import (
	"slices"
	"testing"

	"github.com/seoplan/seoplan"
)

// TestGuessSignal checks that a label is marked a guess exactly when its
// confidence is under GuessBelow, on pages from clear to empty.
func TestGuessSignal(t *testing.T) {
	c, err := New()
	if err != nil {
		t.Fatal(err)
	}
	pages := []seoplan.Page{
		{Fetch: seoplan.Fetch{URL: "https://acme.example/pricing"}, Content: seoplan.Content{Title: "Pricing | Acme", MainText: "Starter $19 per user per month. Pro $49 per user per month. Billed annually."}},
		{Fetch: seoplan.Fetch{URL: "https://acme.example/blog/how-to-reduce-churn"}, Content: seoplan.Content{Title: "How to reduce churn in 5 steps | Acme"}},
		{Fetch: seoplan.Fetch{URL: "https://acme.example/x"}, Content: seoplan.Content{Title: ""}},
		{Fetch: seoplan.Fetch{URL: "https://acme.example/docs/y"}, Content: seoplan.Content{Title: "Y"}},
		{Fetch: seoplan.Fetch{URL: "https://acme.example/2024/05/z"}, Content: seoplan.Content{Title: "Z and more"}},
	}
	var guessed, sure int
	for i := range pages {
		l := c.Page(&pages[i])
		marked := slices.Contains(l.Signals, GuessSignal)
		if marked != (l.Confidence < GuessBelow) {
			t.Errorf("%s: confidence %.2f, guess signal %v", pages[i].URL, l.Confidence, marked)
		}
		if marked {
			guessed++
		} else {
			sure++
		}
	}
	t.Logf("%d guesses, %d sure", guessed, sure)
	if guessed == 0 || sure == 0 {
		t.Fatalf("want both guesses and sure labels among the pages, got %d and %d", guessed, sure)
	}
}
