package planner

import (
	"slices"
	"testing"

	"github.com/seoplan/seoplan"
)

// TestRelatedPages holds which pages outside the clusters are listed with
// one: a page of a topic that is no content of it (an announcement, a
// section's index) is related to the cluster it speaks of or links into;
// a page spread over every topic, a service page or a page of another
// topic is related to none; and a related page changes none of the
// cluster's figures.
func TestRelatedPages(t *testing.T) {
	alerts := []string{"alert rules:9", "alert routing:5", "on-call schedules:4"}
	hooks := []string{"webhooks:9", "webhook payloads:5", "signing secret:4"}
	aw, con, dec := seoplan.StageAwareness, seoplan.StageConsideration, seoplan.StageDecision
	news, nav := seoplan.SubtypeNews, seoplan.SubtypeNavigational
	content := []seoplan.LabeledPage{
		pg("/features/alerts", prod, seoplan.SubtypeFeature, dec, 700, alerts, "/blog/alert-fatigue"),
		pg("/blog/alert-fatigue", prob, seoplan.SubtypeExplainer, aw, 1200, alerts, "/features/alerts"),
		pg("/blog/on-call-rotations", prob, seoplan.SubtypeTips, con, 1100, alerts, "/features/alerts"),
		pg("/features/webhooks", prod, seoplan.SubtypeFeature, dec, 700, hooks, "/blog/webhook-retries"),
		pg("/blog/webhook-retries", prob, seoplan.SubtypeHowTo, con, 900, hooks, "/features/webhooks"),
		pg("/blog/verify-webhooks", prob, seoplan.SubtypeHowTo, con, 800, hooks, "/features/webhooks"),
	}
	outside := []seoplan.LabeledPage{
		pg("/blog/alert-routing-is-here", prob, news, aw, 400, alerts, "/features/alerts"),
		pg("/docs/alerts", oth, nav, con, 120, nil, "/features/alerts", "/blog/alert-fatigue", "/blog/on-call-rotations"),
		pg("/blog", oth, seoplan.SubtypeArchive, aw, 150, nil, "/blog/alert-fatigue", "/blog/on-call-rotations", "/blog/webhook-retries", "/blog/verify-webhooks"),
		pg("/contact", oth, seoplan.SubtypeCompany, dec, 100, alerts, "/features/alerts"),
		pg("/blog/our-team-offsite", prob, news, aw, 500, []string{"team offsite:9", "company retreat:5"}),
	}
	before := plan(t, content)
	p := plan(t, slices.Concat(content, outside))
	relatedTo := make(map[string]string)
	for _, c := range p.Clusters {
		for _, r := range c.Related {
			relatedTo[r.URL] = c.Name
		}
	}
	unclustered := make(map[string]bool)
	for _, u := range p.Unclustered {
		unclustered[u.URL] = true
	}
	for _, tc := range []struct {
		path, want string // want: the cluster it is related to, "" for none
	}{
		{"/blog/alert-routing-is-here", clusterOf(p, "/features/alerts").Name},
		{"/docs/alerts", clusterOf(p, "/features/alerts").Name},
		{"/blog", ""},
		{"/contact", ""},
		{"/blog/our-team-offsite", ""},
	} {
		u := origin + tc.path
		if got := relatedTo[u]; got != tc.want {
			t.Errorf("%s is related to %q, want %q", tc.path, got, tc.want)
		}
		if clusterOf(p, tc.path) != nil {
			t.Errorf("%s is a page of a cluster; it is no product or problem content", tc.path)
		}
		if unclustered[u] == (tc.want != "") {
			t.Errorf("%s: listed outside clusters %v, related to %q", tc.path, unclustered[u], tc.want)
		}
	}
	if len(p.Clusters) != len(before.Clusters) {
		t.Fatalf("%d clusters, %d without the pages outside them", len(p.Clusters), len(before.Clusters))
	}
	for i, c := range p.Clusters {
		b := before.Clusters[i]
		if c.Name != b.Name || len(c.Pages) != len(b.Pages) || !slices.Equal(gapKinds(&c), gapKinds(&b)) ||
			c.Coverage.ByIntent[prob] != b.Coverage.ByIntent[prob] || c.Coverage.ByStage[aw] != b.Coverage.ByStage[aw] {
			t.Errorf("cluster %q: %d pages, gaps %v, coverage %v; without the related pages %q: %d pages, gaps %v, coverage %v",
				c.Name, len(c.Pages), gapKinds(&c), c.Coverage, b.Name, len(b.Pages), gapKinds(&b), b.Coverage)
		}
	}
}
