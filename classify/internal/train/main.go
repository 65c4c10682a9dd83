// Command train rebuilds classify/model.json from the labelled training data
// in classify/testdata. Run it with `go generate ./classify` from the module
// root after changing the data or the features.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/seoplan/seoplan/classify/internal/trainer"
)

func main() {
	data := flag.String("data", "testdata", "directory with keywords/train.tsv and pages/train.jsonl")
	out := flag.String("o", "model.json", `model file to write ("" to only report)`)
	verbose := flag.Bool("v", false, "list every cross-validation error")
	seed := flag.Uint("seed", 0, `assign cross-validation folds by this seed, to see how much the figures move with the split (use with -o "")`)
	flag.Parse()
	trainer.FoldSeed = uint32(*seed)
	b, err := trainer.Build(*data, os.Stderr, *verbose)
	if err != nil {
		fmt.Fprintf(os.Stderr, "train: %v\n", err)
		os.Exit(1)
	}
	if *out == "" {
		return
	}
	tmp := *out + ".tmp"
	if err := os.WriteFile(tmp, b, 0o644); err != nil {
		fmt.Fprintf(os.Stderr, "train: %v\n", err)
		os.Exit(1)
	}
	if err := os.Rename(tmp, *out); err != nil {
		fmt.Fprintf(os.Stderr, "train: %v\n", err)
		os.Exit(1)
	}
}
