package templates

import (
	"bytes"
	"fmt"
	"io"
	"net/url"
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"
	"github.com/seoplan/seoplan"
)

// ICS writes the editorial calendar as an iCalendar file (RFC 5545) that
// Google Calendar, Outlook and Apple Calendar import: one all-day event per
// scheduled proposal, whose description names its brief and whose URL links
// it when the briefs are shared (WithBriefsURL). UIDs come from the plan's
// site and the proposal ID, so a re-imported calendar updates its events;
// DTSTAMP is when the file was made (WithStamp). Nothing is written to w
// unless the whole calendar renders. Lines end in CRLF and are folded at
// 75 octets, as RFC 5545 asks.
func ICS(w io.Writer, p *seoplan.Plan, opts ...CalendarOption) error {
	cfg := calendarDefaults()
	for _, o := range opts {
		o(&cfg)
	}
	stamp := cfg.stamp
	if stamp.IsZero() {
		var err error
		if stamp, err = icsStamp(p); err != nil {
			return err
		}
	}
	cal := ics.NewCalendarFor("seoplan")
	cal.SetMethod(ics.MethodPublish)
	cal.SetCalscale("GREGORIAN")
	cal.SetXWRCalName("Content calendar: " + siteHost(p.Site))
	names := clusterNames(p)
	for _, pr := range scheduledProposals(p) {
		day, err := time.Parse(time.DateOnly, pr.Due)
		if err != nil {
			return fmt.Errorf("proposal %s: due date: %w", pr.ID, err)
		}
		ev := cal.AddEvent(icsUID(p.Site, pr.ID))
		ev.SetDtStampTime(stamp)
		ev.SetAllDayStartAt(day)
		ev.SetAllDayEndAt(day.AddDate(0, 0, 1))
		ev.SetSummary(pr.Title)
		ev.SetDescription(calendarDescription(p, pr, names[pr.Cluster], cfg.brief(pr)))
		if cfg.briefsURL != "" {
			ev.SetURL(briefURL(cfg.briefsURL, pr))
		}
		ev.SetProperty(ics.ComponentPropertyCategories, string(pr.Intent))
		ev.SetProperty(ics.ComponentPropertyTransp, "TRANSPARENT")
	}
	var buf bytes.Buffer
	if err := cal.SerializeTo(&buf, ics.WithNewLine("\r\n")); err != nil {
		return fmt.Errorf("render ics: %w", err)
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("write ics: %w", err)
	}
	return nil
}

func icsStamp(p *seoplan.Plan) (time.Time, error) {
	if p.CrawledAt != "" {
		t, err := time.Parse(time.RFC3339, p.CrawledAt)
		if err != nil {
			return time.Time{}, fmt.Errorf("plan crawled_at: %w", err)
		}
		return t.UTC(), nil
	}
	if p.Calendar.Start != "" {
		t, err := time.Parse(time.DateOnly, p.Calendar.Start)
		if err != nil {
			return time.Time{}, fmt.Errorf("plan calendar start: %w", err)
		}
		return t, nil
	}
	return time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC), nil
}

// icsUID is stable across runs so a re-imported calendar updates its events
// instead of duplicating them.
func icsUID(site, id string) string {
	return id + "@" + siteHost(site) + ".seoplan"
}

func siteHost(site string) string {
	if u, err := url.Parse(site); err == nil && u.Host != "" {
		return u.Host
	}
	if site == "" {
		return "seoplan"
	}
	return site
}

// contentKind is a proposal's intent and subtype as one phrase: "problem
// how-to", or "product page" where the subtype is the intent's own name
// ("product product" said nothing twice).
func contentKind(pr seoplan.Proposal) string {
	if string(pr.Subtype) == string(pr.Intent) {
		return string(pr.Intent) + " page"
	}
	return string(pr.Intent) + " " + string(pr.Subtype)
}

// calendarDescription is a scheduled piece in a few lines of plain text:
// what a calendar event or a task card shows of it.
func calendarDescription(p *seoplan.Plan, pr seoplan.Proposal, cluster, brief string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Keyword: %s\n", pr.Keyword)
	fmt.Fprintf(&b, "Intent: %s, %s stage\n", contentKind(pr), pr.Stage)
	fmt.Fprintf(&b, "Cluster: %s\n", cluster)
	if pr.Format != "" {
		fmt.Fprintf(&b, "Format: %s\n", pr.Format)
	}
	fmt.Fprintf(&b, "Success metric: %s\n", pr.Metric)
	if links := linkLines(p, pr); len(links) > 0 {
		b.WriteString("Links to add:\n")
		for _, l := range links {
			fmt.Fprintf(&b, "- %s\n", l)
		}
	}
	fmt.Fprintf(&b, "Brief: %s", brief)
	return b.String()
}
