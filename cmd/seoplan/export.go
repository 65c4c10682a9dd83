package main

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/seoplan/seoplan"
	"github.com/seoplan/seoplan/crawldb"
	"github.com/seoplan/seoplan/templates"
)

func newExportCmd(e *env) *cobra.Command {
	var dbPath, format string
	var partial bool
	cmd := &cobra.Command{
		Use:   "export",
		Short: "Write the pages of the latest crawl as JSON lines or CSV",
		Long: `Export writes one record per fetched URL of the latest crawl in --db to
standard output, ordered by URL: as JSON lines (one object a line) or as CSV
with a header row. Lists (h1, schema types …) are joined with " | " in CSV.`,
		Example: `  seoplan export --db example.db > pages.jsonl
  seoplan export --db example.db --format csv > pages.csv`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runExport(cmd.Context(), e, dbPath, format, partial)
		},
	}
	cmd.Flags().StringVar(&dbPath, "db", "seoplan.db", "crawl database `file`")
	cmd.Flags().StringVar(&format, "format", "jsonl", "output format: jsonl or csv")
	cmd.Flags().BoolVar(&partial, "partial", false, "export the pages of an unfinished crawl (interrupted, killed or failed) instead of refusing")
	return cmd
}

// exportRecord is one exported page: the fetch fields and the extracted
// ones a spreadsheet can hold. Main text and links stay in the database.
type exportRecord struct {
	URL             string   `json:"url"`
	RequestedURL    string   `json:"requested_url,omitempty"`
	RedirectChain   []string `json:"redirect_chain,omitempty"`
	Status          int      `json:"status"`
	ContentType     string   `json:"content_type"`
	Size            int64    `json:"size"`
	ResponseTimeMS  float64  `json:"response_time_ms"`
	FetchedAt       string   `json:"fetched_at"`
	Error           string   `json:"error,omitempty"`
	Depth           int      `json:"depth"`
	InSitemap       bool     `json:"in_sitemap"`
	Rendered        string   `json:"rendered"`
	Title           string   `json:"title"`
	MetaDescription string   `json:"meta_description"`
	Canonical       string   `json:"canonical"`
	Noindex         bool     `json:"noindex"`
	Nofollow        bool     `json:"nofollow"`
	Lang            string   `json:"lang"`
	H1              []string `json:"h1"`
	WordCount       int      `json:"word_count"`
	SchemaTypes     []string `json:"schema_types"`
	OGType          string   `json:"og_type"`
	InternalLinks   int      `json:"internal_links"`
	ExternalLinks   int      `json:"external_links"`
}

// exportCSVHeader names the CSV columns: exportRecord's fields in order,
// by their JSON names, so the two formats cannot drift apart.
var exportCSVHeader = func() []string {
	t := reflect.TypeFor[exportRecord]()
	h := make([]string, t.NumField())
	for i := range h {
		h[i], _, _ = strings.Cut(t.Field(i).Tag.Get("json"), ",")
	}
	return h
}()

func newExportRecord(p seoplan.Page, internalLinks, externalLinks int) exportRecord {
	r := exportRecord{URL: p.URL, RequestedURL: p.RequestedURL, RedirectChain: p.RedirectChain,
		Status: p.Status, ContentType: p.ContentType, Size: p.Size,
		ResponseTimeMS: float64(p.ResponseTime.Microseconds()) / 1000,
		FetchedAt:      p.FetchedAt.UTC().Format(time.RFC3339), Error: p.Error, Depth: p.Depth,
		InSitemap: p.InSitemap, Rendered: p.Rendered, Title: p.Title, MetaDescription: p.MetaDescription,
		Canonical: p.Canonical, Noindex: p.Noindex, Nofollow: p.Nofollow, Lang: p.Lang,
		H1: p.H1, WordCount: p.WordCount, SchemaTypes: p.SchemaTypes, OGType: p.OGType,
		InternalLinks: internalLinks, ExternalLinks: externalLinks}
	return r
}

// csvRow is the record's cells in exportCSVHeader's order: lists joined
// with " | ", times in milliseconds to three places, every cell guarded
// against CSV injection.
func (r exportRecord) csvRow() []string {
	v := reflect.ValueOf(r)
	row := make([]string, v.NumField())
	for i := range row {
		switch f := v.Field(i); f.Kind() {
		case reflect.String:
			row[i] = f.String()
		case reflect.Int, reflect.Int64:
			row[i] = strconv.FormatInt(f.Int(), 10)
		case reflect.Bool:
			row[i] = strconv.FormatBool(f.Bool())
		case reflect.Float64:
			row[i] = strconv.FormatFloat(f.Float(), 'f', 3, 64)
		case reflect.Slice:
			row[i] = strings.Join(f.Interface().([]string), " | ")
		default:
			panic("export: no CSV form for " + f.Type().String())
		}
		row[i] = templates.CSVCell(row[i])
	}
	return row
}

func runExport(ctx context.Context, e *env, dbPath, format string, partial bool) error {
	if format != "jsonl" && format != "csv" {
		return usagef("--format %q: want jsonl or csv", format)
	}
	db, err := openDB(ctx, dbPath, "")
	if err != nil {
		return err
	}
	defer db.Close()
	snap, err := latestCrawl(ctx, db, dbPath, "", partial)
	if err != nil {
		return err
	}
	out := bufio.NewWriter(e.stdout)
	if err := writeExport(ctx, out, db, snap.ID, format); err != nil {
		return err
	}
	if err := out.Flush(); err != nil {
		return fmt.Errorf("write export: %w", err)
	}
	if snap.State != crawldb.StateDone {
		fmt.Fprintf(e.stderr, "seoplan: note: snapshot %d is %s, not finished; run the crawl again to complete it\n", snap.ID, snap.State)
	}
	return nil
}

func writeExport(ctx context.Context, w io.Writer, db *crawldb.DB, snapshotID int64, format string) error {
	if format == "csv" {
		cw := csv.NewWriter(w)
		if err := cw.Write(exportCSVHeader); err != nil {
			return fmt.Errorf("write export: %w", err)
		}
		err := db.PageSummaries(ctx, snapshotID, func(p seoplan.Page, in, out int) error {
			return cw.Write(newExportRecord(p, in, out).csvRow())
		})
		cw.Flush()
		if err == nil {
			err = cw.Error()
		}
		return err
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(true)
	return db.PageSummaries(ctx, snapshotID, func(p seoplan.Page, in, out int) error {
		return enc.Encode(newExportRecord(p, in, out))
	})
}
