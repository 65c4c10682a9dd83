package templates

import (
	"bytes"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"
)

func TestICS(t *testing.T) {
	p := reportPlan(t)
	var buf bytes.Buffer
	if err := ICS(&buf, p); err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "calendar.ics.golden", buf.Bytes())

	for i, line := range strings.Split(strings.TrimSuffix(buf.String(), "\r\n"), "\r\n") {
		if len(line) > 75 {
			t.Errorf("line %d is %d octets, RFC 5545 folds at 75: %q", i+1, len(line), line)
		}
	}
	cal, err := ics.ParseCalendar(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatalf("calendar does not parse back: %v", err)
	}
	events := cal.Events()
	sched := scheduledProposals(p)
	if len(events) != len(sched) {
		t.Fatalf("%d events, want %d", len(events), len(sched))
	}
	stamp := time.Date(2026, 11, 2, 9, 30, 0, 0, time.UTC)
	for i, ev := range events {
		pr := sched[i]
		t.Run(pr.ID, func(t *testing.T) {
			if got, want := ev.Id(), pr.ID+"@relaydesk.example.seoplan"; got != want {
				t.Errorf("UID = %q, want %q", got, want)
			}
			start, err := ev.GetAllDayStartAt()
			if err != nil {
				t.Fatal(err)
			}
			if got := start.Format(time.DateOnly); got != pr.Due {
				t.Errorf("DTSTART = %s, want %s", got, pr.Due)
			}
			if v := ev.GetProperty(ics.ComponentPropertyDtStart); v.ICalParameters["VALUE"][0] != "DATE" {
				t.Errorf("DTSTART is not VALUE=DATE: %v", v.ICalParameters)
			}
			end, err := ev.GetAllDayEndAt()
			if err != nil {
				t.Fatal(err)
			}
			if got := end.Sub(start); got != 24*time.Hour {
				t.Errorf("event lasts %v, want one day", got)
			}
			ds, err := ev.GetDtStampTime()
			if err != nil || !ds.Equal(stamp) {
				t.Errorf("DTSTAMP = %v (%v), want the crawl time %v", ds, err, stamp)
			}
			if got := ev.GetProperty(ics.ComponentPropertySummary).Value; got != pr.Title {
				t.Errorf("SUMMARY = %q, want %q", got, pr.Title)
			}
			desc := ev.GetProperty(ics.ComponentPropertyDescription).Value
			for _, want := range []string{"Keyword: " + pr.Keyword, "Intent: " + string(pr.Intent), "Success metric: " + pr.Metric, "Brief: briefs/" + BriefName(pr)} {
				if !strings.Contains(desc, want) {
					t.Errorf("DESCRIPTION lacks %q:\n%s", want, desc)
				}
			}
		})
	}
}

// TestICSStampAndBriefs checks what the command line sets: DTSTAMP is when
// the file was made, and each event links its shared brief.
func TestICSStampAndBriefs(t *testing.T) {
	p := reportPlan(t)
	made := time.Date(2026, 12, 2, 16, 45, 0, 0, time.FixedZone("CET", 3600))
	var buf bytes.Buffer
	if err := ICS(&buf, p, WithStamp(made), WithBriefsURL("https://drive.example/briefs")); err != nil {
		t.Fatal(err)
	}
	cal, err := ics.ParseCalendar(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	sched := scheduledProposals(p)
	for i, ev := range cal.Events() {
		ds, err := ev.GetDtStampTime()
		if err != nil || !ds.Equal(made) {
			t.Errorf("event %d: DTSTAMP = %v (%v), want %v", i, ds, err, made)
		}
		want := "https://drive.example/briefs/" + BriefName(sched[i])
		if got := ev.GetProperty(ics.ComponentPropertyUrl); got == nil || got.Value != want {
			t.Errorf("event %d: URL = %v, want %s", i, got, want)
		}
		if desc := ev.GetProperty(ics.ComponentPropertyDescription).Value; !strings.Contains(desc, "Brief: "+want) {
			t.Errorf("event %d: description does not name the brief's URL:\n%s", i, desc)
		}
	}
}

func TestICSDeterministic(t *testing.T) {
	p := reportPlan(t)
	var a, b bytes.Buffer
	if err := ICS(&a, p); err != nil {
		t.Fatal(err)
	}
	if err := ICS(&b, p); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two renders of the same plan differ")
	}
}

func TestICSBadDue(t *testing.T) {
	p := reportPlan(t)
	p.Proposals[0].Due = "next week"
	var buf bytes.Buffer
	if err := ICS(&buf, p); err == nil || !strings.Contains(err.Error(), "p1") {
		t.Errorf("err = %v, want one naming proposal p1", err)
	}
	if buf.Len() != 0 {
		t.Error("a failed render wrote output")
	}
}
