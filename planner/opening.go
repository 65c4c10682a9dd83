package planner

import (
	"encoding/binary"
	"slices"
)

// openings holds, for each page a Slimmer slimmed, the stemmed words of
// the opening of its main text (its first textWords words), which is all
// that clustering reads of the text (pageTerms): each distinct word once,
// numbered, with how often the opening has it. On the crawl benchmark's
// site that is about 400 bytes a page, where the opening's text took
// 2.3 KB and was stemmed again when the plan read it.
type openings struct {
	st    *stemmer
	ids   map[string]uint32 // stem → its number
	vocab []string          // by number
	// pages holds each page's opening by URL, encoded (encodeOpening);
	// nil for a page whose label keeps it out of every cluster, which
	// nothing reads.
	pages map[string][]byte
	// counts and touched are add's scratch space: the count of each
	// word number, and the numbers counted.
	counts  []int32
	touched []uint32
}

func newOpenings() *openings {
	return &openings{st: newStemmer(), ids: map[string]uint32{}, pages: map[string][]byte{}}
}

// has reports whether the page at url has an opening recorded.
func (o *openings) has(url string) bool {
	_, ok := o.pages[url]
	return ok
}

// add records the opening of text under url.
func (o *openings) add(url, text string) {
	o.touched = o.touched[:0]
	eachWord(text, textWords, func(w string) {
		s := o.st.stem(w)
		if s == "" {
			return
		}
		id, ok := o.ids[s]
		if !ok {
			id = uint32(len(o.vocab))
			o.ids[s] = id
			o.vocab = append(o.vocab, s)
			o.counts = append(o.counts, 0)
		}
		if o.counts[id] == 0 {
			o.touched = append(o.touched, id)
		}
		o.counts[id]++
	})
	slices.Sort(o.touched)
	var b []byte
	prev := uint32(0)
	for _, id := range o.touched {
		b = binary.AppendUvarint(b, uint64(id-prev))
		b = binary.AppendUvarint(b, uint64(o.counts[id]))
		prev = id
		o.counts[id] = 0
	}
	// Its own length: append grows a slice by doubling.
	o.pages[url] = slices.Clip(b)
}

// drop records that the page at url was slimmed, but not its opening,
// which nothing will read.
func (o *openings) drop(url string) { o.pages[url] = nil }

// of returns the opening recorded for url and whether there is one.
func (o *openings) of(url string) ([]byte, bool) {
	b, ok := o.pages[url]
	return b, ok
}

// eachCount calls fn with each word of an opening (as add encoded it,
// in the order of their numbers) and how often the opening has it.
//
// An opening is a run of pairs of unsigned varints: the word's number
// less the number before it (the numbers ascend, so the gaps are small
// and most take one byte), then its count.
func (o *openings) eachCount(b []byte, fn func(word string, n int)) {
	id := uint64(0)
	for len(b) > 0 {
		gap, k := binary.Uvarint(b)
		n, m := binary.Uvarint(b[k:])
		b = b[k+m:]
		id += gap
		fn(o.vocab[id], int(n))
	}
}

// eachWord calls fn with each word of text, as strings.FieldsFunc with
// notWordRune cuts it, up to limit words (0 for all), without making the
// slice of every word of a long text that FieldsFunc makes.
func eachWord(text string, limit int, fn func(w string)) {
	start, n := -1, 0
	for i, r := range text {
		if notWordRune(r) {
			if start >= 0 {
				fn(text[start:i])
				start = -1
				if n++; n == limit {
					return
				}
			}
		} else if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		fn(text[start:])
	}
}
