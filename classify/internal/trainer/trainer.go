// Package trainer builds the classifier's model file from the labelled
// training data in classify/testdata. It is deterministic: the same data
// gives the same bytes, which the classifier's tests check against the
// embedded model. The held-out files are never read here.
package trainer

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/seoplan/seoplan"
	"github.com/seoplan/seoplan/classify/internal/dataset"
	"github.com/seoplan/seoplan/classify/internal/feature"
	"github.com/seoplan/seoplan/classify/internal/lr"
)

// Version is bumped when features change in a way old models cannot score.
const Version = 1

// Folds is the number of cross-validation folds used to fit calibration.
const Folds = 5

// PageL2 is the page heads' regularisation, stronger than the keyword
// model's: a few hundred pages with thousands of sparse features let a
// weakly regularised model spread its weight over words that happen to
// co-occur with a label. Mean cross-validated accuracy over four fold seeds
// at 0.002 and 0.01: intent 0.942 and 0.949, subtype 0.832 and 0.839; on
// pages stripped of schema.org types, intent 0.933 and 0.942, subtype 0.817
// and 0.828.
const PageL2 = 0.01

// PageSubtypeWeight is how much the page subtype head has a say in a
// page's intent (lr.Heads.Predict): a page's subtype is often plainer than
// its intent (a pricing table, a changelog, a step-by-step guide), and an
// intent head torn between two intents is then overruled. Leave-one-site-out
// over the 19 training sites (go run ./classify/internal/train -loso), the
// intent head deciding alone against weights 0.5 and 1, on the same
// left-out scores: mean intent macro-F1 per site 0.493, 0.512 and 0.518;
// pooled intent macro-F1 0.547, 0.552 and 0.542; intent accuracy 0.678,
// 0.708 and 0.701; subtype 0.446, 0.484 and 0.486; stage 0.603, 0.631 and
// 0.631.
const PageSubtypeWeight = 0.5

// KeywordSubtypeWeight is the same for keywords. Leaving one real query
// source out (the second half of train -loso), weight 0 against 0.5: mean
// intent macro-F1 over the 5 sources 0.535 and 0.551, pooled 0.660 and
// 0.664, pooled intent accuracy 0.811 and 0.825, subtype 0.714 and 0.733,
// stage 0.751 and 0.769; calibration error 0.151 and 0.167 pooled. The
// page model reads the keyword heads' probabilities of a title, not their
// decision, so this weight does not change how pages are labelled.
const KeywordSubtypeWeight = 0.5

// TeamPageWeight is how much a team-written page counts when the model
// is trained on the real-site corpus too: the team's 339 pages are written
// in one style, and at full weight they pull the model towards it.
// Leave-one-site-out over the 19 training sites (go run
// ./classify/internal/train -loso), means per site at 1 and 0.4: intent
// macro-F1 0.480 and 0.476, subtype 0.414 and 0.434, stage 0.560 and
// 0.594; pooled intent macro-F1 0.516 and 0.524.
const TeamPageWeight = 0.4

// weighTeam sets the weight of the team-written samples to
// TeamPageWeight.
func weighTeam(samples []Sample) []Sample {
	for i := range samples {
		if samples[i].Group == "" {
			samples[i].Weight = TeamPageWeight
		}
	}
	return samples
}

// Sample is one training example turned into features.
type Sample struct {
	Names                []string
	Values               []float64
	Prior                []float64 // intent offsets from rules, nil for none
	SubPrior, StagePrior []float64 // subtype and stage offsets, nil for none
	Label                seoplan.Label
	// Group is the real site or query source the example comes from, ""
	// for the team-written data. Cross-validation keeps a group in one
	// fold, so that out-of-fold predictions are predictions on a site the
	// model has not seen.
	Group string
	// Weight is how much the example counts in training (0 means 1).
	Weight float64
	// Rule is the label a rule gives the example after the model
	// (feature.KeywordRule), nil for none; evaluation applies it as the
	// classifier does, training ignores it.
	Rule *seoplan.Label
}

// KeywordSamples featurises labelled keywords.
func KeywordSamples(items []dataset.Item) []Sample {
	out := make([]Sample, len(items))
	for i, it := range items {
		out[i] = sample(feature.Keyword(it.Keyword, nil), it.Label)
		if l, ok := feature.KeywordRule(it.Keyword); ok {
			out[i].Rule = &l
		}
		out[i].Group = groupOf(it)
	}
	return out
}

// groupOf is the cross-validation group of an item: its corpus site or
// query source, or "" for the team-written data, which keeps the folds it
// always had (index modulo Folds), so the shipped model is unchanged.
func groupOf(it dataset.Item) string {
	if strings.HasPrefix(it.Group, corpusGroup) {
		return it.Group
	}
	return ""
}

// PageSamples featurises labelled pages, learning each host's names from
// the pages of that host as the classifier does for a crawl: from
// whole[host] when given (every page of a corpus site, not only the
// labelled ones), else from the labelled pages of the host.
func PageSamples(items []dataset.Item, kw *lr.Heads, whole map[string][]seoplan.Page) []Sample {
	byHost := map[string][]seoplan.Page{}
	for _, it := range items {
		h := host(it.Page.URL)
		if whole[h] == nil {
			byHost[h] = append(byHost[h], *it.Page)
		}
	}
	for h, pages := range whole {
		byHost[h] = pages
	}
	sites := map[string]*feature.Site{}
	for h, pages := range byHost {
		sites[h] = feature.LearnSite(pages)
	}
	out := make([]Sample, len(items))
	for i, it := range items {
		lang, _ := feature.Lang(it.Page.Lang, it.Page.Title, it.Page.MainText)
		x := feature.Page(it.Page, lang, sites[host(it.Page.URL)], kw)
		out[i] = sample(x, it.Label)
		out[i].Prior, out[i].SubPrior, out[i].StagePrior = feature.PageOffsets(x, SubtypeClasses)
		out[i].Group = groupOf(it)
		x.Release()
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

// The class lists, in model.json's fixed order, live with the model.
var (
	IntentClasses  = lr.IntentClasses
	StageClasses   = lr.StageClasses
	SubtypeClasses = lr.SubtypeClasses
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
// and the out-of-fold intent predictions (class indices), for the trainer's
// report.
//
// extra are more labelled samples (keywords, for the page heads) that only
// the stage-given-subtype counts use.
func TrainHeads(samples, extra []Sample, cfg lr.Config) (lr.Heads, []seoplan.Label) {
	return trainHeads(samples, extra, nil, cfg)
}

// trainHeads is TrainHeads; when stripped is not nil (the same samples
// featurised without their schema.org types), each out-of-fold model also
// labels those, and their subtype accuracy is kept in lastStrippedAcc: how
// much the model leans on JSON-LD that many real crawls lack.
func trainHeads(samples, extra, stripped []Sample, cfg lr.Config) (lr.Heads, []seoplan.Label) {
	if len(samples) == 0 {
		return lr.Heads{}, nil
	}
	oof := make([]seoplan.Label, len(samples))
	subOK, stageOK := 0, 0
	var strippedOK [3]int
	fit := func(train []Sample) lr.Heads { return fitHeads(train, extra, cfg) }
	var logits [][]float64
	var classes []int
	correct := 0
	for f := 0; f < Folds; f++ {
		var train []Sample
		for i, s := range samples {
			if foldOf(i, s.Group) != f {
				train = append(train, s)
			}
		}
		h := fit(train)
		for i, s := range samples {
			if foldOf(i, s.Group) != f {
				continue
			}
			l := h.Intent.Logits(nil, s.Names, s.Values)
			for c := range s.Prior {
				l[c] += s.Prior[c]
			}
			c := indexOf(IntentClasses, string(s.Label.Intent))
			logits = append(logits, l)
			classes = append(classes, c)
			if lr.Argmax(l) == c {
				correct++
			}
			lab := h.Predict(s.Names, s.Values, s.Prior, s.SubPrior, s.StagePrior)
			oof[i] = lab
			if stripped != nil {
				ss := stripped[i]
				sl := h.Predict(ss.Names, ss.Values, ss.Prior, ss.SubPrior, ss.StagePrior)
				if sl.Intent == ss.Label.Intent {
					strippedOK[0]++
				}
				if sl.Subtype == ss.Label.Subtype {
					strippedOK[1]++
				}
				if sl.Stage == ss.Label.Stage {
					strippedOK[2]++
				}
			}
			if lab.Subtype == s.Label.Subtype {
				subOK++
			}
			if lab.Stage == s.Label.Stage {
				stageOK++
			}
		}
	}
	h := fit(samples)
	h.Intent.Temperature = lr.FitTemperature(logits, classes)
	_ = correct
	lastSubtypeAcc = float64(subOK) / float64(len(samples))
	lastStageAcc = float64(stageOK) / float64(len(samples))
	for i := range strippedOK {
		lastStrippedAcc[i] = float64(strippedOK[i]) / float64(len(samples))
	}
	return h, oof
}

// fitHeads fits the intent, subtype and stage heads on samples; extra
// only add to the stage-given-subtype counts.
func fitHeads(samples, extra []Sample, cfg lr.Config) lr.Heads {
	var in, sub, st []lr.Example
	for _, s := range samples {
		in = append(in, lr.Example{Names: s.Names, Values: s.Values, Offset: s.Prior, Class: indexOf(IntentClasses, string(s.Label.Intent)), Weight: s.Weight})
		sub = append(sub, lr.Example{Names: s.Names, Values: s.Values, Offset: s.SubPrior, Class: indexOf(SubtypeClasses, string(s.Label.Subtype)), Weight: s.Weight})
		if c := indexOf(StageClasses, string(s.Label.Stage)); c >= 0 {
			st = append(st, lr.Example{Names: s.Names, Values: s.Values, Offset: s.StagePrior, Class: c, Weight: s.Weight})
		}
	}
	return lr.Heads{
		Intent:            lr.Train(IntentClasses, in, cfg),
		Subtype:           lr.Train(SubtypeClasses, sub, cfg),
		Stage:             lr.Train(StageClasses, st, cfg),
		StageGivenSubtype: stageGivenSubtype(append(append([]Sample(nil), samples...), extra...)),
		SubtypeWeight:     cfg.SubtypeWeight,
	}
}

// Data is what the model learns from.
type Data struct {
	Keywords []dataset.Item // team keywords, searcher-style queries, real queries
	Pages    []dataset.Item // team pages and real corpus pages
	// Whole holds every page of each real site in Pages, by host, for
	// learning the site's names as a crawl would.
	Whole map[string][]seoplan.Page
}

// corpusGroup prefixes the Group of corpus items, so that reports and
// folds tell real sites from team-written data.
const corpusGroup = "real:"

// Load reads the training data under dir (classify/testdata). With
// corpusDir set it adds the searcher-style queries and the labelled records
// of the real-site corpus at corpusDir, leaving out the sites and query
// sources kept for the final check; with corpusDir "" it reads exactly what
// the shipped model is trained on.
func Load(dir, corpusDir string) (Data, error) {
	var d Data
	var err error
	if d.Keywords, err = dataset.ReadKeywords(filepath.Join(dir, "keywords", "train.tsv")); err != nil {
		return d, fmt.Errorf("read training keywords: %w", err)
	}
	if d.Pages, err = dataset.ReadPages(filepath.Join(dir, "pages", "train.jsonl")); err != nil {
		return d, fmt.Errorf("read training pages: %w", err)
	}
	if corpusDir == "" {
		return d, nil
	}
	written, err := dataset.ReadKeywords(filepath.Join(dir, "keywords", "searchers.tsv"))
	if err != nil {
		return d, fmt.Errorf("read searcher-style queries: %w", err)
	}
	d.Keywords = append(d.Keywords, written...)
	real, whole, err := RealPages(dir, corpusDir, false)
	if err != nil {
		return d, err
	}
	d.Pages = append(d.Pages, real...)
	queries, err := RealQueries(dir, corpusDir, false)
	if err != nil {
		return d, err
	}
	d.Keywords = append(d.Keywords, queries...)
	d.Whole = map[string][]seoplan.Page{}
	for _, pages := range whole {
		for _, p := range pages {
			d.Whole[host(p.URL)] = append(d.Whole[host(p.URL)], p)
		}
	}
	return d, nil
}

// FinalSites and FinalSources are the real sites and query sources kept
// out of all training and tuning: the final check, scored by the
// classifier's tests (TestHeldout) and never used to choose anything.
var (
	FinalSites   = map[string]bool{"aenix": true, "formbricks-docs": true, "posy": true, "umami": true}
	FinalSources = map[string]bool{"hoosiercladding": true, "webshazed-blog": true}
)

// RealPages reads the corpus page labels of dir/corpus/pages joined with
// their records: the training sites, or with final the final-check ones.
// whole holds every page of those sites, by site.
func RealPages(dir, corpusDir string, final bool) (items []dataset.Item, whole map[string][]seoplan.Page, err error) {
	labels, err := realLabels(dir, "pages", FinalSites, final)
	if err != nil {
		return nil, nil, err
	}
	items, whole, err = dataset.CorpusPages(corpusDir, labels)
	markReal(items)
	return items, whole, err
}

// RealQueries reads the corpus query labels of dir/corpus/queries joined
// with their queries: the training sources, or with final the final-check
// ones.
func RealQueries(dir, corpusDir string, final bool) ([]dataset.Item, error) {
	labels, err := realLabels(dir, "queries", FinalSources, final)
	if err != nil {
		return nil, err
	}
	items, err := dataset.CorpusQueries(corpusDir, labels)
	markReal(items)
	return items, err
}

// realLabels reads the label files of dir/corpus/kind and keeps those
// whose site is in finalSet when final, or not in it when not.
func realLabels(dir, kind string, finalSet map[string]bool, final bool) ([]dataset.Label, error) {
	labels, err := dataset.ReadLabelDir(filepath.Join(dir, "corpus", kind))
	if err != nil {
		return nil, fmt.Errorf("read corpus %s labels: %w", kind, err)
	}
	var keep []dataset.Label
	for _, l := range labels {
		if finalSet[l.Site] == final {
			keep = append(keep, l)
		}
	}
	return keep, nil
}

// markReal prefixes the groups of corpus items with corpusGroup.
func markReal(items []dataset.Item) {
	for i := range items {
		items[i].Group = corpusGroup + items[i].Group
	}
}

// LabelsFingerprint is the SHA-256, in hex, of the label files under dir
// that training reads, in a fixed order: the keyword and page training
// sets and the labels of the real-site corpus.
func LabelsFingerprint(dir string) (string, error) {
	files := []string{
		filepath.Join(dir, "keywords", "train.tsv"),
		filepath.Join(dir, "keywords", "searchers.tsv"),
		filepath.Join(dir, "pages", "train.jsonl"),
	}
	for _, kind := range []string{"pages", "queries"} {
		more, err := filepath.Glob(filepath.Join(dir, "corpus", kind, "*.tsv"))
		if err != nil {
			return "", err
		}
		sort.Strings(more)
		files = append(files, more...)
	}
	h := sha256.New()
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return "", fmt.Errorf("fingerprint labels: %w", err)
		}
		fmt.Fprintf(h, "%s %d\n", filepath.ToSlash(strings.TrimPrefix(f, dir)), len(b))
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// Build reads the training data (see Load; corpusDir "" for the shipped
// model) and returns the model file's bytes. It writes a short report to w; with verbose, also every
// out-of-fold intent error, to see what the features miss.
func Build(dir, corpusDir string, w io.Writer, verbose bool) ([]byte, error) {
	d, err := Load(dir, corpusDir)
	if err != nil {
		return nil, err
	}
	cfg := lr.DefaultConfig()
	b := lr.Bundle{Version: Version}
	if b.Labels, err = LabelsFingerprint(dir); err != nil {
		return nil, err
	}
	var oof []seoplan.Label
	kwSamples := KeywordSamples(d.Keywords)
	kcfg := cfg
	kcfg.SubtypeWeight = KeywordSubtypeWeight
	b.Keyword, oof = TrainHeads(kwSamples, nil, kcfg)
	summarize(w, "keywords", d.Keywords, oof, b.Keyword.Intent.Temperature, verbose)
	var stripped []Sample
	if verbose {
		bare := make([]dataset.Item, len(d.Pages))
		for i, it := range d.Pages {
			p := *it.Page
			p.SchemaTypes = nil
			bare[i] = dataset.Item{Page: &p, Label: it.Label, Group: it.Group}
		}
		stripped = PageSamples(bare, &b.Keyword, d.Whole)
	}
	pcfg := cfg
	pcfg.L2 = PageL2
	pcfg.SubtypeWeight = PageSubtypeWeight
	pages := PageSamples(d.Pages, &b.Keyword, d.Whole)
	if corpusDir != "" {
		pages = weighTeam(pages)
	}
	b.Page, oof = trainHeads(pages, kwSamples, stripped, pcfg)
	summarize(w, "pages", d.Pages, oof, b.Page.Intent.Temperature, verbose)
	if verbose {
		fmt.Fprintf(w, "pages with schema.org types removed before labelling (out of fold): intent %.3f, subtype %.3f, stage %.3f\n",
			lastStrippedAcc[0], lastStrippedAcc[1], lastStrippedAcc[2])
	}
	out, err := json.Marshal(b)
	if err != nil {
		return nil, fmt.Errorf("encode model: %w", err)
	}
	return append(out, '\n'), nil
}

func summarize(w io.Writer, what string, items []dataset.Item, oof []seoplan.Label, temp float64, verbose bool) {
	correct := 0
	for i, it := range items {
		got := oof[i]
		if got.Intent == it.Label.Intent {
			correct++
		}
		if verbose && (got.Intent != it.Label.Intent || got.Subtype != it.Label.Subtype) {
			name := it.Keyword
			if it.Page != nil {
				name = it.Page.URL + " " + it.Page.Title
			}
			fmt.Fprintf(w, "  want %s/%s got %s/%s  %s\n", it.Label.Intent, it.Label.Subtype, got.Intent, got.Subtype, name)
		}
	}
	fmt.Fprintf(w, "%s: %d examples, cross-validated intent accuracy %.3f, subtype %.3f, stage %.3f, temperature %.2f\n",
		what, len(items), float64(correct)/float64(max(1, len(items))), lastSubtypeAcc, lastStageAcc, temp)
	if len(items) > 0 && items[0].Page != nil {
		// Many real pages carry no JSON-LD: report the product and problem
		// pages without schema on their own, so that the model is seen not
		// to lean on schema.
		n, in, sub, st := 0, 0, 0, 0
		for i, it := range items {
			if it.Label.Intent == seoplan.IntentOther || len(it.Page.SchemaTypes) > 0 {
				continue
			}
			n++
			if oof[i].Intent == it.Label.Intent {
				in++
			}
			if oof[i].Subtype == it.Label.Subtype {
				sub++
			}
			if oof[i].Stage == it.Label.Stage {
				st++
			}
		}
		d := float64(max(1, n))
		fmt.Fprintf(w, "%s without schema (product and problem): %d examples, intent %.3f, subtype %.3f, stage %.3f\n",
			what, n, float64(in)/d, float64(sub)/d, float64(st)/d)
	}
	if verbose {
		// The subtype confusions, most frequent first.
		conf := map[string]int{}
		for i, it := range items {
			if oof[i].Subtype != it.Label.Subtype {
				conf[string(it.Label.Subtype)+" -> "+string(oof[i].Subtype)]++
			}
		}
		keys := make([]string, 0, len(conf))
		for k := range conf {
			keys = append(keys, k)
		}
		sort.Slice(keys, func(a, b int) bool {
			if conf[keys[a]] != conf[keys[b]] {
				return conf[keys[a]] > conf[keys[b]]
			}
			return keys[a] < keys[b]
		})
		for _, k := range keys {
			fmt.Fprintf(w, "  %3d  %s\n", conf[k], k)
		}
	}
}

// lastSubtypeAcc and lastStageAcc carry TrainHeads' cross-validated subtype
// and stage accuracy to the report (the trainer runs on one goroutine).
var lastSubtypeAcc, lastStageAcc float64

// lastStrippedAcc is the cross-validated intent, subtype and stage accuracy
// of pages stripped of their schema.org types (see trainHeads).
var lastStrippedAcc [3]float64

// stageGivenSubtype counts log P(stage | subtype) on samples, add-one
// smoothed, rounded like the weights.
func stageGivenSubtype(samples []Sample) map[string][]float64 {
	counts := map[string][]float64{}
	for _, s := range samples {
		c := indexOf(StageClasses, string(s.Label.Stage))
		if c < 0 {
			continue
		}
		row := counts[string(s.Label.Subtype)]
		if row == nil {
			row = make([]float64, len(StageClasses))
			counts[string(s.Label.Subtype)] = row
		}
		row[c]++
	}
	out := map[string][]float64{}
	for sub, row := range counts {
		total := 0.0
		for _, v := range row {
			total += v + 1
		}
		lp := make([]float64, len(row))
		for i, v := range row {
			lp[i] = math.Round(math.Log((v+1)/total)*1e5) / 1e5
		}
		out[sub] = lp
	}
	return out
}

// FoldSeed, when not 0, assigns samples to cross-validation folds by a
// hash of their index and the seed instead of by index modulo Folds. The
// committed model uses 0; other seeds show how much a cross-validated
// figure moves with the split alone, before a change is trusted to gain.
var FoldSeed uint32

func foldOf(i int, group string) int {
	if group != "" {
		// Whole groups (sites, query sources, hosts) to a fold.
		h := uint32(2166136261) ^ FoldSeed
		for j := 0; j < len(group); j++ {
			h ^= uint32(group[j])
			h *= 16777619
		}
		h ^= h >> 15
		return int(h % Folds)
	}
	if FoldSeed == 0 {
		return i % Folds
	}
	h := uint32(2166136261)
	for _, b := range []uint32{uint32(i), FoldSeed, uint32(i) >> 8} {
		h ^= b
		h *= 16777619
		h ^= h >> 13
		h *= 16777619
	}
	return int(h % Folds)
}
