package seoplan_test

import (
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"testing"

	"github.com/seoplan/seoplan"
)

func TestSampleSite(t *testing.T) {
	names := seoplan.SampleSiteNames()
	if !slices.Contains(names, "relaydesk") {
		t.Fatalf("SampleSiteNames() = %q, want it to contain relaydesk", names)
	}
	if !slices.IsSorted(names) {
		t.Errorf("SampleSiteNames() = %q, not sorted", names)
	}
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			site, err := seoplan.SampleSite(name)
			if err != nil {
				t.Fatal(err)
			}
			// The embed must keep the files the server needs, including
			// _redirects, which a plain //go:embed pattern would drop.
			for _, f := range []string{"site.json", "labels.tsv", "www/index.html", "www/robots.txt", "www/sitemap.xml", "_redirects"} {
				if _, err := fs.Stat(site, f); err != nil {
					t.Errorf("stat %s: %v", f, err)
				}
			}
		})
	}
}

func TestSampleSiteUnknown(t *testing.T) {
	for _, name := range []string{"", "nope", "../sites", "relaydesk/www", ".", "README.md"} {
		t.Run(fmt.Sprintf("%q", name), func(t *testing.T) {
			if _, err := seoplan.SampleSite(name); !errors.Is(err, seoplan.ErrUnknownSample) {
				t.Errorf("SampleSite(%q) error = %v, want ErrUnknownSample", name, err)
			}
		})
	}
}

func ExampleSampleSite() {
	site, err := seoplan.SampleSite("relaydesk")
	if err != nil {
		fmt.Println(err)
		return
	}
	robots, err := fs.ReadFile(site, "www/robots.txt")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%s", robots)
	// Output:
	// User-agent: *
	// Disallow: /internal/
	//
	// Sitemap: https://www.relaydesk.example/sitemap.xml
}
