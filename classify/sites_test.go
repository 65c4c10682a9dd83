package classify

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"github.com/seoplan/seoplan"
	"github.com/seoplan/seoplan/classify/internal/dataset"
	"github.com/seoplan/seoplan/crawler"
	"github.com/seoplan/seoplan/internal/sitesrv"
)

// samplePages serves a bundled sample site on loopback, fetches every page
// its labels.tsv labels and extracts it as the crawler would.
func samplePages(t *testing.T, name string) []dataset.Item {
	t.Helper()
	fsys, err := seoplan.SampleSite(name)
	if err != nil {
		t.Skipf("sample site %s: %v", name, err)
	}
	site, err := sitesrv.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	srv, err := sitesrv.Start(fsys)
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	var items []dataset.Item
	for _, l := range site.Labels {
		u, err := url.Parse(srv.URL + l.Path)
		if err != nil {
			t.Fatal(err)
		}
		resp, err := srv.Client().Get(u.String())
		if err != nil {
			t.Fatal(err)
		}
		x, err := crawler.Extract(resp.Request.URL, resp.Header.Get("Content-Type"), resp.Body)
		resp.Body.Close()
		if err != nil {
			t.Fatalf("extract %s: %v", l.Path, err)
		}
		// The URL the real site would have: the crawler sets it, not Extract.
		p := seoplan.Page{Fetch: seoplan.Fetch{URL: site.Origin + l.Path,
			Status: resp.StatusCode, ContentType: resp.Header.Get("Content-Type")}, Content: x}
		if resp.StatusCode != http.StatusOK {
			t.Logf("%s: status %d", l.Path, resp.StatusCode)
		}
		items = append(items, dataset.Item{Page: &p, Group: name,
			Label: seoplan.Label{Intent: l.Intent, Subtype: l.Subtype, Stage: l.Stage}})
	}
	return items
}

// TestHeldoutSites evaluates on the sample sites' hand-labelled pages, which
// no rule or weight is tuned on either, labelling each site as a crawl:
// Site learns the site's names first.
func TestHeldoutSites(t *testing.T) {
	c, err := New()
	if err != nil {
		t.Fatal(err)
	}
	var all []dataset.Item
	var got []seoplan.Label
	for _, name := range []string{"relaydesk", "shop"} {
		items := samplePages(t, name)
		pages := make([]seoplan.Page, len(items))
		for i, it := range items {
			pages[i] = *it.Page
		}
		labeled, _, err := c.Site(context.Background(), pages)
		if err != nil {
			t.Fatal(err)
		}
		for _, lp := range labeled {
			got = append(got, lp.Label)
		}
		all = append(all, items...)
	}
	evaluate(t, "sites", all, got)
}
