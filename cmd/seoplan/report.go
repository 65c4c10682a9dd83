package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/seoplan/seoplan"
	"github.com/seoplan/seoplan/templates"
)

// reportFlags are the plan command's client-report outputs: each names a
// file (or, for --briefs, a directory) to write, "" for none.
type reportFlags struct {
	html, client, agency, logo string
	// pdf is the report printed through Chromium (chromium, found by
	// validate), with page numbers in its contents.
	pdf, chromium    string
	footer           string
	whiteLabel       bool
	csv, ics, briefs string
	briefsURL        string
	csvExcel         bool
	// made is when the files are made (calendar.ics's DTSTAMP); zero
	// means now.
	made time.Time
	// progress, when set (see earlierProgress), leads the HTML report.
	progress *seoplan.Change
	// date, when set, dates the report's cover instead of the crawl.
	date time.Time
}

// addReportFlags registers --html, --pdf, --client, --agency, --logo, --footer,
// --white-label, --csv, --csv-excel, --ics, --briefs and --briefs-url on cmd.
func addReportFlags(cmd *cobra.Command, f *reportFlags) {
	fl := cmd.Flags()
	fl.StringVar(&f.html, "html", "", "write a self-contained HTML client report to `file`")
	fl.StringVar(&f.pdf, "pdf", "", "print the client report to a PDF `file` through Chromium, with page numbers in its contents")
	fl.StringVar(&f.client, "client", "", "client `name` on the report's cover (default: the site's host)")
	fl.StringVar(&f.agency, "agency", "", "agency `name` on the report's cover")
	fl.StringVar(&f.logo, "logo", "", "PNG, JPEG, GIF or WebP `file` embedded on the report's cover")
	fl.StringVar(&f.footer, "footer", "", "the report's footer `text` (default: \"Made with seoplan. From a crawl of SITE on DATE.\")")
	fl.BoolVar(&f.whiteLabel, "white-label", false, "leave seoplan's name out of the report's footer and metadata")
	fl.StringVar(&f.csv, "csv", "", "write the editorial calendar as CSV to `file` (Sheets, Excel, Notion, Asana, Trello)")
	fl.BoolVar(&f.csvExcel, "csv-excel", false, "write --csv for Excel: UTF-8 with a byte order mark and CRLF line ends")
	fl.StringVar(&f.briefsURL, "briefs-url", "", "`URL` of the folder the briefs will be shared in: calendar events and CSV rows link each brief there")
	fl.StringVar(&f.ics, "ics", "", "write the editorial calendar as iCalendar to `file`")
	fl.StringVar(&f.briefs, "briefs", "", "write one Markdown content brief per proposal into `dir`")
}

// validate checks what can be checked before the slow work starts, so a
// typo fails in a second rather than after a crawl.
func (f *reportFlags) validate() error {
	if (f.client != "" || f.agency != "" || f.logo != "" || f.footer != "" || f.whiteLabel) && f.html == "" && f.pdf == "" {
		return usagef("--client, --agency, --logo, --footer and --white-label go with --html FILE or --pdf FILE")
	}
	if f.pdf != "" && f.chromium == "" {
		p, err := findChromium()
		if err != nil {
			return usagef("%v", err)
		}
		f.chromium = p
	}
	if f.csvExcel && f.csv == "" {
		return usagef("--csv-excel goes with --csv FILE")
	}
	if f.briefsURL != "" {
		if u, err := url.Parse(f.briefsURL); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			return usagef("--briefs-url %q: give the full http:// or https:// address of the folder", f.briefsURL)
		}
	}
	if f.logo != "" {
		if err := checkLogoFile(f.logo); err != nil {
			return err
		}
	}
	return nil
}

// checkLogoFile reads the --logo file and checks it is an image the report
// can embed, so a wrong file fails before the crawl, not after it.
func checkLogoFile(path string) error {
	fh, err := os.Open(path)
	if err != nil {
		return usagef("--logo: %v", err)
	}
	defer fh.Close()
	// One byte over the limit is enough for CheckLogo to say it is too big.
	data, err := io.ReadAll(io.LimitReader(fh, templates.MaxLogo+1))
	if err != nil {
		return usagef("--logo %s: %v", path, err)
	}
	if _, err := templates.CheckLogo(data); err != nil {
		return usagef("--logo %s: %v", path, err)
	}
	return nil
}

// writeReports writes every file f asks for from the plan p. Each file is
// written to a temporary file beside it and renamed into place, so a
// failure never leaves half a report.
func writeReports(ctx context.Context, e *env, p *seoplan.Plan, f *reportFlags) error {
	if err := f.validate(); err != nil {
		return err
	}
	if f.html != "" || f.pdf != "" {
		opts, err := f.htmlOptions()
		if err != nil {
			return err
		}
		if f.html != "" {
			if err := reportWriteFile(f.html, func(w io.Writer) error { return templates.HTML(w, p, opts...) }); err != nil {
				return err
			}
		}
		if f.pdf != "" {
			if err := f.writePDF(ctx, e, p, opts); err != nil {
				return err
			}
		}
	}
	if f.csv != "" {
		opts := f.calendarOptions(f.csv)
		if f.csvExcel {
			opts = append(opts, templates.WithExcel())
		}
		if err := reportWriteFile(f.csv, func(w io.Writer) error { return templates.CSV(w, p, opts...) }); err != nil {
			return err
		}
	}
	if f.ics != "" {
		opts := f.calendarOptions(f.ics)
		if err := reportWriteFile(f.ics, func(w io.Writer) error { return templates.ICS(w, p, opts...) }); err != nil {
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

// writePDF prints the report to f.pdf through Chromium (see printPDF).
func (f *reportFlags) writePDF(ctx context.Context, e *env, p *seoplan.Plan, opts []templates.HTMLOption) error {
	render := func(pages map[string]int) ([]byte, error) {
		var buf bytes.Buffer
		err := templates.HTML(&buf, p, append(opts[:len(opts):len(opts)], templates.WithContentsPages(pages))...)
		return buf.Bytes(), err
	}
	pdf, _, err := printPDF(ctx, f.chromium, render)
	if errors.Is(err, errNoPageNumbers) {
		fmt.Fprintf(e.stderr, "seoplan: %s: %v\n", f.pdf, err)
	} else if err != nil {
		return fmt.Errorf("%s: %w", f.pdf, err)
	}
	if err := writeFileAtomic(f.pdf, pdf); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "seoplan: printed the report to %s through %s\n", f.pdf, f.chromium)
	return nil
}

// htmlOptions turns the report flags into the HTML report's options.
func (f *reportFlags) htmlOptions() ([]templates.HTMLOption, error) {
	opts := []templates.HTMLOption{templates.WithClient(f.client), templates.WithAgency(f.agency), templates.WithFooter(f.footer)}
	if f.logo != "" {
		logo, err := os.ReadFile(f.logo)
		if err != nil {
			return nil, fmt.Errorf("read --logo: %w", err)
		}
		opts = append(opts, templates.WithLogo(logo))
	}
	if f.whiteLabel {
		opts = append(opts, templates.WithWhiteLabel())
	}
	if f.progress != nil {
		opts = append(opts, templates.WithChange(f.progress))
	}
	if !f.date.IsZero() {
		opts = append(opts, templates.WithDate(f.date))
	}
	return opts, nil
}

// calendarOptions are the options of a calendar file written to path: when
// it was made, and where its briefs are, as seen from it.
func (f *reportFlags) calendarOptions(path string) []templates.CalendarOption {
	made := f.made
	if made.IsZero() {
		made = time.Now()
	}
	opts := []templates.CalendarOption{templates.WithStamp(made)}
	if f.briefsURL != "" {
		return append(opts, templates.WithBriefsURL(f.briefsURL))
	}
	briefs := f.briefs
	if briefs == "" {
		briefs = "briefs"
	} else if rel, err := filepath.Rel(filepath.Dir(path), briefs); err == nil {
		briefs = rel
	}
	return append(opts, templates.WithBriefs(briefs))
}

// reportWriteFile renders into memory and writes the result atomically.
func reportWriteFile(path string, render func(io.Writer) error) error {
	var buf bytes.Buffer
	if err := render(&buf); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return writeFileAtomic(path, buf.Bytes())
}
