package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/seoplan/seoplan"
	"github.com/seoplan/seoplan/templates"
)

// reportFlags are the plan command's client-report outputs: each names a
// file (or, for --briefs, a directory) to write, "" for none.
type reportFlags struct {
	html, client, agency, logo string
	csv, ics, briefs           string
	// progress, when set (see earlierProgress), leads the HTML report.
	progress *seoplan.Progress
}

// addReportFlags registers --html, --client, --agency, --logo, --csv, --ics
// and --briefs on cmd.
func addReportFlags(cmd *cobra.Command, f *reportFlags) {
	fl := cmd.Flags()
	fl.StringVar(&f.html, "html", "", "write a self-contained HTML client report to `file`")
	fl.StringVar(&f.client, "client", "", "client `name` on the report's cover (default: the site's host)")
	fl.StringVar(&f.agency, "agency", "", "agency `name` on the report's cover")
	fl.StringVar(&f.logo, "logo", "", "PNG, JPEG, GIF or WebP `file` embedded on the report's cover")
	fl.StringVar(&f.csv, "csv", "", "write the editorial calendar as CSV to `file` (Sheets, Notion, Asana, Trello)")
	fl.StringVar(&f.ics, "ics", "", "write the editorial calendar as iCalendar to `file`")
	fl.StringVar(&f.briefs, "briefs", "", "write one Markdown content brief per proposal into `dir`")
}

// validate checks what can be checked before the slow work starts, so a
// typo fails in a second rather than after a crawl.
func (f *reportFlags) validate() error {
	if (f.client != "" || f.agency != "" || f.logo != "") && f.html == "" {
		return usagef("--client, --agency and --logo go with --html FILE")
	}
	if f.logo != "" {
		if _, err := os.Stat(f.logo); err != nil {
			return usagef("--logo: %v", err)
		}
	}
	return nil
}

// writeReports writes every file f asks for from the plan p and its roadmap
// Markdown md. Each file is written to a temporary file beside it and
// renamed into place, so a failure never leaves half a report.
func writeReports(ctx context.Context, e *env, p *seoplan.Plan, md []byte, f *reportFlags) error {
	if err := f.validate(); err != nil {
		return err
	}
	if f.html != "" {
		opts := []templates.HTMLOption{templates.WithClient(f.client), templates.WithAgency(f.agency)}
		if f.logo != "" {
			logo, err := os.ReadFile(f.logo)
			if err != nil {
				return fmt.Errorf("read --logo: %w", err)
			}
			opts = append(opts, templates.WithLogo(logo))
		}
		if f.progress != nil {
			opts = append(opts, templates.WithProgress(f.progress))
		}
		if err := reportWriteFile(f.html, func(w io.Writer) error { return templates.HTML(w, p, md, opts...) }); err != nil {
			return err
		}
	}
	if f.csv != "" {
		if err := reportWriteFile(f.csv, func(w io.Writer) error { return templates.CSV(w, p) }); err != nil {
			return err
		}
	}
	if f.ics != "" {
		if err := reportWriteFile(f.ics, func(w io.Writer) error { return templates.ICS(w, p) }); err != nil {
			return err
		}
	}
	if f.briefs != "" {
		if err := os.MkdirAll(f.briefs, 0o755); err != nil {
			return fmt.Errorf("--briefs: %w", err)
		}
		for _, pr := range p.Proposals {
			if err := ctx.Err(); err != nil {
				return err
			}
			path := filepath.Join(f.briefs, templates.BriefName(pr))
			if err := reportWriteFile(path, func(w io.Writer) error { return templates.Brief(w, p, pr) }); err != nil {
				return err
			}
		}
		fmt.Fprintf(e.stderr, "seoplan: wrote %d briefs to %s\n", len(p.Proposals), f.briefs)
	}
	return nil
}

// reportWriteFile renders into memory and writes the result atomically.
func reportWriteFile(path string, render func(io.Writer) error) error {
	var buf bytes.Buffer
	if err := render(&buf); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return writeFileAtomic(path, buf.Bytes())
}
