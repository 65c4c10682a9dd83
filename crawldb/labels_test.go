package crawldb

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/seoplan/seoplan"
)

// storePages stores pages with the given URLs as one snapshot.
func storePages(t *testing.T, db *DB, urls ...string) Snapshot {
	t.Helper()
	ctx := context.Background()
	snap, err := db.CreateSnapshot(ctx, "https://example.com/", "", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	b, err := db.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range urls {
		p := samplePage(u, 200)
		if err := b.StorePage(snap.ID, 0, &p); err != nil {
			t.Fatal(err)
		}
	}
	if err := b.Commit(); err != nil {
		t.Fatal(err)
	}
	return snap
}

// stored returns the labels LabeledPages gives each page for model.
func stored(t *testing.T, db *DB, snap Snapshot, model string) map[string]*PageLabel {
	t.Helper()
	got := map[string]*PageLabel{}
	err := db.LabeledPages(context.Background(), snap.ID, model, func(p seoplan.Page, l *PageLabel) error {
		if len(p.Links) != 2 || p.MainText != "main text" {
			t.Errorf("%s: page read without its links or text: %+v", p.URL, p)
		}
		got[p.URL] = l
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func TestLabels(t *testing.T) {
	ctx := context.Background()
	db, _ := open(t)
	snap := storePages(t, db, "https://example.com/a", "https://example.com/b")
	other := storePages(t, db, "https://example.com/a")

	a := PageLabel{URL: "https://example.com/a", Model: "m1", Phrases: "3\tticket rout\tticket routing\t1\n",
		Label: seoplan.Label{Intent: seoplan.IntentProblem, Subtype: seoplan.SubtypeHowTo, Stage: seoplan.StageAwareness,
			Confidence: 0.8123456789, Signals: []string{`title:"how to"`, "model:p=0.81"}}}
	if err := db.StoreLabels(ctx, snap.ID, []PageLabel{a}); err != nil {
		t.Fatal(err)
	}

	got := stored(t, db, snap, "m1")
	if !reflect.DeepEqual(got["https://example.com/a"], &a) {
		t.Errorf("label read back = %+v, want %+v", got["https://example.com/a"], a)
	}
	if got["https://example.com/b"] != nil {
		t.Errorf("a page never labelled has label %+v", got["https://example.com/b"])
	}
	if l := stored(t, db, snap, "m2")["https://example.com/a"]; l != nil {
		t.Errorf("a label of model m1 was given for m2: %+v", l)
	}
	if l := stored(t, db, other, "m1")["https://example.com/a"]; l != nil {
		t.Errorf("the label of a page of one crawl was given to the same URL in another: %+v", l)
	}

	// A new version replaces the old label, and a label with no signals
	// reads back as an empty list, as JSON would write it.
	a2 := PageLabel{URL: a.URL, Model: "m2", Label: seoplan.Label{Intent: seoplan.IntentOther,
		Subtype: seoplan.SubtypeNavigational, Stage: seoplan.StageNone, Confidence: 0.5}}
	if err := db.StoreLabels(ctx, snap.ID, []PageLabel{a2}); err != nil {
		t.Fatal(err)
	}
	if l := stored(t, db, snap, "m1")["https://example.com/a"]; l != nil {
		t.Errorf("the replaced m1 label is still read: %+v", l)
	}
	a2.Label.Signals = []string{}
	if l := stored(t, db, snap, "m2")["https://example.com/a"]; !reflect.DeepEqual(l, &a2) {
		t.Errorf("m2 label = %+v, want %+v", l, a2)
	}
	for model, want := range map[string]int{"m1": 0, "m2": 1} {
		if n, err := db.CountLabels(ctx, snap.ID, model); err != nil || n != want {
			t.Errorf("CountLabels(%s) = %d, %v; want %d", model, n, err, want)
		}
	}

	if err := db.StoreLabels(ctx, snap.ID, []PageLabel{{URL: "https://example.com/nowhere", Model: "m2"}}); err == nil {
		t.Error("a label of a URL the crawl does not have was stored")
	}
	if err := db.LabeledPages(ctx, snap.ID, "", func(seoplan.Page, *PageLabel) error { return nil }); err == nil {
		t.Error("LabeledPages without a model version did not fail")
	}
}
