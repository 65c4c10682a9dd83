package feature

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/seoplan/seoplan"
)

// TestRoleSignals checks the signals of the role rules on pages written for
// each case.
func TestRoleSignals(t *testing.T) {
	steps := strings.Repeat("Open the dashboard. Click Settings. Select the project. Then it is saved. ", 3)
	prose := strings.Repeat("The agent collects metrics from every host. Each metric has a name and labels. ", 3)
	tests := []struct {
		name string
		page seoplan.Page
		want []string // signals that must fire
		not  []string // signals that must not
	}{
		{"task verb title", seoplan.Page{Fetch: seoplan.Fetch{URL: "https://acme.example/docs/install/"}, Content: seoplan.Content{Title: "Install the agent"}},
			[]string{"title:task verb"}, []string{"title:reference", "title:bare topic"}},
		{"gerund title", seoplan.Page{Fetch: seoplan.Fetch{URL: "https://acme.example/docs/x/"}, Content: seoplan.Content{Title: "Configuring alerts"}},
			[]string{"title:task verb"}, nil},
		{"reference title", seoplan.Page{Fetch: seoplan.Fetch{URL: "https://acme.example/docs/api/"}, Content: seoplan.Content{Title: "API reference"}},
			[]string{"title:reference"}, []string{"title:task verb", "title:bare topic"}},
		{"bare topic", seoplan.Page{Fetch: seoplan.Fetch{URL: "https://glossary.example.org/service-mesh/"}, Content: seoplan.Content{Title: "Service mesh"}},
			[]string{"title:bare topic"}, []string{"title:task verb"}},
		{"no bare topic with a page-kind word", seoplan.Page{Fetch: seoplan.Fetch{URL: "https://acme.example/pricing/"}, Content: seoplan.Content{Title: "Pricing"}},
			nil, []string{"title:bare topic"}},
		{"instructions", seoplan.Page{Fetch: seoplan.Fetch{URL: "https://acme.example/docs/a/"}, Content: seoplan.Content{Title: "Alerts", MainText: steps}},
			[]string{"text:instructions"}, nil},
		{"no instructions", seoplan.Page{Fetch: seoplan.Fetch{URL: "https://acme.example/docs/b/"}, Content: seoplan.Content{Title: "Alerts", MainText: prose}},
			nil, []string{"text:instructions"}},
		{"dated url", seoplan.Page{Fetch: seoplan.Fetch{URL: "https://acme.example/2024/05/17/launch/"}, Content: seoplan.Content{Title: "We launched"}},
			[]string{"url:dated"}, []string{"url:versioned"}},
		{"versioned url", seoplan.Page{Fetch: seoplan.Fetch{URL: "https://acme.example/docs/self-hosted/0.5.0/install/"}, Content: seoplan.Content{Title: "Install"}},
			[]string{"url:versioned"}, []string{"url:dated"}},
		{"section subdomain", seoplan.Page{Fetch: seoplan.Fetch{URL: "https://blog.acme.example/"}, Content: seoplan.Content{Title: "Acme blog"}},
			[]string{"url:/blog", "url:section index"}, nil},
		{"language folder", seoplan.Page{Fetch: seoplan.Fetch{URL: "https://acme.example/de/glossary/x/"}, Content: seoplan.Content{Title: "X"}},
			[]string{"url:/glossary"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x := Page(&tt.page, "en", nil, nil)
			defer x.Release()
			got := x.Signals()
			for _, s := range tt.want {
				if !slices.Contains(got, s) {
					t.Errorf("signal %q missing from %q", s, got)
				}
			}
			for _, s := range tt.not {
				if slices.Contains(got, s) {
					t.Errorf("signal %q fired: %q", s, got)
				}
			}
		})
	}
}

// TestSiteRole checks what LearnSite counts for siteRoleRule and the
// features it gives: a page most of the site links to, in the site's
// largest section, that lists the pages under it.
func TestSiteRole(t *testing.T) {
	var pages []seoplan.Page
	hub := seoplan.Page{Fetch: seoplan.Fetch{URL: "https://acme.example/docs/"}, Content: seoplan.Content{Title: "Docs"}}
	for i := range 30 {
		u := fmt.Sprintf("https://acme.example/docs/page-%d/", i)
		hub.Links = append(hub.Links, seoplan.Link{URL: u})
		pages = append(pages, seoplan.Page{Fetch: seoplan.Fetch{URL: u}, Content: seoplan.Content{Title: "Page", Links: []seoplan.Link{
			{URL: "https://acme.example/docs/"}, {URL: "https://other.example/docs/"}}}})
	}
	pages = append(pages, hub, seoplan.Page{Fetch: seoplan.Fetch{URL: "https://acme.example/pricing/"}, Content: seoplan.Content{Title: "Pricing"}})
	s := LearnSite(pages)
	if s.Pages != 32 || s.Sections["docs"] != 31 || s.Sections["pricing"] != 1 {
		t.Fatalf("pages %d, sections %v", s.Pages, s.Sections)
	}
	if got := s.Inlinks["/docs/"]; got != 30 {
		t.Errorf("inlinks of /docs/ = %d, want 30 (links to other hosts do not count)", got)
	}
	x := Page(&hub, "en", s, nil)
	defer x.Release()
	var names []string
	for _, f := range x.Features() {
		names = append(names, f.Name)
	}
	for _, want := range []string{"section:major", "inlinks:most", "sig:links:hub"} {
		if !slices.Contains(names, want) {
			t.Errorf("feature %q missing from %q", want, names)
		}
	}
}

func TestStripLangFolder(t *testing.T) {
	tests := []struct{ in, want []string }{
		{[]string{"de", "docs", "x"}, []string{"docs", "x"}},
		{[]string{"pt-br", "blog"}, []string{"blog"}},
		{[]string{"de"}, []string{"de"}}, // a page named /de/ alone is kept
		{[]string{"docs", "de"}, []string{"docs", "de"}},
		{[]string{"api", "v1"}, []string{"api", "v1"}},
	}
	for _, tt := range tests {
		if got := stripLangFolder(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("stripLangFolder(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestGerundBase(t *testing.T) {
	for in, want := range map[string]string{"installing": "install", "configuring": "configure", "setting": "set", "running": "run", "mapping": "mapp"} {
		if got := gerundBase(in); got != want {
			t.Errorf("gerundBase(%q) = %q, want %q", in, got, want)
		}
	}
}
