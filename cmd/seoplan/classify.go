package main

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"
	"unicode"

	"github.com/seoplan/seoplan"
	"github.com/seoplan/seoplan/classify"
	"github.com/seoplan/seoplan/crawldb"
	"github.com/seoplan/seoplan/internal/kwfile"
	"github.com/seoplan/seoplan/internal/progress"
	"github.com/spf13/cobra"
)

// classifyOpts are the classify command's flags.
type classifyOpts struct {
	db       string
	keywords string
	format   string
	explain  bool
}

func newClassifyCmd(e *env) *cobra.Command {
	var o classifyOpts
	cmd := &cobra.Command{
		Use:   "classify",
		Short: "Label pages or keywords as product, problem or other intent",
		Long: `classify labels the pages of the latest crawl (--db) or the keywords of a
keyword file (--keywords FILE, or - for standard input) with an intent
(product, problem, other), a subtype, a funnel stage, a calibrated confidence
and the signals behind it.

A keyword file is a plain list, one keyword a line, or a CSV export of Google
Search Console, Ahrefs or Semrush (detected by its header); their volume,
clicks, impressions, position and URL columns are kept in the output.`,
		Example: `  seoplan classify --keywords keywords.csv --explain
  seoplan classify --db site.db --format jsonl > labels.jsonl
  cat list.txt | seoplan classify --keywords - --format csv`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runClassify(cmd, e, o)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.db, "db", "", "crawl database whose latest crawl's pages to label")
	f.StringVar(&o.keywords, "keywords", "", "keyword file to label (plain list or GSC/Ahrefs/Semrush CSV); - reads standard input")
	f.StringVar(&o.format, "format", "table", "output format: table, jsonl or csv")
	f.BoolVar(&o.explain, "explain", false, "add the signals column to the table")
	return cmd
}

func runClassify(cmd *cobra.Command, e *env, o classifyOpts) error {
	switch o.format {
	case "table", "jsonl", "csv":
	default:
		return usagef("unknown --format %q: use table, jsonl or csv", o.format)
	}
	switch {
	case o.db != "" && o.keywords != "":
		return usagef("give either --db or --keywords, not both")
	case o.db == "" && o.keywords == "":
		return usagef("nothing to classify: give --db FILE or --keywords FILE (- for standard input)")
	}
	c, bar, err := newClassifier(e)
	if err != nil {
		return err
	}
	defer bar.Finish()
	if o.db != "" {
		return classifyDB(cmd, e, c, bar, o)
	}
	var r io.Reader = e.stdin
	name := "standard input"
	if o.keywords != "-" {
		f, err := os.Open(o.keywords)
		if err != nil {
			return usagef("--keywords: %v", err)
		}
		defer f.Close()
		r, name = f, o.keywords
	}
	kws, st, err := kwfile.Parse(r)
	if err != nil {
		return usagef("--keywords %s: %v", name, err)
	}
	noteDropped(e.stderr, name, st)
	if len(kws) == 0 {
		return fmt.Errorf("%s: no keywords found", name)
	}
	labeled := c.Keywords(cmd.Context(), kws)
	if err := cmd.Context().Err(); err != nil {
		return fmt.Errorf("classify keywords: %w", err)
	}
	return writeClassifiedKeywords(e.stdout, labeled, o)
}

// classifyKeywordRow is one jsonl line for a keyword: its label and the keyword
// file's metrics.
type classifyKeywordRow struct {
	Keyword     string   `json:"keyword"`
	Intent      string   `json:"intent"`
	Subtype     string   `json:"subtype"`
	Stage       string   `json:"stage"`
	Confidence  float64  `json:"confidence"`
	Signals     []string `json:"signals"`
	Volume      int      `json:"volume,omitempty"`
	Clicks      int      `json:"clicks,omitempty"`
	Impressions int      `json:"impressions,omitempty"`
	Position    float64  `json:"position,omitempty"`
	URL         string   `json:"url,omitempty"`
	Source      string   `json:"source,omitempty"`
}

// classifyPageRow is one jsonl line for a page.
type classifyPageRow struct {
	URL        string              `json:"url"`
	Intent     string              `json:"intent"`
	Subtype    string              `json:"subtype"`
	Stage      string              `json:"stage"`
	Confidence float64             `json:"confidence"`
	Signals    []string            `json:"signals"`
	KeyPhrases []seoplan.KeyPhrase `json:"keyphrases"`
}

func classifyConf(f float64) string { return strconv.FormatFloat(f, 'f', 2, 64) }

func writeClassifiedKeywords(w io.Writer, kws []seoplan.LabeledKeyword, o classifyOpts) error {
	metrics := map[string]bool{}
	for _, k := range kws {
		metrics["volume"] = metrics["volume"] || k.Keyword.Volume != 0
		metrics["clicks"] = metrics["clicks"] || k.Keyword.Clicks != 0
		metrics["impressions"] = metrics["impressions"] || k.Keyword.Impressions != 0
		metrics["position"] = metrics["position"] || k.Keyword.Position != 0
		metrics["url"] = metrics["url"] || k.Keyword.URL != ""
	}
	switch o.format {
	case "jsonl":
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		for _, k := range kws {
			l := k.Label
			row := classifyKeywordRow{Keyword: k.Keyword.Text, Intent: string(l.Intent), Subtype: string(l.Subtype), Stage: string(l.Stage),
				Confidence: classifyRound(l.Confidence), Signals: classifyNonNil(l.Signals), Volume: k.Keyword.Volume, Clicks: k.Keyword.Clicks,
				Impressions: k.Keyword.Impressions, Position: k.Keyword.Position, URL: k.Keyword.URL, Source: k.Keyword.Source}
			if err := enc.Encode(row); err != nil {
				return fmt.Errorf("write jsonl: %w", err)
			}
		}
		return nil
	case "csv":
		cw := csv.NewWriter(w)
		cw.Write([]string{"keyword", "intent", "subtype", "stage", "confidence", "volume", "clicks", "impressions", "position", "url", "signals"})
		for _, k := range kws {
			l := k.Label
			cw.Write([]string{classifyCSVCell(k.Keyword.Text), string(l.Intent), string(l.Subtype), string(l.Stage), classifyConf(l.Confidence),
				strconv.Itoa(k.Keyword.Volume), strconv.Itoa(k.Keyword.Clicks), strconv.Itoa(k.Keyword.Impressions),
				strconv.FormatFloat(k.Keyword.Position, 'f', -1, 64), classifyCSVCell(k.Keyword.URL), classifyCSVCell(strings.Join(l.Signals, "; "))})
		}
		cw.Flush()
		if err := cw.Error(); err != nil {
			return fmt.Errorf("write csv: %w", err)
		}
		return nil
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	head := []string{"KEYWORD", "INTENT", "SUBTYPE", "STAGE", "CONF"}
	for _, m := range []string{"volume", "clicks", "impressions", "position"} {
		if metrics[m] {
			head = append(head, strings.ToUpper(m))
		}
	}
	if o.explain {
		head = append(head, "SIGNALS")
	}
	fmt.Fprintln(tw, strings.Join(head, "\t"))
	for _, k := range kws {
		l := k.Label
		cells := []string{classifyPrintable(k.Keyword.Text), string(l.Intent), string(l.Subtype), string(l.Stage), classifyConf(l.Confidence)}
		if metrics["volume"] {
			cells = append(cells, strconv.Itoa(k.Keyword.Volume))
		}
		if metrics["clicks"] {
			cells = append(cells, strconv.Itoa(k.Keyword.Clicks))
		}
		if metrics["impressions"] {
			cells = append(cells, strconv.Itoa(k.Keyword.Impressions))
		}
		if metrics["position"] {
			cells = append(cells, strconv.FormatFloat(k.Keyword.Position, 'f', -1, 64))
		}
		if o.explain {
			cells = append(cells, classifyPrintable(strings.Join(l.Signals, ", ")))
		}
		fmt.Fprintln(tw, strings.Join(cells, "\t"))
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("write table: %w", err)
	}
	return nil
}

func writeClassifiedPages(w io.Writer, pages []seoplan.LabeledPage, o classifyOpts) error {
	switch o.format {
	case "jsonl":
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		for _, p := range pages {
			l := p.Label
			kps := p.KeyPhrases
			if kps == nil {
				kps = []seoplan.KeyPhrase{}
			}
			row := classifyPageRow{URL: p.Page.URL, Intent: string(l.Intent), Subtype: string(l.Subtype), Stage: string(l.Stage),
				Confidence: classifyRound(l.Confidence), Signals: classifyNonNil(l.Signals), KeyPhrases: kps}
			if err := enc.Encode(row); err != nil {
				return fmt.Errorf("write jsonl: %w", err)
			}
		}
		return nil
	case "csv":
		cw := csv.NewWriter(w)
		cw.Write([]string{"url", "intent", "subtype", "stage", "confidence", "keyphrases", "signals"})
		for _, p := range pages {
			l := p.Label
			cw.Write([]string{classifyCSVCell(p.Page.URL), string(l.Intent), string(l.Subtype), string(l.Stage), classifyConf(l.Confidence),
				classifyCSVCell(strings.Join(classifyPhrases(p.KeyPhrases), "; ")), classifyCSVCell(strings.Join(l.Signals, "; "))})
		}
		cw.Flush()
		if err := cw.Error(); err != nil {
			return fmt.Errorf("write csv: %w", err)
		}
		return nil
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	head := "URL\tINTENT\tSUBTYPE\tSTAGE\tCONF\tKEY PHRASES"
	if o.explain {
		head += "\tSIGNALS"
	}
	fmt.Fprintln(tw, head)
	for _, p := range pages {
		l := p.Label
		kp := classifyPhrases(p.KeyPhrases)
		if len(kp) > 3 {
			kp = kp[:3]
		}
		line := strings.Join([]string{classifyPrintable(p.Page.URL), string(l.Intent), string(l.Subtype), string(l.Stage), classifyConf(l.Confidence), classifyPrintable(strings.Join(kp, ", "))}, "\t")
		if o.explain {
			line += "\t" + classifyPrintable(strings.Join(l.Signals, ", "))
		}
		fmt.Fprintln(tw, line)
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("write table: %w", err)
	}
	return nil
}

func classifyPhrases(kps []seoplan.KeyPhrase) []string {
	out := make([]string, len(kps))
	for i, k := range kps {
		out[i] = k.Phrase
	}
	return out
}

func classifyRound(f float64) float64 { v, _ := strconv.ParseFloat(classifyConf(f), 64); return v }

func classifyNonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// printable makes untrusted text (keywords, crawled URLs and titles) safe
// for a terminal table: control characters, which could move the cursor or
// break the columns, become spaces.
func classifyPrintable(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' {
			return ' '
		}
		return r
	}, s)
}

// csvSafe defuses spreadsheet formula injection: a cell that starts with
// =, +, - or @ is prefixed with an apostrophe, as OWASP recommends.
func classifyCSVCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// newClassifier loads the classifier with a progress bar on standard error
// for the pages it labels; the caller finishes the bar once they are.
func newClassifier(e *env) (*classify.Classifier, *progress.Bar, error) {
	bar := progress.New(e.stderr, "classifying")
	c, err := classify.New(classify.WithProgress(func(done, total int) { bar.Set(int64(done), int64(total), "") }))
	if err != nil {
		return nil, nil, fmt.Errorf("load classifier: %w", err)
	}
	return c, bar, nil
}

// classifyDB labels the latest crawl's pages, learning the site's names
// from them first.
func classifyDB(cmd *cobra.Command, e *env, c *classify.Classifier, bar *progress.Bar, o classifyOpts) error {
	ctx := cmd.Context()
	if _, err := os.Stat(o.db); err != nil {
		return usagef("--db %s: no crawl database there (run seoplan crawl URL --db %s first)", o.db, o.db)
	}
	db, err := crawldb.Open(ctx, o.db)
	if errors.Is(err, crawldb.ErrUnusable) {
		return usagef("--db %s: %v", o.db, err)
	}
	if err != nil {
		return fmt.Errorf("open crawl database: %w", err)
	}
	defer db.Close()
	snap, err := db.Latest(ctx)
	if errors.Is(err, crawldb.ErrNoCrawl) {
		return usagef("%s holds no crawl yet: run seoplan crawl URL --db %s", o.db, o.db)
	}
	if err != nil {
		return fmt.Errorf("read crawl database: %w", err)
	}
	var pages []seoplan.Page
	err = db.Pages(ctx, snap.ID, func(p seoplan.Page) error {
		if p.IsHTML() || p.Status >= 400 {
			pages = append(pages, p)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("read pages of crawl %d: %w", snap.ID, err)
	}
	if len(pages) == 0 {
		return fmt.Errorf("crawl %d in %s has no HTML pages to classify", snap.ID, o.db)
	}
	labeled, _, err := c.Site(ctx, pages)
	if err != nil {
		return err
	}
	bar.Finish()
	fmt.Fprintf(e.stderr, "seoplan: labelled %d pages of crawl %d (%s)\n", len(labeled), snap.ID, classifyPrintable(snap.StartURL))
	return writeClassifiedPages(e.stdout, labeled, o)
}
