package nlp

// This file is prose's averaged-perceptron part-of-speech tagger (tag.go
// and tokenize.go of github.com/jdkato/prose/v2 v2.0.0, MIT License,
// Copyright (c) 2017-2018 Joseph Kato), with prose's own weights, and one
// change: predict adds a word's feature weights in a fixed order and breaks
// ties by tag. prose ranges over Go maps there, whose order changes from run
// to run, so a word whose two best tags score within rounding of each other
// ("remote": noun or adjective) could be tagged differently in two runs, and
// a large site's key phrases, clusters and roadmap with it.

import (
	"bytes"
	"encoding/gob"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/jdkato/prose/v2"
	"github.com/mingrammer/commonregex"
)

// perceptron holds prose's tagger weights in a form that predicts the same
// tag on every run.
type perceptron struct {
	tagMap  map[string]string        // words prose tags without predicting
	weights map[string][]classWeight // feature → weights, by class index
	classes []string                 // tags, sorted
}

type classWeight struct {
	class  int
	weight float64
}

// The tagger model's files among the assets prose embeds; prose.Asset is
// prose's public accessor for them (go-bindata's), and the files are the
// gob encodings prose's own tagger decodes (newPerceptronTagger in its
// tag.go). TestTaggerMatchesProse checks that the two taggers agree.
const (
	tagsAsset    = "model/AveragedPerceptron/tags.gob"
	weightsAsset = "model/AveragedPerceptron/weights.gob"
)

// loadPerceptron decodes prose's tagger model from the assets prose
// embeds.
func loadPerceptron() (*perceptron, error) {
	var tagMap map[string]string
	var weights map[string]map[string]float64
	if err := decodeAsset(tagsAsset, &tagMap); err != nil {
		return nil, err
	}
	if err := decodeAsset(weightsAsset, &weights); err != nil {
		return nil, err
	}
	return newPerceptron(tagMap, weights), nil
}

func decodeAsset(name string, v any) error {
	b, err := prose.Asset(name)
	if err != nil {
		return fmt.Errorf("prose tagger model: %w", err)
	}
	if err := gob.NewDecoder(bytes.NewReader(b)).Decode(v); err != nil {
		return fmt.Errorf("prose tagger model %s: %w", name, err)
	}
	return nil
}

// newPerceptron orders prose's weights: the classes sorted, and each
// feature's weights by class, so predict adds them in the same order on
// every run.
func newPerceptron(tagMap map[string]string, weights map[string]map[string]float64) *perceptron {
	classSet := map[string]bool{}
	for _, byClass := range weights {
		for c := range byClass {
			classSet[c] = true
		}
	}
	p := &perceptron{tagMap: tagMap, weights: make(map[string][]classWeight, len(weights))}
	for c := range classSet {
		p.classes = append(p.classes, c)
	}
	slices.Sort(p.classes)
	index := make(map[string]int, len(p.classes))
	for i, c := range p.classes {
		index[c] = i
	}
	for feat, byClass := range weights {
		cw := make([]classWeight, 0, len(byClass))
		for c, w := range byClass {
			cw = append(cw, classWeight{index[c], w})
		}
		slices.SortFunc(cw, func(a, b classWeight) int { return a.class - b.class })
		p.weights[feat] = cw
	}
	return p
}

var (
	noneRE = regexp.MustCompile(`^(?:0|\*[\w?]\*|\*\-\d{1,3}|\*[A-Z]+\*\-\d{1,3}|\*)$`)
	keepRE = regexp.MustCompile(`^\-[A-Z]{3}\-$`)
)

// tag tags words (as prose's tokenizer split them) in order.
func (p *perceptron) tag(words []string) []string {
	p1, p2 := "-START-", "-START2-"
	n := len(words) + 4
	ctx := make([]string, n)
	ctx[0], ctx[1] = p1, p2
	for i, w := range words {
		ctx[i+2] = normalize(w)
	}
	ctx[n-2], ctx[n-1] = "-END-", "-END2-"
	tags := make([]string, len(words))
	scores, hit := make([]float64, len(p.classes)), make([]bool, len(p.classes))
	for i, word := range words {
		var tag string
		var found bool
		switch {
		case word == "-":
			tag = "-"
		case emoticons[word]:
			tag = "SYM"
		case commonregex.LinkRegex.MatchString(word) || commonregex.EmailRegex.MatchString(word) || strings.HasPrefix(word, "@"):
			tag = "NN"
		case noneRE.MatchString(word):
			tag = "-NONE-"
		case keepRE.MatchString(word):
			tag = word
		default:
			if tag, found = p.tagMap[word]; !found {
				tag = p.predict(featurize(i, ctx, word, p1, p2), scores, hit)
			}
		}
		tags[i] = tag
		p2, p1 = p1, tag
	}
	return tags
}

// feature is one feature of a word and how often it occurs.
type feature struct {
	key   string
	count float64
}

// predict scores the classes by the features in the order featurize made
// them, and picks the best of the classes any feature weighs, the first in
// tag order on a tie.
func (p *perceptron) predict(feats []feature, scores []float64, hit []bool) string {
	clear(scores)
	clear(hit)
	for _, f := range feats {
		for _, cw := range p.weights[f.key] {
			scores[cw.class] += f.count * cw.weight
			hit[cw.class] = true
		}
	}
	best := -1
	for i, s := range scores {
		if hit[i] && (best < 0 || s > scores[best]) {
			best = i
		}
	}
	if best < 0 {
		return ""
	}
	return p.classes[best]
}

// featurize is prose's: the features of word i in context ctx, given the
// two tags before it. A feature repeated counts twice, as in prose.
func featurize(i int, ctx []string, w, p1, p2 string) []feature {
	suf := min(len(w), 3)
	i = min(len(ctx)-2, i+2)
	iminus := min(len(ctx[i-1]), 3)
	iplus := min(len(ctx[i+1]), 3)
	keys := [...]string{
		"bias",
		"i suffix " + w[len(w)-suf:],
		"i pref1 " + string(w[0]),
		"i-1 tag " + p1,
		"i-2 tag " + p2,
		"i tag+i-2 tag " + p1 + " " + p2,
		"i word " + ctx[i],
		"i-1 tag+i word " + p1 + " " + ctx[i],
		"i-1 word " + ctx[i-1],
		"i-1 suffix " + ctx[i-1][len(ctx[i-1])-iminus:],
		"i-2 word " + ctx[i-2],
		"i+1 word " + ctx[i+1],
		"i+1 suffix " + ctx[i+1][len(ctx[i+1])-iplus:],
		"i+2 word " + ctx[i+2],
	}
	out := make([]feature, 0, len(keys))
	for _, k := range keys {
		if j := slices.IndexFunc(out, func(f feature) bool { return f.key == k }); j >= 0 {
			out[j].count++
			continue
		}
		out = append(out, feature{k, 1})
	}
	return out
}

func normalize(word string) string {
	if word == "" {
		return word
	}
	first := string(word[0])
	if strings.Contains(word, "-") && first != "-" {
		return "!HYPHEN"
	} else if _, err := strconv.Atoi(word); err == nil && len(word) == 4 {
		return "!YEAR"
	} else if _, err := strconv.Atoi(first); err == nil {
		return "!DIGITS"
	}
	return strings.ToLower(word)
}

var emoticons = map[string]bool{
	"(-8":         true,
	"(-;":         true,
	"(-_-)":       true,
	"(._.)":       true,
	"(:":          true,
	"(=":          true,
	"(o:":         true,
	"(¬_¬)":       true,
	"(ಠ_ಠ)":       true,
	"(╯°□°）╯︵┻━┻": true,
	"-__-":        true,
	"8-)":         true,
	"8-D":         true,
	"8D":          true,
	":(":          true,
	":((":         true,
	":(((":        true,
	":()":         true,
	":)))":        true,
	":-)":         true,
	":-))":        true,
	":-)))":       true,
	":-*":         true,
	":-/":         true,
	":-X":         true,
	":-]":         true,
	":-o":         true,
	":-p":         true,
	":-x":         true,
	":-|":         true,
	":-}":         true,
	":0":          true,
	":3":          true,
	":P":          true,
	":]":          true,
	":`(":         true,
	":`)":         true,
	":`-(":        true,
	":o":          true,
	":o)":         true,
	"=(":          true,
	"=)":          true,
	"=D":          true,
	"=|":          true,
	"@_@":         true,
	"O.o":         true,
	"O_o":         true,
	"V_V":         true,
	"XDD":         true,
	"[-:":         true,
	"^___^":       true,
	"o_0":         true,
	"o_O":         true,
	"o_o":         true,
	"v_v":         true,
	"xD":          true,
	"xDD":         true,
	"¯\\(ツ)/¯":    true,
}
