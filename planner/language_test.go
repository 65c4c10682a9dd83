package planner

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/seoplan/seoplan"
)

// langPage is a problem page at path declaring lang ("" for none).
func langPage(path, lang string) seoplan.LabeledPage {
	p := pg(path, prob, seoplan.SubtypeHowTo, seoplan.StageAwareness, 600, []string{"live chat"})
	p.Page.Lang = lang
	return p
}

func TestPickLanguage(t *testing.T) {
	tests := []struct {
		name    string
		pages   []seoplan.LabeledPage
		want    string // WithLanguage
		planned string // "" for a site of one language
		kept    []string
		of      map[string]string // translation → original, "" for none
		err     bool
	}{{
		name:  "one language",
		pages: []seoplan.LabeledPage{langPage("/a/", "en-US"), langPage("/b/", "en"), langPage("/c/", "")},
		kept:  []string{"/a/", "/b/", "/c/"},
	}, {
		name: "translations in folders, the main language at the root",
		pages: []seoplan.LabeledPage{langPage("/a/", "en"), langPage("/b/", "en"), langPage("/c/", "en"),
			langPage("/de/a/", "de"), langPage("/pt-br/b/", "pt-BR"), langPage("/de/only-german/", "de")},
		planned: "en",
		kept:    []string{"/a/", "/b/", "/c/"},
		of:      map[string]string{"/de/a/": "/a/", "/de/only-german/": "", "/pt-br/b/": "/b/"},
	}, {
		name: "undeclared languages read from the folders",
		pages: []seoplan.LabeledPage{langPage("/en/a/", ""), langPage("/en/b/", ""), langPage("/fr/a/", ""),
			langPage("/ja/a/", "")},
		planned: "en",
		kept:    []string{"/en/a/", "/en/b/"},
		of:      map[string]string{"/fr/a/": "/en/a/", "/ja/a/": "/en/a/"},
	}, {
		name:    "a tie goes to English when every language has a folder",
		pages:   []seoplan.LabeledPage{langPage("/bg/a/", "bg"), langPage("/en/a/", "en"), langPage("/es/a/", "es")},
		planned: "en",
		kept:    []string{"/en/a/"},
		of:      map[string]string{"/bg/a/": "/en/a/", "/es/a/": "/en/a/"},
	}, {
		name:  "one folder that looks like a language is no language",
		pages: []seoplan.LabeledPage{langPage("/my/account/", ""), langPage("/blog/a/", ""), langPage("/blog/b/", "")},
		kept:  []string{"/blog/a/", "/blog/b/", "/my/account/"},
	}, {
		name:    "a language chosen",
		pages:   []seoplan.LabeledPage{langPage("/a/", "en"), langPage("/b/", "en"), langPage("/de/a/", "de")},
		want:    "de-AT",
		planned: "de",
		kept:    []string{"/de/a/"},
		of:      map[string]string{"/a/": "/de/a/", "/b/": ""},
	}, {
		name:  "a language the site lacks",
		pages: []seoplan.LabeledPage{langPage("/a/", "en"), langPage("/de/a/", "de")},
		want:  "fr",
		err:   true,
	}, {
		name:  "no language at all",
		pages: []seoplan.LabeledPage{langPage("/a/", "en")},
		want:  "<script>",
		err:   true,
	}}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, err := newSite(Input{Site: origin + "/", Pages: tc.pages}, tc.want)
			if tc.err {
				if !errors.Is(err, ErrBadOption) {
					t.Fatalf("err = %v, want ErrBadOption", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var kept []string
			for _, p := range s.html {
				kept = append(kept, strings.TrimPrefix(p.url, origin))
			}
			if strings.Join(kept, " ") != strings.Join(tc.kept, " ") {
				t.Errorf("planned pages %v, want %v", kept, tc.kept)
			}
			if tc.planned == "" {
				if s.langs != nil {
					t.Errorf("languages %+v on a site of one", s.langs)
				}
				return
			}
			if s.langs == nil || s.langs.Planned != tc.planned {
				t.Fatalf("languages %+v, want %q planned", s.langs, tc.planned)
			}
			got := make(map[string]string)
			for _, tr := range s.langs.Translations {
				got[strings.TrimPrefix(tr.URL, origin)] = strings.TrimPrefix(tr.Of, origin)
			}
			if len(got) != len(tc.of) {
				t.Errorf("translations %v, want %v", got, tc.of)
			}
			for u, of := range tc.of {
				if g, ok := got[u]; !ok || g != of {
					t.Errorf("%s translates %q, want %q", u, g, of)
				}
			}
		})
	}
}

// TestPlanLanguages plans a site whose German pages translate its English
// ones: the clusters hold English pages only and the plan says what it left
// out and why.
func TestPlanLanguages(t *testing.T) {
	en := fixture()
	pages := append([]seoplan.LabeledPage(nil), en...)
	for _, p := range en {
		p.Page.Lang = "en"
		if !strings.HasPrefix(p.Page.URL, origin+"/") || p.Page.URL == origin+"/" {
			continue
		}
		de := p
		de.Page.URL = origin + "/de" + strings.TrimPrefix(p.Page.URL, origin)
		de.Page.Lang = "de"
		de.Page.Links = nil
		pages = append(pages, de)
	}
	for i := range pages[:len(en)] {
		pages[i].Page.Lang = "en"
	}
	plain, err := Plan(context.Background(), Input{Site: origin + "/", Pages: en})
	if err != nil {
		t.Fatal(err)
	}
	p, err := Plan(context.Background(), Input{Site: origin + "/", Pages: pages})
	if err != nil {
		t.Fatal(err)
	}
	if p.Languages == nil || p.Languages.Planned != "en" {
		t.Fatalf("languages %+v, want English planned", p.Languages)
	}
	if p.Pages != plain.Pages || len(p.Clusters) != len(plain.Clusters) {
		t.Errorf("%d pages in %d clusters, want the English site's %d in %d", p.Pages, len(p.Clusters), plain.Pages, len(plain.Clusters))
	}
	for _, c := range p.Clusters {
		for _, pr := range c.Pages {
			if strings.HasPrefix(pr.URL, origin+"/de/") {
				t.Errorf("cluster %q holds the German page %s", c.Name, pr.URL)
			}
		}
	}
	if n := len(pages) - len(en); p.Languages.Translated != n || len(p.Languages.Others) != 1 || p.Languages.Others[0].Pages != n {
		t.Errorf("languages %+v, want %d German pages, each translating an English one", p.Languages, n)
	}
	for _, want := range []string{"2 languages", "English pages", "German", "--lang"} {
		if !strings.Contains(p.Languages.Note, want) {
			t.Errorf("note %q lacks %q", p.Languages.Note, want)
		}
	}
	de, err := Plan(context.Background(), Input{Site: origin + "/", Pages: pages}, WithLanguage("de"))
	if err != nil {
		t.Fatal(err)
	}
	if de.Languages.Planned != "de" || de.Pages != len(pages)-len(en) {
		t.Errorf("with --lang de: %d pages in %q, want %d German", de.Pages, de.Languages.Planned, len(pages)-len(en))
	}
}

// FuzzLanguage feeds the language a page declares and its URL path, both
// from the crawled site, to the split by language: every page is either
// planned or listed as a translation, once.
func FuzzLanguage(f *testing.F) {
	f.Add("pt-BR", "/pt-br/docs/a/", "en", "/docs/a/")
	f.Add("", "/my/account/", "und", "/de/")
	f.Add("x-klingon", "/zh_CN/a/", "EN_us", "//a//")
	f.Fuzz(func(t *testing.T, lang1, path1, lang2, path2 string) {
		var pages []seoplan.LabeledPage
		for _, p := range [][2]string{{lang1, path1}, {lang2, path2}, {"en", "/a/"}} {
			lp := langPage("/", p[0])
			lp.Page.URL = origin + "/" + strings.TrimLeft(p[1], "/")
			pages = append(pages, lp)
		}
		s, err := newSite(Input{Site: origin + "/", Pages: pages}, "")
		if err != nil {
			t.Fatal(err)
		}
		n := len(s.html)
		if s.langs != nil {
			n += len(s.langs.Translations)
		}
		if len(s.all) >= 3 && n != 3 {
			t.Errorf("%d pages planned or listed, want 3", n)
		}
	})
}
