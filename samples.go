package seoplan

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
)

// sampleSites holds the bundled sample sites, so `seoplan demo` can serve one
// from the binary. "all:" keeps files such as _redirects, whose names start
// with an underscore.
//
//go:embed all:testdata/sites
var sampleSites embed.FS

const sampleRoot = "testdata/sites"

// ErrUnknownSample is returned by SampleSite for a name that is not bundled.
var ErrUnknownSample = errors.New("unknown sample site")

// SampleSite returns the bundled sample site name ("relaydesk", "shop") as
// an fs.FS rooted at its directory: site.json, www/, _redirects, labels.tsv …
// (testdata/sites/README.md describes the format; internal/sitesrv serves it).
func SampleSite(name string) (fs.FS, error) {
	if name == "" || strings.ContainsAny(name, `/\`) || !fs.ValidPath(name) || !isSample(name) {
		return nil, fmt.Errorf("sample site %q: %w (have %s)", name, ErrUnknownSample, strings.Join(SampleSiteNames(), ", "))
	}
	sub, err := fs.Sub(sampleSites, path.Join(sampleRoot, name))
	if err != nil {
		return nil, fmt.Errorf("sample site %q: %w", name, err)
	}
	return sub, nil
}

// SampleSiteNames lists the bundled sample sites, sorted.
func SampleSiteNames() []string {
	entries, err := sampleSites.ReadDir(sampleRoot)
	if err != nil {
		return nil // cannot happen: the directory is embedded at build time
	}
	var names []string
	for _, e := range entries {
		if e.IsDir() && isSample(e.Name()) {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	return names
}

// isSample reports whether the directory name holds a site: one with a
// site.json, so that a half-made directory is not offered.
func isSample(name string) bool {
	_, err := fs.Stat(sampleSites, path.Join(sampleRoot, name, "site.json"))
	return err == nil
}
