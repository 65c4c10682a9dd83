package corpus

import (
	"encoding/json"
	"errors"
	"testing"
)

func TestRecordPage(t *testing.T) {
	var r record
	raw := `{"site":"x","url":"https://www.example.com/docs/setup/","title":"Set up","h1":["Set up"],
		"headings":[{"level":2,"text":"Install"}],"text":"Install it.","lang":"en","word_count":2,
		"links":["/docs/","/pricing","/docs/setup/#step-2"]}`
	if err := json.Unmarshal([]byte(raw), &r); err != nil {
		t.Fatal(err)
	}
	p, err := r.page()
	if err != nil {
		t.Fatal(err)
	}
	if p.Depth != 2 || !p.IsHTML() || p.H1[0] != "Set up" || p.Headings[0].Text != "Install" {
		t.Errorf("page = %+v", p)
	}
	want := []string{"https://www.example.com/docs/", "https://www.example.com/pricing/", "https://www.example.com/docs/setup/"}
	if len(p.Links) != len(want) {
		t.Fatalf("links = %+v", p.Links)
	}
	for i, l := range p.Links {
		if l.URL != want[i] || !l.Internal {
			t.Errorf("link %d = %+v, want %s", i, l, want[i])
		}
	}
	if _, err := (record{URL: "not a url"}).page(); err == nil {
		t.Error("a record without a host loads")
	}
}

func TestLoadCorpus(t *testing.T) {
	dir, err := Dir()
	if errors.Is(err, ErrNoCorpus) {
		t.Skip("skipped: ", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	sites, err := Sites(dir)
	if err != nil || len(sites) == 0 {
		t.Fatalf("sites = %v, %v", sites, err)
	}
	pages, err := Load(dir, sites[0])
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) == 0 || pages[0].Title == "" && pages[0].MainText == "" {
		t.Errorf("%s: %d pages, first %+v", sites[0], len(pages), pages[0])
	}
}

// TestKeys pins the keys label files are written with: changing them
// would orphan every hashed label in the repository.
func TestKeys(t *testing.T) {
	u := "https://18f.gsa.gov/2017/01/06/open-source-collaboration-across-agencies-to-improve-https-deployment/"
	if got, want := URLKey(u), "sha1:fe06d86ab9af"; got != want {
		t.Errorf("URLKey = %s, want %s", got, want)
	}
	if got, want := TextKey("  Soft   Enamel vs HARD enamel "), "c3cb07409329"; got != want {
		t.Errorf("TextKey = %s, want %s", got, want)
	}
}
