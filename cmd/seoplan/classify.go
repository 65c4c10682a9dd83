package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/seoplan/seoplan"
	"github.com/seoplan/seoplan/internal/kwfile"
	"github.com/seoplan/seoplan/templates"
	"github.com/spf13/cobra"
)

// classifyOpts are the classify command's flags.
type classifyOpts struct {
	db       string
	keywords string
	format   string
	explain  bool
	partial  bool
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
	f.BoolVar(&o.partial, "partial", false, "label the pages of an unfinished crawl (interrupted, killed or failed) instead of refusing")
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
	l, err := newLabeler(e.stderr)
	if err != nil {
		return err
	}
	defer l.done()
	if o.db != "" {
		return classifyDB(cmd, e, l, o)
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
	labeled := l.c.Keywords(cmd.Context(), kws)
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
			cw.Write([]string{templates.CSVCell(k.Keyword.Text), string(l.Intent), string(l.Subtype), string(l.Stage), classifyConf(l.Confidence),
				strconv.Itoa(k.Keyword.Volume), strconv.Itoa(k.Keyword.Clicks), strconv.Itoa(k.Keyword.Impressions),
				strconv.FormatFloat(k.Keyword.Position, 'f', -1, 64), templates.CSVCell(k.Keyword.URL), templates.CSVCell(strings.Join(l.Signals, "; "))})
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
		cells := []string{printable(k.Keyword.Text), string(l.Intent), string(l.Subtype), string(l.Stage), classifyConf(l.Confidence)}
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
			cells = append(cells, printable(strings.Join(l.Signals, ", ")))
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
			cw.Write([]string{templates.CSVCell(p.Page.URL), string(l.Intent), string(l.Subtype), string(l.Stage), classifyConf(l.Confidence),
				templates.CSVCell(strings.Join(classifyPhrases(p.KeyPhrases), "; ")), templates.CSVCell(strings.Join(l.Signals, "; "))})
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
		line := strings.Join([]string{printable(p.Page.URL), string(l.Intent), string(l.Subtype), string(l.Stage), classifyConf(l.Confidence), printable(strings.Join(kp, ", "))}, "\t")
		if o.explain {
			line += "\t" + printable(strings.Join(l.Signals, ", "))
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

// classifyDB labels the latest crawl's pages, learning the site's names
// from them first, and lists the HTML pages and the failed ones, not
// redirects and resources. It labels every page as plan does, so that the
// labels it stores are the ones plan would make.
func classifyDB(cmd *cobra.Command, e *env, l *labeler, o classifyOpts) error {
	ctx := cmd.Context()
	db, err := openDB(ctx, o.db, "")
	if err != nil {
		return err
	}
	defer db.Close()
	snap, err := latestCrawl(ctx, db, o.db, "", o.partial)
	if err != nil {
		return err
	}
	all, _, err := l.snapshot(ctx, db, snap)
	if err != nil {
		return err
	}
	l.done()
	noteLabels(e.stderr, l)
	var labeled []seoplan.LabeledPage
	for _, p := range all {
		if p.Page.IsHTML() || p.Page.Status >= 400 {
			labeled = append(labeled, p)
		}
	}
	if len(labeled) == 0 {
		return fmt.Errorf("crawl %d in %s has no HTML pages to classify", snap.ID, o.db)
	}
	fmt.Fprintf(e.stderr, "seoplan: labelled %d pages of crawl %d (%s)\n", len(labeled), snap.ID, printable(snap.StartURL))
	return writeClassifiedPages(e.stdout, labeled, o)
}
