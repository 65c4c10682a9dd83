package classify

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/seoplan/seoplan"
)

// checkLabel fails unless l is a well-formed label.
func checkLabel(t *testing.T, l seoplan.Label) {
	t.Helper()
	if l.Subtype.Intent() != l.Intent {
		t.Fatalf("subtype %q does not belong to intent %q", l.Subtype, l.Intent)
	}
	if (l.Intent == seoplan.IntentOther) != (l.Stage == seoplan.StageNone) {
		t.Fatalf("intent %s with stage %s", l.Intent, l.Stage)
	}
	if !(l.Confidence >= 0 && l.Confidence <= 1) {
		t.Fatalf("confidence %v", l.Confidence)
	}
	if len(l.Signals) == 0 {
		t.Fatal("a label without signals")
	}
}

func seedKeywords(f *testing.F) {
	fh, err := os.Open(filepath.Join("testdata", "keywords", "train.tsv"))
	if err != nil {
		return
	}
	defer fh.Close()
	sc := bufio.NewScanner(fh)
	for i := 0; sc.Scan() && i < 200; i++ {
		f.Add(strings.SplitN(sc.Text(), "\t", 2)[0])
	}
}

// FuzzKeyword feeds arbitrary keyword text, the outside input of a keyword
// file, to the classifier.
func FuzzKeyword(f *testing.F) {
	seedKeywords(f)
	f.Add("Acme VS. Zendesk — ¿precio? \x00\u202e")
	c, err := New()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, kw string) {
		checkLabel(t, c.Keyword(kw))
	})
}

// FuzzPage feeds arbitrary crawled text (URL, title, heading, main text) to
// the page classifier and the key-phrase extractor.
func FuzzPage(f *testing.F) {
	f.Add("https://a.example/pricing", "Pricing | Acme", "Starter plan", "From $29/month per user. Book a demo.")
	f.Add("https://a.example/blog/how-to-x", "How to reduce churn", "Step 1: measure", "Churn is the share of customers who leave.")
	f.Add("::%zz", "", "", "")
	c, err := New(WithWorkers(1))
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, url, title, heading, text string) {
		p := seoplan.Page{Fetch: seoplan.Fetch{URL: url, Status: 200, ContentType: "text/html"}, Content: seoplan.Content{Title: title, MainText: text, Headings: []seoplan.Heading{{Level: 2, Text: heading}}, Links: []seoplan.Link{{Text: heading}}}}
		checkLabel(t, c.Page(&p))
		labeled, _, err := c.Site(t.Context(), []seoplan.Page{p})
		if err != nil {
			t.Fatal(err)
		}
		for _, kp := range labeled[0].KeyPhrases {
			if kp.Phrase == "" || kp.Stem == "" || kp.Weight <= 0 {
				t.Fatalf("bad key phrase %+v", kp)
			}
		}
	})
}
