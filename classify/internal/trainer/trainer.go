// Package trainer builds the classifier's model file from the labelled
// training data in classify/testdata. It is deterministic: the same data
// gives the same bytes, which the classifier's tests check against the
// embedded model. The held-out files are never read here.
package trainer

import (
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"

	"github.com/seoplan/seoplan"
	"github.com/seoplan/seoplan/classify/internal/dataset"
	"github.com/seoplan/seoplan/classify/internal/feature"
	"github.com/seoplan/seoplan/classify/internal/lr"
)

// Version is bumped when features change in a way old models cannot score.
const Version = 1

// Folds is the number of cross-validation folds used to fit calibration.
const Folds = 5

// Sample is one training example turned into features.
type Sample struct {
	Names  []string
	Values []float64
	Label  seoplan.Label
}

// KeywordSamples featurises labelled keywords.
func KeywordSamples(items []dataset.Item) []Sample {
	out := make([]Sample, len(items))
	for i, it := range items {
		out[i] = sample(feature.Keyword(it.Keyword, nil), it.Label)
	}
	return out
}

// PageSamples featurises labelled pages, learning each host's names from
// the pages of that host as the classifier does for a crawl.
func PageSamples(items []dataset.Item) []Sample {
	byHost := map[string][]seoplan.Page{}
	for _, it := range items {
		byHost[host(it.Page.URL)] = append(byHost[host(it.Page.URL)], *it.Page)
	}
	sites := map[string]*feature.Site{}
	for h, pages := range byHost {
		sites[h] = feature.LearnSite(pages)
	}
	out := make([]Sample, len(items))
	for i, it := range items {
		lang, _ := feature.Lang(it.Page.Lang, it.Page.Title, it.Page.MainText)
		out[i] = sample(feature.Page(it.Page, lang, sites[host(it.Page.URL)]), it.Label)
	}
	return out
}

func host(u string) string {
	if p, err := url.Parse(u); err == nil {
		return p.Hostname()
	}
	return ""
}

func sample(x *feature.Vector, l seoplan.Label) Sample {
	s := Sample{Label: l}
	for _, f := range x.Features() {
		s.Names = append(s.Names, f.Name)
		s.Values = append(s.Values, f.Value)
	}
	return s
}

// Class lists, in a fixed order.
var (
	IntentClasses  = []string{"product", "problem", "other"}
	StageClasses   = []string{"awareness", "consideration", "decision"}
	SubtypeClasses = func() []string {
		var out []string
		for _, in := range seoplan.Intents {
			for _, s := range seoplan.Subtypes[in] {
				out = append(out, string(s))
			}
		}
		return out
	}()
)

func indexOf(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return -1
}

// TrainHeads fits the three heads on samples and calibrates the intent head
// by temperature scaling on out-of-fold predictions. It returns the heads
// and the cross-validated intent accuracy, for the trainer's report.
func TrainHeads(samples []Sample, cfg lr.Config) (lr.Heads, float64) {
	if len(samples) == 0 {
		return lr.Heads{}, 0
	}
	fit := func(train []Sample) lr.Heads {
		var in, sub, st []lr.Example
		for _, s := range train {
			in = append(in, lr.Example{Names: s.Names, Values: s.Values, Class: indexOf(IntentClasses, string(s.Label.Intent))})
			sub = append(sub, lr.Example{Names: s.Names, Values: s.Values, Class: indexOf(SubtypeClasses, string(s.Label.Subtype))})
			if c := indexOf(StageClasses, string(s.Label.Stage)); c >= 0 {
				st = append(st, lr.Example{Names: s.Names, Values: s.Values, Class: c})
			}
		}
		return lr.Heads{
			Intent:  lr.Train(IntentClasses, in, cfg),
			Subtype: lr.Train(SubtypeClasses, sub, cfg),
			Stage:   lr.Train(StageClasses, st, cfg),
		}
	}
	var logits [][]float64
	var classes []int
	correct := 0
	for f := 0; f < Folds; f++ {
		var train, test []Sample
		for i, s := range samples {
			if i%Folds == f {
				test = append(test, s)
			} else {
				train = append(train, s)
			}
		}
		h := fit(train)
		for _, s := range test {
			l := h.Intent.Logits(nil, s.Names, s.Values)
			c := indexOf(IntentClasses, string(s.Label.Intent))
			logits = append(logits, l)
			classes = append(classes, c)
			if argmax(l) == c {
				correct++
			}
		}
	}
	h := fit(samples)
	h.Intent.Temperature = lr.FitTemperature(logits, classes)
	return h, float64(correct) / float64(len(samples))
}

func argmax(v []float64) int {
	best := 0
	for i := range v {
		if v[i] > v[best] {
			best = i
		}
	}
	return best
}

// Build reads the training files under dir (classify/testdata) and returns
// the model file's bytes. It writes a short report to w.
func Build(dir string, w io.Writer) ([]byte, error) {
	kws, err := dataset.ReadKeywords(filepath.Join(dir, "keywords", "train.tsv"))
	if err != nil {
		return nil, fmt.Errorf("read training keywords: %w", err)
	}
	var pages []dataset.Item
	if _, err := os.Stat(filepath.Join(dir, "pages", "train.jsonl")); err == nil {
		if pages, err = dataset.ReadPages(filepath.Join(dir, "pages", "train.jsonl")); err != nil {
			return nil, fmt.Errorf("read training pages: %w", err)
		}
	}
	cfg := lr.DefaultConfig()
	b := lr.Bundle{Version: Version}
	var acc float64
	b.Keyword, acc = TrainHeads(KeywordSamples(kws), cfg)
	fmt.Fprintf(w, "keywords: %d examples, cross-validated intent accuracy %.3f, temperature %.2f\n", len(kws), acc, b.Keyword.Intent.Temperature)
	if len(pages) > 0 {
		b.Page, acc = TrainHeads(PageSamples(pages), cfg)
		fmt.Fprintf(w, "pages: %d examples, cross-validated intent accuracy %.3f, temperature %.2f\n", len(pages), acc, b.Page.Intent.Temperature)
	}
	out, err := json.Marshal(b)
	if err != nil {
		return nil, fmt.Errorf("encode model: %w", err)
	}
	return append(out, '\n'), nil
}
