package classify

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/seoplan/seoplan"
	"github.com/seoplan/seoplan/classify/internal/trainer"
	"github.com/seoplan/seoplan/internal/corpus"
)

// TestModelUpToDate retrains from testdata and the real-site corpus and
// checks that the embedded model is byte-identical, so the model always
// matches the labelled data and the features. Without the corpus (a clean
// clone, CI) it cannot retrain and says so; TestModelLabels still checks
// there that the label files are the ones the model was trained on.
func TestModelUpToDate(t *testing.T) {
	if testing.Short() {
		t.Skip("retraining takes a minute; run without -short")
	}
	dir := corpusOrSkip(t)
	got, err := retrain(t, dir)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, modelJSON) {
		t.Fatal("model.json is stale: run go generate ./classify and commit model.json")
	}
}

// TestModelLabels checks the model's fingerprint of its label files
// against the label files in testdata: a label changed without retraining
// fails here, also where the corpus is absent.
func TestModelLabels(t *testing.T) {
	m, err := loadModel()
	if err != nil {
		t.Fatal(err)
	}
	want, err := trainer.LabelsFingerprint("testdata")
	if err != nil {
		t.Fatal(err)
	}
	if m.Labels != want {
		t.Fatalf("model.json was trained on other labels (fingerprint %.12s, testdata has %.12s): run go generate ./classify and commit model.json", m.Labels, want)
	}
}

// retrain builds the model from testdata and the corpus at dir. Under
// -race it runs the trainer as its own process built without the race
// detector, where training takes a minute instead of ten; the bytes are the
// same either way.
func retrain(t *testing.T, dir string) ([]byte, error) {
	if !raceEnabled {
		return trainer.Build("testdata", dir, io.Discard, false)
	}
	out := filepath.Join(t.TempDir(), "model.json")
	cmd := exec.Command("go", "run", "./internal/train", "-data", "testdata", "-o", out)
	cmd.Env = append(os.Environ(), corpus.EnvDir+"="+dir)
	if msg, err := cmd.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("go run ./internal/train: %v\n%s", err, msg)
	}
	return os.ReadFile(out)
}

func TestKeywordTieBreakers(t *testing.T) {
	c, err := New()
	if err != nil {
		t.Fatal(err)
	}
	c.LearnSite([]seoplan.Page{
		{Fetch: seoplan.Fetch{URL: "https://acmedesk.example/"}, Content: seoplan.Content{Title: "Acmedesk | Help desk software", OGSiteName: "Acmedesk"}},
		{Fetch: seoplan.Fetch{URL: "https://acmedesk.example/compare/zendesk"}, Content: seoplan.Content{Title: "Acmedesk vs Zendesk | Acmedesk"}},
	})
	own, rivals := c.SiteNames()
	if !contains(own, "acmedesk") || !contains(rivals, "zendesk") {
		t.Fatalf("LearnSite: own %v rivals %v", own, rivals)
	}
	tests := []struct {
		kw     string
		intent seoplan.Intent
		signal string
	}{
		{"best help desk software", seoplan.IntentProduct, "head-noun:software"},
		{"acmedesk sso", seoplan.IntentProduct, "brand:site"},
		{"acmedesk login", seoplan.IntentOther, "brand+nav"},
		{"how to reduce ticket backlog", seoplan.IntentProblem, "question:how"},
		{"acmedesk vs zendesk", seoplan.IntentProduct, "brand:rival"},
	}
	for _, tt := range tests {
		t.Run(tt.kw, func(t *testing.T) {
			l := c.Keyword(tt.kw)
			if l.Intent != tt.intent {
				t.Errorf("intent = %s, want %s (signals %v)", l.Intent, tt.intent, l.Signals)
			}
			if !contains(l.Signals, tt.signal) {
				t.Errorf("signals %v lack %q", l.Signals, tt.signal)
			}
			if l.Subtype.Intent() != l.Intent {
				t.Errorf("subtype %s does not belong to %s", l.Subtype, l.Intent)
			}
			if l.Confidence <= 0 || l.Confidence > 1 {
				t.Errorf("confidence %v out of range", l.Confidence)
			}
		})
	}
}

func TestPatternBrandWithoutCrawl(t *testing.T) {
	l := Keyword("zorblix login")
	if !contains(l.Signals, "brand:pattern(x login)") {
		t.Fatalf("signals %v lack the login pattern", l.Signals)
	}
	if l.Intent != seoplan.IntentOther || l.Stage != seoplan.StageNone {
		t.Errorf("label %s/%s/%s, want other/…/none", l.Intent, l.Subtype, l.Stage)
	}
}

func TestNewValidates(t *testing.T) {
	for name, opt := range map[string]Option{
		"workers":  WithWorkers(0),
		"phrases":  WithKeyPhrases(-1),
		"language": WithOtherLanguagePenalty(2),
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := New(opt); err == nil {
				t.Fatal("New accepted a bad option")
			}
		})
	}
}

func TestPageSignalsAndLanguage(t *testing.T) {
	tests := []struct {
		name   string
		page   seoplan.Page
		signal string
	}{
		{"error status", seoplan.Page{Fetch: seoplan.Fetch{URL: "https://x.example/gone", Status: 404, ContentType: "text/html"}}, "status:404"},
		{"german pricing", seoplan.Page{Fetch: seoplan.Fetch{URL: "https://x.example/de/preise", Status: 200, ContentType: "text/html"}, Content: seoplan.Content{Title: "Preise und Pakete", Lang: "de-DE", MainText: strings.Repeat("Starter 29 € pro Monat pro Nutzer. ", 30)}}, "lang:de(lower confidence)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := Page(&tt.page)
			if !contains(l.Signals, tt.signal) {
				t.Errorf("signals %v lack %q", l.Signals, tt.signal)
			}
		})
	}
}

func TestSiteKeyPhrases(t *testing.T) {
	pages := []seoplan.Page{
		{Fetch: seoplan.Fetch{URL: "https://acmedesk.example/features/ticket-routing", Status: 200, ContentType: "text/html"}, Content: seoplan.Content{Title: "Ticket routing | Acmedesk", H1: []string{"Automatic ticket routing"}, MainText: "Route every support ticket to the right agent. Ticket routing rules use skills and load."}},
		{
			Fetch: seoplan.Fetch{
				URL:         "https://acmedesk.example/blog/reduce-first-response-time",
				Status:      200,
				ContentType: "text/html",
			},
			Content: seoplan.Content{
				Title:    "How to reduce first response time | Acmedesk",
				H1:       []string{"How to reduce first response time"},
				Headings: []seoplan.Heading{{Level: 2, Text: "Measure first response time"}},
				MainText: "First response time is the time a customer waits for a first reply. Ticket routing helps.",
			},
		},
	}
	var mu sync.Mutex
	var reports []string
	c, err := New(WithKeyPhrases(3), WithWorkers(2), WithProgress(func(done, total int) {
		mu.Lock()
		reports = append(reports, fmt.Sprintf("%d/%d", done, total))
		mu.Unlock()
	}))
	if err != nil {
		t.Fatal(err)
	}
	labeled, inv, err := c.Site(context.Background(), pages)
	if err != nil {
		t.Fatal(err)
	}
	if len(labeled) != 2 || len(inv) == 0 {
		t.Fatalf("got %d pages, %d phrases", len(labeled), len(inv))
	}
	if slices.Sort(reports); !slices.Equal(reports, []string{"1/2", "2/2"}) {
		t.Errorf("progress reports %q, want one per page ending at 2/2", reports)
	}
	var first []string
	for _, kp := range labeled[1].KeyPhrases {
		first = append(first, kp.Phrase)
	}
	if len(first) > 3 || !contains(first, "first response time") {
		t.Errorf("key phrases of the how-to = %v, want at most 3 including \"first response time\"", first)
	}
	if top := labeled[0].KeyPhrases[0]; !strings.HasSuffix(top.Stem, "ticket rout") {
		t.Errorf("top phrase of the feature page = %q (%s), want one about ticket routing", top.Phrase, top.Stem)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, _, err := c.Site(ctx, pages); err == nil {
		t.Error("Site ignored a cancelled context")
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestKeyPhrasesOtherLanguage(t *testing.T) {
	pages := []seoplan.Page{
		{Fetch: seoplan.Fetch{URL: "https://exemple.fr/blog/reduire-attrition", Status: 200, ContentType: "text/html"}, Content: seoplan.Content{Lang: "fr", Title: "Comment réduire le taux d'attrition", H1: []string{"Réduire le taux d'attrition"}, MainText: "Le taux d'attrition mesure les clients perdus. Pour réduire le taux d'attrition, suivez ces étapes."}},
		{Fetch: seoplan.Fetch{URL: "https://exemple.fr/tarifs", Status: 200, ContentType: "text/html"}, Content: seoplan.Content{Lang: "fr", Title: "Tarifs", MainText: "Nos tarifs commencent à 29 € par mois."}},
	}
	c, err := New()
	if err != nil {
		t.Fatal(err)
	}
	labeled, _, err := c.Site(context.Background(), pages)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, kp := range labeled[0].KeyPhrases {
		got = append(got, kp.Phrase)
	}
	if !contains(got, "taux d'attrition") {
		t.Errorf("key phrases %q lack \"taux d'attrition\"", got)
	}
	if !contains(labeled[0].Label.Signals, "lang:fr(lower confidence)") {
		t.Errorf("signals %v lack the language", labeled[0].Label.Signals)
	}
}
