package main

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"net/url"
	"os"
	"path/filepath"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/seoplan/seoplan/crawler"
	"github.com/seoplan/seoplan/internal/pdfdest"
)

// The client report as a PDF, printed by Chromium with page numbers in its
// contents.
//
// Chromium has no CSS target-counter(), and its layout cannot be asked on
// which page an element will print (emulating print media lays the page out
// as one long sheet). So --pdf prints the report, reads back from the PDF
// on which page each section starts (Chromium writes a named destination
// for every link target, and the contents links to every section), renders
// the report again with those numbers in its contents and prints it again.
// The contents has a page to itself, so the numbers move nothing; the
// second print is checked against the first, and printed a third time if
// they moved. The PDF also carries an outline (the bookmarks a PDF viewer
// lists) and is tagged for screen readers.

// errNoChromium is why --pdf cannot be used on this machine.
var errNoChromium = errors.New("--pdf prints through Chromium or Chrome, and neither is on PATH: install one (apt-get install chromium), or open the --html report in a browser and print it")

// findChromium returns the path of the browser --pdf prints with: the one
// crawl --render finds (crawler.FindBrowser).
func findChromium() (string, error) {
	p, err := crawler.FindBrowser("")
	if err != nil {
		return "", errNoChromium
	}
	return p, nil
}

// printTries bounds how often printPDF prints before the page numbers in
// the contents must agree with where the sections fell.
const printTries = 3

// errNoPageNumbers is why a PDF came out without page numbers in its
// contents: the pages could not be read back from Chromium's PDF, or they
// did not settle. printPDF then returns the PDF of its first print, which
// has no numbers, with this error, since no number beats a wrong one.
var errNoPageNumbers = errors.New("the contents has no page numbers")

// printPDF prints the report that render writes (given the page of each
// contents entry, nil for none) to PDF with the browser at chromium, and
// returns the PDF and the pages its contents shows.
func printPDF(ctx context.Context, chromium string, render func(pages map[string]int) ([]byte, error)) ([]byte, map[string]int, error) {
	dir, err := os.MkdirTemp("", "seoplan-pdf-")
	if err != nil {
		return nil, nil, err
	}
	defer os.RemoveAll(dir)
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromium),
		chromedp.Headless,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(filepath.Join(dir, "profile")),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
	}
	if os.Geteuid() == 0 {
		// Chromium refuses to start its sandbox as root.
		opts = append(opts, chromedp.NoSandbox)
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	defer cancelAlloc()
	bctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	if err := chromedp.Do(bctx); err != nil {
		return nil, nil, fmt.Errorf("start %s: %w", chromium, err)
	}
	var plain []byte // the first print, without page numbers
	var shown map[string]int
	for try := range printTries {
		html, err := render(shown)
		if err != nil {
			return nil, nil, err
		}
		// A file of its own per print, so each is a fresh page load.
		pdf, err := printFile(bctx, filepath.Join(dir, fmt.Sprintf("report-%d.html", try)), html)
		if err != nil {
			return nil, nil, err
		}
		if plain == nil {
			plain = pdf
		}
		fell, err := pdfdest.Pages(pdf)
		if err != nil {
			return plain, nil, fmt.Errorf("%w: reading them back from Chromium's PDF: %v", errNoPageNumbers, err)
		}
		if shown != nil && maps.Equal(fell, shown) {
			return pdf, shown, nil
		}
		shown = fell
	}
	return plain, nil, fmt.Errorf("%w: they still moved the sections after %d prints", errNoPageNumbers, printTries)
}

// printFile writes html to path, loads it and prints it on the paper its
// style sheet asks for (A4), backgrounds included.
func printFile(ctx context.Context, path string, html []byte) ([]byte, error) {
	if err := os.WriteFile(path, html, 0o600); err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	u := (&url.URL{Scheme: "file", Path: path}).String()
	if err := chromedp.Do(ctx, chromedp.Navigate(u), chromedp.WaitReady(chromedp.CSS("footer"))); err != nil {
		return nil, fmt.Errorf("load the report in Chromium: %w", err)
	}
	// Charts and the logo are data: URIs; wait until they are decoded.
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`Array.from(document.images).every(i => i.complete)`)); err != nil {
		return nil, fmt.Errorf("the report's images never loaded: %w", err)
	}
	pdf, err := chromedp.Run(ctx, chromedp.PrintToPDF(chromedp.PDFPreferCSSPageSize(), chromedp.PDFPrintBackground(), chromedp.PDFOutlineAndTagged()))
	if err != nil {
		return nil, fmt.Errorf("print the report: %w", err)
	}
	return pdf, nil
}
