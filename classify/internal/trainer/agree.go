package trainer

import (
	"fmt"
	"io"
	"path/filepath"

	"github.com/seoplan/seoplan"
	"github.com/seoplan/seoplan/classify/internal/dataset"
)

// Agreement compares a second person's labels of real pages
// (dir/corpus/second/pages.tsv, drawn from the same guidelines without
// seeing the first labels) with the first labels of the same pages. Two
// careful readers of TAXONOMY.md agree this often; it is the ceiling the
// classifier's leave-one-site-out figures are read against. It needs no
// corpus: both sides are labels.
func Agreement(dir string) (Score, error) {
	second, err := dataset.ReadLabels(filepath.Join(dir, "corpus", "second", "pages.tsv"))
	if err != nil {
		return Score{}, fmt.Errorf("read second labels: %w", err)
	}
	first, err := dataset.ReadLabelDir(filepath.Join(dir, "corpus", "pages"))
	if err != nil {
		return Score{}, fmt.Errorf("read corpus page labels: %w", err)
	}
	byKey := make(map[string]seoplan.Label, len(first))
	for _, l := range first {
		byKey[l.Site+" "+l.Key] = l.Label
	}
	items := make([]dataset.Item, len(second))
	got := make([]seoplan.Label, len(second))
	for i, l := range second {
		want, ok := byKey[l.Site+" "+l.Key]
		if !ok {
			return Score{}, fmt.Errorf("second labels: %s %s has no first label", l.Site, l.Key)
		}
		// The second label plays the model's part; a person gives no
		// confidence, so ECE is not defined and is left at zero.
		items[i] = dataset.Item{Label: want}
		got[i] = l.Label
		got[i].Confidence = 1
	}
	s := Compare("two labellers", items, got)
	s.ECE = 0
	return s, nil
}

// WriteAgreement prints Agreement as one line of a Markdown table.
func WriteAgreement(w io.Writer, s Score) {
	fmt.Fprintf(w, "| set | items | intent macro-F1 | subtype acc | stage acc |\n|---|---:|---:|---:|---:|\n")
	fmt.Fprintf(w, "| %s | %d | %.3f | %.3f | %.3f |\n", s.Set, s.N, s.IntentF1, s.SubtypeAcc, s.StageAcc)
}
