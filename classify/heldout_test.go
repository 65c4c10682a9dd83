package classify

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/seoplan/seoplan"
	"github.com/seoplan/seoplan/classify/internal/dataset"
	"github.com/seoplan/seoplan/classify/internal/feature"
	"github.com/seoplan/seoplan/classify/internal/trainer"
	"github.com/seoplan/seoplan/internal/corpus"
)

// Floors for the held-out evaluation (intent macro-F1, subtype accuracy,
// stage accuracy), set just under what was measured, with a little room on
// the small page sets where one page moves a figure by 1–4 points. They
// rise with the model, except where a model that does better on real sites
// does worse on the team's own style, and then the comment says so.
var floors = map[string]struct{ intentF1, subtypeAcc, stageAcc float64 }{
	// The team's own sets. Lowered in issue 9 when the model began to learn
	// from the real-site corpus and real queries: before it, 0.967, 0.932,
	// 0.969 (keywords), 0.950, 0.822, 0.924 (pages), 0.963, 0.936, 0.968
	// (sample sites). These sets are written by the hands that wrote the
	// training data, so they measure that style; the real sets below went up.
	"keywords": {0.94, 0.90, 0.90}, // measured 0.959, 0.921, 0.917 on 456 held-out keywords
	"pages":    {0.83, 0.67, 0.76}, // measured 0.854, 0.695, 0.788 on 118 blind held-out pages
	"sites":    {0.91, 0.85, 0.89}, // measured 0.937, 0.880, 0.920 on 125 sample-site pages
	// The final check on real data no training read (see testdata/corpus).
	// Still far under the team's own sets: issue 9's goals are 0.90, 0.75,
	// 0.80. Before issue 9's model: 0.594, 0.303, 0.522 and 0.641, 0.313, 0.470.
	"real sites":   {0.63, 0.41, 0.60}, // measured 0.656, 0.433, 0.627 on 201 pages of 4 sites
	"real queries": {0.65, 0.43, 0.52}, // measured 0.675, 0.456, 0.544 on 281 queries of 2 exports
}

// TestHeldout is the evaluation: it prints accuracy, per-class precision,
// recall and F1 and confusion matrices for intent, subtype and stage on the
// held-out keywords and pages, with calibration (expected calibration error
// and accuracy among labels at confidence ≥ 0.9), and fails below the floors.
func TestHeldout(t *testing.T) {
	c, err := New()
	if err != nil {
		t.Fatal(err)
	}
	t.Run("keywords", func(t *testing.T) {
		items, err := dataset.ReadKeywords(filepath.Join("testdata", "keywords", "heldout.tsv"))
		if err != nil {
			t.Skipf("no held-out keywords: %v", err)
		}
		var got []seoplan.Label
		for _, it := range items {
			got = append(got, c.Keyword(it.Keyword))
		}
		evaluate(t, "keywords", items, got)
	})
	t.Run("pages", func(t *testing.T) {
		path := filepath.Join("testdata", "pages", "heldout.jsonl")
		if _, err := os.Stat(path); err != nil {
			t.Skipf("no held-out pages yet: %v", err)
		}
		items, err := dataset.ReadPages(path)
		if err != nil {
			t.Fatal(err)
		}
		got := labelPages(c, items)
		evaluate(t, "pages", items, got)
	})
	// The final check: real sites and Search Console exports that no
	// training or tuning ever read (trainer.FinalSites, FinalSources).
	t.Run("real sites", func(t *testing.T) {
		dir := corpusOrSkip(t)
		items, whole, err := trainer.RealPages("testdata", dir, true)
		if err != nil {
			t.Fatal(err)
		}
		got := make([]seoplan.Label, len(items))
		bySite := map[string][]int{}
		for i, it := range items {
			bySite[it.Group] = append(bySite[it.Group], i)
		}
		for site, idx := range bySite {
			// Learn the site from all its pages, as a crawl would.
			c2 := &Classifier{cfg: c.cfg, model: c.model}
			c2.site.Store(feature.LearnSite(whole[strings.TrimPrefix(site, "real:")]))
			for _, i := range idx {
				got[i] = c2.Page(items[i].Page)
			}
		}
		evaluate(t, "real sites", items, got)
	})
	t.Run("real queries", func(t *testing.T) {
		dir := corpusOrSkip(t)
		items, err := trainer.RealQueries("testdata", dir, true)
		if err != nil {
			t.Fatal(err)
		}
		var got []seoplan.Label
		for _, it := range items {
			got = append(got, c.Keyword(it.Keyword))
		}
		evaluate(t, "real queries", items, got)
	})
}

// corpusOrSkip returns the real-site corpus folder, or skips the test,
// saying so, on a machine without it.
func corpusOrSkip(t *testing.T) string {
	t.Helper()
	dir, err := corpus.Dir()
	if err != nil {
		t.Skipf("skipped: %v", err)
	}
	return dir
}

// labelPages labels pages the way a crawl would be: each host's pages
// teach the classifier that site's names first.
func labelPages(c *Classifier, items []dataset.Item) []seoplan.Label {
	byHost := map[string][]int{}
	var hosts []string
	for i, it := range items {
		h := hostOf(it.Page.URL)
		if _, ok := byHost[h]; !ok {
			hosts = append(hosts, h)
		}
		byHost[h] = append(byHost[h], i)
	}
	got := make([]seoplan.Label, len(items))
	for _, h := range hosts {
		var pages []seoplan.Page
		for _, i := range byHost[h] {
			pages = append(pages, *items[i].Page)
		}
		c2 := &Classifier{cfg: c.cfg, model: c.model}
		c2.site.Store(feature.LearnSite(pages))
		for _, i := range byHost[h] {
			got[i] = c2.Page(items[i].Page)
		}
	}
	return got
}

func hostOf(u string) string {
	u = strings.TrimPrefix(strings.TrimPrefix(u, "https://"), "http://")
	if i := strings.IndexByte(u, '/'); i >= 0 {
		u = u[:i]
	}
	return u
}

func evaluate(t *testing.T, name string, items []dataset.Item, got []seoplan.Label) {
	var b strings.Builder
	fmt.Fprintf(&b, "\n=== held-out %s: %d items ===\n", name, len(items))
	var wi, gi, ws, gs, wt, gt []string
	for i, it := range items {
		wi, gi = append(wi, string(it.Label.Intent)), append(gi, string(got[i].Intent))
		ws, gs = append(ws, string(it.Label.Subtype)), append(gs, string(got[i].Subtype))
		wt, gt = append(wt, string(it.Label.Stage)), append(gt, string(got[i].Stage))
	}
	intentAcc, intentF1 := report(&b, "intent", wi, gi, true)
	subAcc, _ := report(&b, "subtype", ws, gs, false)
	stageAcc, _ := report(&b, "stage", wt, gt, true)
	ece, n90, acc90 := calibration(wi, gi, got)
	fmt.Fprintf(&b, "calibration: expected calibration error %.3f (10 bins); %d labels at confidence >= 0.9, %.3f of them right\n", ece, n90, acc90)
	guesses, guessedRight := 0, 0
	for i := range got {
		if slices.Contains(got[i].Signals, GuessSignal) {
			guesses++
			if gi[i] == wi[i] {
				guessedRight++
			}
		}
	}
	fmt.Fprintf(&b, "guesses: %d labels marked %q, %d of them right\n", guesses, GuessSignal, guessedRight)
	var wrong []string
	for i, it := range items {
		if wi[i] != gi[i] {
			what := it.Keyword
			if it.Page != nil {
				what = it.Page.URL + " " + it.Page.Title
			}
			wrong = append(wrong, fmt.Sprintf("  %-60.60s want %-8s got %-8s %.2f %v", what, wi[i], gi[i], got[i].Confidence, got[i].Signals))
		}
	}
	fmt.Fprintf(&b, "intent errors (%d):\n%s\n", len(wrong), strings.Join(wrong, "\n"))
	wrong = wrong[:0]
	for i, it := range items {
		if wi[i] == gi[i] && ws[i] != gs[i] {
			what := it.Keyword
			if it.Page != nil {
				what = it.Page.URL + " " + it.Page.Title
			}
			wrong = append(wrong, fmt.Sprintf("  %-60.60s want %-15s got %-15s", what, ws[i], gs[i]))
		}
	}
	fmt.Fprintf(&b, "subtype errors with the right intent (%d):\n%s\n", len(wrong), strings.Join(wrong, "\n"))
	t.Log(b.String())
	fl := floors[name]
	fmt.Printf("%s: intent accuracy %.3f macro-F1 %.3f, subtype accuracy %.3f, stage accuracy %.3f, ECE %.3f\n", name, intentAcc, intentF1, subAcc, stageAcc, ece)
	if intentF1 < fl.intentF1 || subAcc < fl.subtypeAcc || stageAcc < fl.stageAcc {
		t.Errorf("%s below floor: intent macro-F1 %.3f (floor %.2f), subtype accuracy %.3f (floor %.2f), stage accuracy %.3f (floor %.2f)",
			name, intentF1, fl.intentF1, subAcc, fl.subtypeAcc, stageAcc, fl.stageAcc)
	}
}

// report prints accuracy, per-class precision/recall/F1 and (if matrix) the
// confusion matrix, and returns accuracy and macro-F1.
func report(b *strings.Builder, what string, want, got []string, matrix bool) (acc, macroF1 float64) {
	classSet := map[string]bool{}
	for i := range want {
		classSet[want[i]] = true
		classSet[got[i]] = true
	}
	var classes []string
	for c := range classSet {
		classes = append(classes, c)
	}
	sort.Strings(classes)
	conf := map[[2]string]int{}
	correct := 0
	for i := range want {
		conf[[2]string{want[i], got[i]}]++
		if want[i] == got[i] {
			correct++
		}
	}
	acc = float64(correct) / float64(max(1, len(want)))
	fmt.Fprintf(b, "\n%s: accuracy %.3f\n  %-16s %9s %9s %9s %7s\n", what, acc, "class", "precision", "recall", "F1", "support")
	sum, n := 0.0, 0
	for _, c := range classes {
		tp, fp, fn := conf[[2]string{c, c}], 0, 0
		for _, o := range classes {
			if o != c {
				fp += conf[[2]string{o, c}]
				fn += conf[[2]string{c, o}]
			}
		}
		p := ratio(tp, tp+fp)
		r := ratio(tp, tp+fn)
		f := 0.0
		if p+r > 0 {
			f = 2 * p * r / (p + r)
		}
		if tp+fn > 0 {
			sum += f
			n++
		}
		fmt.Fprintf(b, "  %-16s %9.3f %9.3f %9.3f %7d\n", c, p, r, f, tp+fn)
	}
	macroF1 = sum / float64(max(1, n))
	fmt.Fprintf(b, "  macro-F1 %.3f\n", macroF1)
	if matrix {
		fmt.Fprintf(b, "  confusion (rows: want, columns: got)\n  %-16s", "")
		for _, c := range classes {
			fmt.Fprintf(b, " %13.13s", c)
		}
		b.WriteString("\n")
		for _, w := range classes {
			fmt.Fprintf(b, "  %-16s", w)
			for _, g := range classes {
				fmt.Fprintf(b, " %13d", conf[[2]string{w, g}])
			}
			b.WriteString("\n")
		}
	}
	return acc, macroF1
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// calibration returns the expected calibration error of intent confidence
// over 10 equal-width bins, and the count and accuracy of labels at ≥ 0.9.
func calibration(want, got []string, labels []seoplan.Label) (ece float64, n90 int, acc90 float64) {
	var cnt, hit [10]int
	var conf [10]float64
	right90 := 0
	for i, l := range labels {
		bin := min(9, int(l.Confidence*10))
		cnt[bin]++
		conf[bin] += l.Confidence
		if want[i] == got[i] {
			hit[bin]++
		}
		if l.Confidence >= 0.9 {
			n90++
			if want[i] == got[i] {
				right90++
			}
		}
	}
	for k := range cnt {
		if cnt[k] > 0 {
			ece += float64(cnt[k]) / float64(len(labels)) * math.Abs(float64(hit[k])/float64(cnt[k])-conf[k]/float64(cnt[k]))
		}
	}
	return ece, n90, ratio(right90, n90)
}
