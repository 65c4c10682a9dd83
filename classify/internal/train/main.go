// Command train rebuilds classify/model.json from the labelled training data
// in classify/testdata and the real-site corpus beside the repository
// (../shared/corpus or $SEOPLAN_CORPUS, whose text never enters the
// repository: the labels in classify/testdata/corpus name its records by
// URL). Run it with `go generate ./classify` from the module root after
// changing the data or the features.
//
// With -loso it trains once per real site, on every other site, the real
// queries and the team-written data, and prints how each left-out site is
// labelled: the honest measure of how the classifier does on sites it has
// not seen. With -team-only it trains on the team-written data alone, as
// the model was built before the corpus was labelled, for comparison.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/seoplan/seoplan/classify/internal/trainer"
	"github.com/seoplan/seoplan/internal/corpus"
)

func main() {
	data := flag.String("data", "testdata", "directory with keywords/, pages/ and corpus/ label files")
	out := flag.String("o", "model.json", `model file to write ("" to only report)`)
	verbose := flag.Bool("v", false, "list every cross-validation error")
	seed := flag.Uint("seed", 0, `assign cross-validation folds by this seed, to see how much the figures move with the split (use with -o "")`)
	loso := flag.Bool("loso", false, "print the leave-one-site-out evaluation instead of training")
	teamOnly := flag.Bool("team-only", false, "train on the team-written data alone, without the real-site corpus")
	flag.Parse()
	trainer.FoldSeed = uint32(*seed)
	dir := ""
	if *loso || !*teamOnly {
		var err error
		if dir, err = corpus.Dir(); err != nil {
			fail(err)
		}
	}
	if *loso {
		d, err := trainer.Load(*data, dir)
		if err != nil {
			fail(err)
		}
		a, err := trainer.Agreement(*data)
		if err != nil {
			fail(err)
		}
		fmt.Println("## Pages: two people's labels of the same pages, the ceiling to read the figures below against")
		trainer.WriteAgreement(os.Stdout, a)
		fmt.Println()
		trainer.LeaveOneSiteOut(d, os.Stdout)
		return
	}
	b, err := trainer.Build(*data, dir, os.Stderr, *verbose)
	if err != nil {
		fail(err)
	}
	if *out == "" {
		return
	}
	tmp := *out + ".tmp"
	if err := os.WriteFile(tmp, b, 0o644); err != nil {
		fail(err)
	}
	if err := os.Rename(tmp, *out); err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintf(os.Stderr, "train: %v\n", err)
	os.Exit(1)
}
