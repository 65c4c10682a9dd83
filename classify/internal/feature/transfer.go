package feature

import (
	"github.com/seoplan/seoplan/classify/internal/lr"
)

// KeywordModelFeatures scores text (a page's title or h1) with the keyword
// model and returns its class probabilities as features under prefix. A
// title is phrased much like a query, and the keyword model learnt from many
// more labelled examples than there are labelled pages, so the page model
// starts from what the keyword model knows ("X vs Y", "best X", "how to")
// and learns how far to trust it next to the page's structure.
//
// It also returns the probabilities per head (intent, subtype, stage) in the
// heads' class order, for the offsets in PageOffsets.
func KeywordModelFeatures(h *lr.Heads, prefix, text string, site *Site) ([]Feature, [3][]float64) {
	var probs [3][]float64
	if h == nil || h.Intent == nil || text == "" {
		return nil, probs
	}
	x := Keyword(text, site)
	feats := x.Features()
	names := make([]string, len(feats))
	vals := make([]float64, len(feats))
	for i, f := range feats {
		names[i], vals[i] = f.Name, f.Value
	}
	var out []Feature
	for _, head := range []struct {
		name string
		m    *lr.Model
	}{{"intent", h.Intent}, {"sub", h.Subtype}, {"stage", h.Stage}} {
		if head.m == nil {
			continue
		}
		p := head.m.Probs(head.m.Logits(nil, names, vals))
		switch head.name {
		case "intent":
			probs[0] = p
		case "sub":
			probs[1] = p
		case "stage":
			probs[2] = p
		}
		for i, c := range head.m.Classes {
			if p[i] >= 0.05 {
				out = append(out, Feature{prefix + head.name + ":" + c, p[i]})
			}
		}
	}
	return out, probs
}
