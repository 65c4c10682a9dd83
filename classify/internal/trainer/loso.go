package trainer

import (
	"fmt"
	"io"
	"math"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/seoplan/seoplan"
	"github.com/seoplan/seoplan/classify/internal/dataset"
	"github.com/seoplan/seoplan/classify/internal/lr"
)

// Score is how labels compare with the hand labels of one set.
type Score struct {
	Set                  string
	N                    int
	IntentF1             float64 // macro-F1 over product, problem, other
	SubtypeAcc, StageAcc float64
	ECE                  float64 // expected calibration error of the intent confidence, 10 bins
}

// Compare scores got against the labels of items.
func Compare(set string, items []dataset.Item, got []seoplan.Label) Score {
	s := Score{Set: set, N: len(items)}
	if len(items) == 0 {
		return s
	}
	want := make([]string, len(items))
	have := make([]string, len(items))
	sub, st := 0, 0
	for i, it := range items {
		want[i], have[i] = string(it.Label.Intent), string(got[i].Intent)
		if got[i].Subtype == it.Label.Subtype {
			sub++
		}
		if got[i].Stage == it.Label.Stage {
			st++
		}
	}
	s.IntentF1 = MacroF1(want, have, IntentClasses)
	s.SubtypeAcc = float64(sub) / float64(len(items))
	s.StageAcc = float64(st) / float64(len(items))
	s.ECE = ECE(items, got)
	return s
}

// MacroF1 is the mean F1 over classes that occur in want or got.
func MacroF1(want, got, classes []string) float64 {
	sum, n := 0.0, 0
	for _, c := range classes {
		tp, fp, fn := 0, 0, 0
		for i := range want {
			switch {
			case want[i] == c && got[i] == c:
				tp++
			case got[i] == c:
				fp++
			case want[i] == c:
				fn++
			}
		}
		if tp+fp+fn == 0 {
			continue
		}
		n++
		sum += 2 * float64(tp) / float64(2*tp+fp+fn)
	}
	if n == 0 {
		return 0
	}
	return sum / float64(n)
}

// ECE is the expected calibration error of the intent confidences: the
// mean, weighted by bin size, of |accuracy − confidence| over ten bins.
func ECE(items []dataset.Item, got []seoplan.Label) float64 {
	var n, ok [10]float64
	var conf [10]float64
	for i, it := range items {
		b := min(int(got[i].Confidence*10), 9)
		n[b]++
		conf[b] += got[i].Confidence
		if got[i].Intent == it.Label.Intent {
			ok[b]++
		}
	}
	e := 0.0
	for b := range n {
		if n[b] > 0 {
			e += math.Abs(ok[b]-conf[b]) / float64(len(items))
		}
	}
	return e
}

// WriteScores prints scores as a Markdown table, with the mean over the
// sets and the figures of all items pooled.
func WriteScores(w io.Writer, scores []Score, pooled Score) {
	fmt.Fprintf(w, "| set | items | intent macro-F1 | subtype acc | stage acc | ECE |\n|---|---:|---:|---:|---:|---:|\n")
	var mean Score
	for _, s := range scores {
		fmt.Fprintf(w, "| %s | %d | %.3f | %.3f | %.3f | %.3f |\n", s.Set, s.N, s.IntentF1, s.SubtypeAcc, s.StageAcc, s.ECE)
		mean.IntentF1 += s.IntentF1 / float64(len(scores))
		mean.SubtypeAcc += s.SubtypeAcc / float64(len(scores))
		mean.StageAcc += s.StageAcc / float64(len(scores))
		mean.ECE += s.ECE / float64(len(scores))
	}
	fmt.Fprintf(w, "| **mean of %d sets** | | %.3f | %.3f | %.3f | %.3f |\n", len(scores), mean.IntentF1, mean.SubtypeAcc, mean.StageAcc, mean.ECE)
	fmt.Fprintf(w, "| **all pooled** | %d | %.3f | %.3f | %.3f | %.3f |\n", pooled.N, pooled.IntentF1, pooled.SubtypeAcc, pooled.StageAcc, pooled.ECE)
}

// WriteConfusion prints the confusion matrix of one label field
// (rows: hand label, columns: model label).
func WriteConfusion(w io.Writer, what string, items []dataset.Item, got []seoplan.Label, field func(seoplan.Label) string) {
	counts := map[[2]string]int{}
	seen := map[string]bool{}
	for i, it := range items {
		a, b := field(it.Label), field(got[i])
		counts[[2]string{a, b}]++
		seen[a], seen[b] = true, true
	}
	var classes []string
	for c := range seen {
		classes = append(classes, c)
	}
	sort.Strings(classes)
	fmt.Fprintf(w, "\n%s confusion (rows: hand label, columns: model)\n%16s", what, "")
	for _, c := range classes {
		fmt.Fprintf(w, " %6.6s", c)
	}
	fmt.Fprintln(w)
	for _, a := range classes {
		fmt.Fprintf(w, "%16s", a)
		for _, b := range classes {
			fmt.Fprintf(w, " %6d", counts[[2]string{a, b}])
		}
		fmt.Fprintln(w)
	}
}

// LeaveOneSiteOut is the honest measure: for each real site (and each real
// query source) it trains on everything else, team data included, and
// labels the one left out. Confidences are calibrated with a temperature
// fitted on the other sites' left-out predictions, so calibration is
// measured out of site too. It writes per-site tables and confusion
// matrices to w.
func LeaveOneSiteOut(d Data, w io.Writer) {
	cfg := lr.DefaultConfig()
	kwSamples := KeywordSamples(d.Keywords)
	kwHeads, _ := TrainHeads(kwSamples, nil, cfg)

	fmt.Fprintln(w, "## Pages: leave one real site out")
	pcfg := cfg
	pcfg.L2 = PageL2
	pcfg.SubtypeWeight = PageSubtypeWeight
	pageSamples := weighTeam(PageSamples(d.Pages, &kwHeads, d.Whole))
	looPredict(w, "page", d.Pages, pageSamples, kwSamples, pcfg)

	fmt.Fprintln(w, "\n## Real queries: leave one query source out")
	kcfg := cfg
	kcfg.SubtypeWeight = KeywordSubtypeWeight
	looPredict(w, "query", d.Keywords, kwSamples, nil, kcfg)
}

// looPredict runs the leave-one-group-out loop over the real groups of
// samples and reports it.
func looPredict(w io.Writer, what string, items []dataset.Item, samples, extra []Sample, cfg lr.Config) {
	var groups []string
	seen := map[string]bool{}
	for _, s := range samples {
		if strings.HasPrefix(s.Group, corpusGroup) && !seen[s.Group] {
			seen[s.Group] = true
			groups = append(groups, s.Group)
		}
	}
	sort.Strings(groups)
	results := make([]held, len(groups))
	// One fit per group, on both cores: each is independent and
	// deterministic, so the figures do not depend on the schedule.
	var wg sync.WaitGroup
	next := make(chan int)
	for range max(1, runtime.NumCPU()) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for g := range next {
				results[g] = leaveOut(groups[g], samples, extra, cfg)
			}
		}()
	}
	for g := range groups {
		next <- g
	}
	close(next)
	wg.Wait()
	var scores []Score
	var allItems []dataset.Item
	var allGot []seoplan.Label
	for g, group := range groups {
		// Temperature from every other site's left-out logits.
		var logits [][]float64
		var classes []int
		for o := range groups {
			if o == g {
				continue
			}
			for k, i := range results[o].idx {
				logits = append(logits, results[o].logits[k])
				classes = append(classes, indexOf(IntentClasses, string(samples[i].Label.Intent)))
			}
		}
		temp := lr.FitTemperature(logits, classes)
		var its []dataset.Item
		var got []seoplan.Label
		for k, i := range results[g].idx {
			lab := results[g].labels[k]
			if samples[i].Rule == nil { // a rule's label keeps the rule's confidence, as in the classifier
				lab.Confidence = softmaxOf(results[g].logits[k], temp, indexOf(IntentClasses, string(lab.Intent)))
			}
			its = append(its, items[i])
			got = append(got, lab)
		}
		scores = append(scores, Compare(strings.TrimPrefix(group, corpusGroup), its, got))
		allItems = append(allItems, its...)
		allGot = append(allGot, got...)
	}
	WriteScores(w, scores, Compare("all", allItems, allGot))
	WriteReliability(w, allItems, allGot)
	WriteConfusion(w, what+" intent", allItems, allGot, func(l seoplan.Label) string { return string(l.Intent) })
	WriteConfusion(w, what+" subtype", allItems, allGot, func(l seoplan.Label) string { return string(l.Subtype) })
	WriteConfusion(w, what+" stage", allItems, allGot, func(l seoplan.Label) string { return string(l.Stage) })
	fmt.Fprintln(w)
	for i, it := range allItems {
		if allGot[i].Intent != it.Label.Intent || allGot[i].Subtype != it.Label.Subtype {
			name := it.Keyword
			if it.Page != nil {
				name = it.Page.URL
			}
			fmt.Fprintf(w, "  want %s/%s got %s/%s %.2f  %s\n", it.Label.Intent, it.Label.Subtype,
				allGot[i].Intent, allGot[i].Subtype, allGot[i].Confidence, name)
		}
	}
}

// held is what a model trained without one group says of that group.
type held struct {
	idx    []int // indexes of the group's samples
	logits [][]float64
	labels []seoplan.Label
}

func leaveOut(group string, samples, extra []Sample, cfg lr.Config) held {
	var train []Sample
	for _, s := range samples {
		if s.Group != group {
			train = append(train, s)
		}
	}
	h := fitHeads(train, extra, cfg)
	var r held
	for i, s := range samples {
		if s.Group != group {
			continue
		}
		l := h.Intent.Logits(nil, s.Names, s.Values)
		for c := range s.Prior {
			l[c] += s.Prior[c]
		}
		r.idx = append(r.idx, i)
		r.logits = append(r.logits, l)
		lab := h.Predict(s.Names, s.Values, s.Prior, s.SubPrior, s.StagePrior)
		if s.Rule != nil {
			lab = *s.Rule
		}
		r.labels = append(r.labels, lab)
	}
	return r
}

// softmaxOf is the softmax probability of class c of logits at
// temperature t, as a model of that temperature gives it: the confidence of
// the intent chosen, which need not be the intent head's best
// (lr.Heads.Predict).
func softmaxOf(logits []float64, t float64, c int) float64 {
	m := lr.Model{Temperature: t}
	return m.Probs(slices.Clone(logits))[c]
}

// guessBelow is classify.GuessBelow: the confidence under which the
// classifier marks a label a guess.
const guessBelow = 0.5

// WriteReliability prints how the intent confidences compare with how
// often the intent is right: the mean confidence beside the accuracy, and
// how many labels the classifier would mark a guess (confidence under
// guessBelow) and how many of those are wrong, beside the sure ones.
func WriteReliability(w io.Writer, items []dataset.Item, got []seoplan.Label) {
	var conf float64
	var right, guesses, wrongGuesses, wrongSure int
	for i, it := range items {
		conf += got[i].Confidence
		ok := got[i].Intent == it.Label.Intent
		switch {
		case ok:
			right++
		case got[i].Confidence < guessBelow:
			wrongGuesses++
		default:
			wrongSure++
		}
		if got[i].Confidence < guessBelow {
			guesses++
		}
	}
	n := float64(max(1, len(items)))
	fmt.Fprintf(w, "\nintent confidence %.3f on average, intent right %.3f; guesses (confidence under %.1f): %d, %d of them wrong; sure: %d, %d of them wrong\n",
		conf/n, float64(right)/n, guessBelow, guesses, wrongGuesses, len(items)-guesses, wrongSure)
}
