package pdfdest

import (
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// buildPDF writes objs (object number i+1 is objs[i]) as a PDF with a
// classic cross-reference table, as Chromium does.
func buildPDF(objs []string, trailer string) []byte {
	var b strings.Builder
	b.WriteString("%PDF-1.4\n%\xd3\xeb\xe9\xe1\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n%s\nstartxref\n%d\n%%%%EOF\n", trailer, xref)
	return []byte(b.String())
}

// sample is a three-page document whose page tree nests, with the kinds of
// destination PDF allows: an array, a dictionary with /D, a reference to an
// array, and a name with an escape.
var sample = []string{
	"<</Type /Catalog /Pages 2 0 R /Dests 7 0 R /Outlines 9 0 R>>",
	"<</Type /Pages /Count 3 /Kids [3 0 R 4 0 R]>>",
	"<</Type /Pages /Count 2 /Kids [5 0 R 6 0 R] /Parent 2 0 R>>",
	"<</Type /Page /Parent 2 0 R /MediaBox [0 0 594.96 841.92]>>",
	"<</Type /Page /Parent 3 0 R /Contents 10 0 R>>",
	"<</Type /Page /Parent 3 0 R /Resources <</Font <</F1 11 0 R>>>> /Annots [<</Subtype /Link /Dest /summary>>]>>",
	"<</summary [5 0 R /XYZ 0 829.17 0]\n/topic-map <</D [6 0 R /XYZ 0 724.17 0]>>\n/audit 8 0 R\n/two#20words [4 0 R /Fit]\n/nowhere [99 0 R /Fit]>>",
	"[4 0 R /XYZ 0 (a \\) string) 0]",
	"<</Type /Outlines /Count 0>>",
	"<</Length 12 /Filter /FlateDecode>>\nstream\n1 0 obj << >>\nendstream",
}

func TestPages(t *testing.T) {
	got, err := Pages(buildPDF(sample, "<</Size 11 /Root 1 0 R>>"))
	if err != nil {
		t.Fatal(err)
	}
	// The page tree's order: 5, 6 (under 3), then 4.
	want := map[string]int{"summary": 1, "topic-map": 2, "audit": 3, "two words": 3}
	if !maps.Equal(got, want) {
		t.Errorf("Pages = %v, want %v", got, want)
	}
}

func TestPagesRefused(t *testing.T) {
	noDests := append([]string{"<</Type /Catalog /Pages 2 0 R>>"}, sample[1:]...)
	for _, tc := range []struct {
		name string
		pdf  []byte
	}{
		{"empty", nil},
		{"no startxref", []byte("%PDF-1.4\n1 0 obj <<>> endobj\n")},
		{"no dests", buildPDF(noDests, "<</Size 11 /Root 1 0 R>>")},
		{"no root", buildPDF(sample, "<</Size 11>>")},
		{"xref stream", []byte("%PDF-1.5\n1 0 obj\n<</Type /XRef /Size 1>>\nstream\n\nendstream\nendobj\nstartxref\n9\n%%EOF\n")},
		{"offset past the end", []byte("startxref\n999999\n%%EOF")},
		{"page tree loop", buildPDF([]string{"<</Type /Catalog /Pages 2 0 R /Dests <<>>>>", "<</Type /Pages /Kids [2 0 R]>>"}, "<</Root 1 0 R>>")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := Pages(tc.pdf); !errors.Is(err, ErrUnsupported) {
				t.Errorf("Pages = %v, want ErrUnsupported", err)
			}
		})
	}
}

// TestPagesPrev reads a file updated incrementally: the newer section's
// objects win over the older ones.
func TestPagesPrev(t *testing.T) {
	old := buildPDF(sample, "<</Size 11 /Root 1 0 R>>")
	oldXref := strings.LastIndex(string(old), "xref\n0 ")
	var b strings.Builder
	b.Write(old)
	off := b.Len()
	b.WriteString("7 0 obj\n<</summary [4 0 R /Fit]>>\nendobj\n")
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n7 1\n%010d 00000 n \ntrailer\n<</Size 11 /Root 1 0 R /Prev %d>>\nstartxref\n%d\n%%%%EOF\n", off, oldXref, xref)
	got, err := Pages([]byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	if want := map[string]int{"summary": 3}; !maps.Equal(got, want) {
		t.Errorf("Pages = %v, want %v", got, want)
	}
}

func FuzzPages(f *testing.F) {
	f.Add(buildPDF(sample, "<</Size 11 /Root 1 0 R>>"))
	f.Add([]byte("startxref 0"))
	f.Add([]byte("xref\n0 1\n0000000000 65535 f \ntrailer <</Root [[[[(\\"))
	if b, err := os.ReadFile(filepath.Join("testdata", "chromium.pdf")); err == nil {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, pdf []byte) {
		pages, err := Pages(pdf)
		if err != nil && !errors.Is(err, ErrUnsupported) {
			t.Fatalf("error not wrapping ErrUnsupported: %v", err)
		}
		for name, n := range pages {
			if n < 1 {
				t.Fatalf("destination %q on page %d", name, n)
			}
		}
	})
}

// TestPagesChromium reads a file Chromium 156 printed (Page.printToPDF with
// the outline) from testdata/chromium.html: a page of links, then sections
// that each start a page, the second two pages long.
func TestPagesChromium(t *testing.T) {
	pdf, err := os.ReadFile(filepath.Join("testdata", "chromium.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	got, err := Pages(pdf)
	if err != nil {
		t.Fatal(err)
	}
	if want := map[string]int{"one": 2, "two": 3, "three": 5}; !maps.Equal(got, want) {
		t.Errorf("Pages = %v, want %v", got, want)
	}
}
