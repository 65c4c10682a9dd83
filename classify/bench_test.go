package classify

import (
	"context"
	"fmt"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/seoplan/seoplan"
	"github.com/seoplan/seoplan/classify/internal/dataset"
)

func trainKeywords(b *testing.B) []seoplan.Keyword {
	items, err := dataset.ReadKeywords(filepath.Join("testdata", "keywords", "train.tsv"))
	if err != nil {
		b.Fatal(err)
	}
	kws := make([]seoplan.Keyword, len(items))
	for i, it := range items {
		kws[i] = seoplan.Keyword{Text: it.Keyword}
	}
	return kws
}

// BenchmarkKeywords labels the training keywords with Keywords (all cores).
// After the first pass prose's tags come from the phrase cache, as they do
// for a real list with repeated phrases or a second run in one process.
//
// Each benchmark runs with one worker (the baseline) and with GOMAXPROCS.
func BenchmarkKeywords(b *testing.B) { perWorkers(b, benchKeywords) }

func perWorkers(b *testing.B, fn func(*testing.B, *Classifier)) {
	for _, n := range []int{1, runtime.GOMAXPROCS(0)} {
		b.Run(fmt.Sprintf("workers=%d", n), func(b *testing.B) {
			c, err := New(WithWorkers(n))
			if err != nil {
				b.Fatal(err)
			}
			fn(b, c)
		})
	}
}

func benchKeywords(b *testing.B, c *Classifier) {
	kws := trainKeywords(b)
	c.Keywords(context.Background(), kws)
	n := 0
	for b.Loop() {
		c.Keywords(context.Background(), kws)
		n += len(kws)
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "keywords/s")
}

// BenchmarkKeywordsCold labels keywords never seen before: each is the
// first half of one training keyword joined to the second half of another
// and a modifier, so the phrase is new but, as in a real list, most words
// have been seen (prose tags each distinct word once; see
// feature.TagWords). BenchmarkKeywordsNewWords measures the worst case.
// coldRound makes every batch of every run new to the tag cache.
var coldRound int

var words = []string{"online", "near me", "uk", "free", "for teams", "2026", "guide", "cost", "app", "ideas"}

func BenchmarkKeywordsCold(b *testing.B) { perWorkers(b, benchKeywordsCold) }

func benchKeywordsCold(b *testing.B, c *Classifier) {
	base := trainKeywords(b)
	batch := make([]seoplan.Keyword, len(base))
	n := 0
	for b.Loop() {
		b.StopTimer()
		coldRound++
		round := coldRound
		for i, k := range base {
			a := strings.Fields(k.Text)
			o := strings.Fields(base[(i*7+round*131)%len(base)].Text)
			text := strings.Join(append(append([]string{}, a[:(len(a)+1)/2]...), o[len(o)/2:]...), " ")
			batch[i] = seoplan.Keyword{Text: fmt.Sprintf("%s %s", text, words[round%len(words)])}
		}
		b.StartTimer()
		c.Keywords(context.Background(), batch)
		n += len(batch)
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "keywords/s")
}

// benchPages builds n distinct 1,500-word pages from the training keywords:
// a title, an h1, eight h2s, links and main text of keyword phrases.
func benchPages(b *testing.B, n int) []seoplan.Page {
	kws := trainKeywords(b)
	pages := make([]seoplan.Page, n)
	for i := range pages {
		var text strings.Builder
		words := 0
		for j := 0; words < 1500; j++ {
			kw := kws[(i*131+j*7)%len(kws)].Text
			fmt.Fprintf(&text, "Teams ask about %s every week, and the answer depends on the plan. ", kw)
			words += 13 + len(strings.Fields(kw))
		}
		title := kws[(i*17)%len(kws)].Text
		p := seoplan.Page{
			Fetch: seoplan.Fetch{
				URL:         fmt.Sprintf("https://bench.example/blog/%s-%d", strings.ReplaceAll(title, " ", "-"), i),
				Status:      200,
				ContentType: "text/html",
			},
			Content: seoplan.Content{
				Title:     title + " | Bench",
				H1:        []string{title},
				MainText:  text.String(),
				WordCount: words,
				Links:     []seoplan.Link{{URL: "https://bench.example/demo", Text: "Book a demo"}, {URL: "https://bench.example/pricing", Text: "Pricing"}},
			},
		}
		for h := 0; h < 8; h++ {
			p.Headings = append(p.Headings, seoplan.Heading{Level: 2, Text: kws[(i*29+h*13)%len(kws)].Text})
		}
		pages[i] = p
	}
	return pages
}

// BenchmarkPages labels a 200-page site of 1,500-word pages with Site (all
// cores), key phrases included.
func BenchmarkPages(b *testing.B) { perWorkers(b, benchPages200) }

func benchPages200(b *testing.B, c *Classifier) {
	pages := benchPages(b, 200)
	n := 0
	for b.Loop() {
		if _, _, err := c.Site(context.Background(), pages); err != nil {
			b.Fatal(err)
		}
		n += len(pages)
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "pages/s")
}

// BenchmarkKeywordsNewWords labels keywords whose every word is new to the
// process, so each word costs a prose call: the worst case.
func BenchmarkKeywordsNewWords(b *testing.B) { perWorkers(b, benchKeywordsNewWords) }

func benchKeywordsNewWords(b *testing.B, c *Classifier) {
	const batch = 1000
	kws := make([]seoplan.Keyword, batch)
	n := 0
	for b.Loop() {
		b.StopTimer()
		for i := range kws {
			coldRound++
			kws[i] = seoplan.Keyword{Text: fmt.Sprintf("zq%dx tool for zr%dy", coldRound, coldRound)}
		}
		b.StartTimer()
		c.Keywords(context.Background(), kws)
		n += batch
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "keywords/s")
}
