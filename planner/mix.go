package planner

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strings"

	"github.com/seoplan/seoplan"
)

// The business profile sets what the plan proposes beyond the gaps, not
// only the words it uses. The gaps say what each cluster lacks whatever
// the business; a profile then asks for the pieces its stage of business
// grows by (a startup's comparisons and feature pages, an established
// business's customer stories and retention guides, a shop's buying guides
// and care how-tos) and adds them, largest clusters first, until the plan's
// proposals meet the profile's product:problem mix.

// mixPiece is one kind of piece a profile asks for.
type mixPiece struct {
	subtype seoplan.Subtype
	stage   seoplan.Stage
	format  string
	one     string // its name in the plan's words, "comparison page",
	what    string // and in the plural, "comparison pages"
	title   func(topic, brand string) string
	// covers, when set, tells a page or proposal of the subtype that is
	// this piece by its title: a shop's how-tos are not all care guides.
	covers *regexp.Regexp
}

// mixMenu is what a profile asks for: its signature pieces, proposed for
// its largest clusters whatever the mix, then the pieces of each intent it
// adds, in order, to bring the proposals to its mix. Its favoured subtypes
// rank first among the plan's proposals.
type mixMenu struct {
	signature []mixPiece
	product   []mixPiece
	problem   []mixPiece
}

var (
	pieceComparison = mixPiece{seoplan.SubtypeComparison, seoplan.StageDecision, "comparison page", "comparison page", "comparison pages",
		func(t, b string) string { return comparisonTitle(b, t) }, nil}
	pieceFeature = mixPiece{seoplan.SubtypeFeature, seoplan.StageDecision, "feature page", "feature page", "feature pages",
		func(t, b string) string { return featureTitle(b, t) }, nil}
	pieceIntegration = mixPiece{seoplan.SubtypeIntegration, seoplan.StageDecision, "integration page", "integration page", "integration pages",
		func(t, b string) string {
			return pick(t, b+" integrations for {t}: connect the tools you already use", "{t} with "+b+" and the tools around it")
		}, nil}
	pieceWalkthrough = mixPiece{seoplan.SubtypeHowTo, seoplan.StageConsideration, "how-to with a product walkthrough", "product walkthrough", "product walkthroughs",
		func(t, b string) string { return bridgeTitle(t, b) }, nil}
	pieceCustomerStory = mixPiece{seoplan.SubtypeCaseStudy, seoplan.StageConsideration, "customer story", "customer story", "customer stories",
		func(t, b string) string { return caseStudyTitle(t, b) }, nil}
	pieceRetention = mixPiece{seoplan.SubtypeGuide, seoplan.StageDecision, "customer guide", "retention guide for customers", "retention guides for customers",
		func(t, b string) string {
			return pick(t, "Getting more from {t} with "+b+": a guide for customers", "{t} after launch: habits of teams that stay with "+b)
		}, nil}
	pieceReport = mixPiece{seoplan.SubtypeReport, seoplan.StageAwareness, "report", "thought-leadership report", "thought-leadership reports",
		func(t, b string) string {
			return pick(t, "The state of {t}: what we see across our customers", "{t} benchmarks: where teams stand")
		}, nil}
	pieceTemplate = mixPiece{seoplan.SubtypeTemplate, seoplan.StageConsideration, "template", "template", "templates",
		func(t, _ string) string { return templateTitle(t) }, nil}
	pieceBuyingGuide = mixPiece{seoplan.SubtypeGuide, seoplan.StageConsideration, "buying guide", "buying guide", "buying guides",
		func(t, _ string) string { return sentence("how to choose " + t + ": a buying guide") },
		regexp.MustCompile(`(?i)\bchoos|\bbuying\b|\bbuyer|\bpick\b|\bwhich\b`)}
	pieceCare = mixPiece{seoplan.SubtypeHowTo, seoplan.StageConsideration, "care and use how-to", "care and use how-to", "care and use how-tos",
		func(t, _ string) string { return sentence("how to look after your " + t + ": care and repair") },
		regexp.MustCompile(`(?i)\bcare\b|\bclean|\bwash|\brepair|\bmaintain|\blook after|\bstor(e|ing)\b|\breproof|\bfix\b|\bfit\b|\bsiz(e|ing)\b|\buse\b`)}
	pieceShopComparison = mixPiece{seoplan.SubtypeComparison, seoplan.StageDecision, "product comparison", "product comparison", "product comparisons",
		func(t, _ string) string { return sentence(t) + " compared: which one is right for you" }, nil}
	pieceCollection = mixPiece{seoplan.SubtypeProduct, seoplan.StageDecision, "collection page", "collection page", "collection pages",
		func(t, _ string) string { return sentence(t) + ": the collection, with specs and prices" }, nil}
)

var mixMenus = map[string]mixMenu{
	"startup": {
		signature: []mixPiece{pieceComparison, pieceFeature},
		product:   []mixPiece{pieceComparison, pieceFeature, pieceIntegration},
		problem:   []mixPiece{pieceWalkthrough},
	},
	"established": {
		signature: []mixPiece{pieceCustomerStory, pieceRetention},
		product:   []mixPiece{pieceFeature},
		problem:   []mixPiece{pieceCustomerStory, pieceRetention, pieceReport, pieceTemplate},
	},
	"saas": {
		signature: []mixPiece{pieceFeature, pieceCustomerStory},
		product:   []mixPiece{pieceFeature, pieceComparison, pieceIntegration},
		problem:   []mixPiece{pieceCustomerStory, pieceRetention, pieceTemplate},
	},
	"shop": {
		signature: []mixPiece{pieceBuyingGuide, pieceCare},
		product:   []mixPiece{pieceShopComparison, pieceCollection},
		problem:   []mixPiece{pieceBuyingGuide, pieceCare},
	},
}

// mixFor is the menu of a profile; a custom --mix balances as saas does.
func mixFor(profile string) mixMenu {
	if m, ok := mixMenus[profile]; ok {
		return m
	}
	return mixMenus["saas"]
}

const (
	// signatureClusters is how many of the largest clusters get the
	// profile's signature pieces.
	signatureClusters = 3
	// mixTolerance is how far the proposals' product share may stay from
	// the target: one piece either way on a plan of ten.
	mixTolerance = 0.1
	// mixPages is the size a cluster needs to get pieces for the mix: a
	// topic of two pages is no place for a comparison page.
	mixPages = 3
)

// favoured is the bonus a proposal gets for a subtype its profile grows by,
// so the order of the plan follows the profile as well as its mix: the
// first signature piece +30 and the second +22, as much as the gap bases
// apart, so a startup's comparisons come right after the pillars; the other
// pieces of the profile's menus +6. A pillar gets none: it is the cluster's
// foundation whatever the business.
func (m mixMenu) favoured(st seoplan.Subtype) float64 {
	for i, p := range m.signature {
		if p.subtype == st {
			return 30 - 8*float64(i)
		}
	}
	for _, p := range slices.Concat(m.product, m.problem) {
		if p.subtype == st {
			return 6
		}
	}
	return 0
}

// fillMix adds the profile's pieces to the gap proposals: its signature
// pieces for the largest clusters, then pieces of whichever intent is under
// the profile's mix until the proposals are within mixTolerance of it or no
// cluster lacks another. It returns how the mix was met, for the roadmap.
// Its work grows with the pieces it adds times the proposals of one
// cluster, not with the whole plan.
func (pr *proposer) fillMix(clusters []*cluster) string {
	menu := mixFor(pr.profileName)
	fromGaps := len(pr.out)
	var eligible []*cluster
	for _, c := range clusters {
		if len(c.pages) >= mixPages && !c.reference {
			eligible = append(eligible, c)
		}
	}
	own := make(map[string][]int) // cluster id → its proposals in pr.out
	var prod, counted int
	count := func(i int) {
		own[pr.out[i].Cluster] = append(own[pr.out[i].Cluster], i)
		switch pr.out[i].Intent {
		case seoplan.IntentProduct:
			prod++
			counted++
		case seoplan.IntentProblem:
			counted++
		}
	}
	for i := range pr.out {
		count(i)
	}
	added := make(map[string]int) // piece name → proposals
	names := make(map[string]mixPiece)
	var order []string
	emit := func(c *cluster, p mixPiece) bool {
		// Only software connects to the tools a reader already uses.
		if pr.hasPiece(c, own[c.id], p) || p.subtype == seoplan.SubtypeIntegration && pr.s.biz.kind != businessSoftware {
			return false
		}
		kw, ok := pr.freePhrase(c, own[c.id])
		if !ok {
			return false
		}
		d := draft{gap: seoplan.Gap{Kind: seoplan.GapProfileMix, Reason: pr.mixReason(p)},
			title: p.title(c.name, pr.s.brand), keyword: kw, subtype: p.subtype, stage: p.stage, format: p.format}
		if product := pr.productPage(c); product >= 0 && p.subtype.Intent() == seoplan.IntentProblem {
			ref := pr.s.html[product].url
			d.bridgeTo, d.links = ref, pr.bridgeLinks(ref, product, c.name)
		}
		if c.pillarProposal != "" {
			d.depends = append(d.depends, c.pillarProposal)
		}
		// The software profiles' pieces are worded for the business,
		// on the phrase found for them; the shop profile's are a shop's.
		if pr.profileName != "shop" {
			pr.word(&d, c.name)
			d.keyword = kw
		}
		pr.emit(c, d)
		count(len(pr.out) - 1)
		if added[p.what] == 0 {
			order = append(order, p.what)
			names[p.what] = p
		}
		added[p.what]++
		return true
	}
	for _, c := range eligible[:min(len(eligible), signatureClusters)] {
		for _, p := range menu.signature {
			emit(c, p)
		}
	}
	// A cluster that cannot take a piece now never can (proposals and
	// taken phrases only grow), so each piece walks the clusters once.
	type cursor struct{ piece, cluster int }
	cursors := map[seoplan.Intent]*cursor{seoplan.IntentProduct: {}, seoplan.IntentProblem: {}}
	next := func(in seoplan.Intent, pieces []mixPiece) bool {
		cur := cursors[in]
		for ; cur.piece < len(pieces); cur.piece, cur.cluster = cur.piece+1, 0 {
			for ; cur.cluster < len(eligible); cur.cluster++ {
				if emit(eligible[cur.cluster], pieces[cur.piece]) {
					cur.cluster++
					return true
				}
			}
		}
		return false
	}
	target := pr.prof.ProductShare
	for {
		share := float64(prod) / float64(max(1, counted))
		var ok bool
		switch {
		case share < target-mixTolerance/2:
			ok = next(seoplan.IntentProduct, menu.product)
		case share > target+mixTolerance/2:
			ok = next(seoplan.IntentProblem, menu.problem)
		}
		if !ok {
			break
		}
	}
	var what []string
	for _, w := range order {
		what = append(what, fmt.Sprintf("%d %s", added[w], plural(added[w], names[w].one, w)))
	}
	return pr.mixNote(fromGaps, what)
}

// productShare is the share of product pieces among the proposals.
func (pr *proposer) productShare() float64 {
	var prod, n int
	for _, p := range pr.out {
		switch p.Intent {
		case seoplan.IntentProduct:
			prod++
			n++
		case seoplan.IntentProblem:
			n++
		}
	}
	if n == 0 {
		return 0
	}
	return float64(prod) / float64(n)
}

// hasPiece reports whether a cluster has a page or a proposal that is the
// piece: of its subtype and, where the piece tells itself by its title,
// titled as one.
func (pr *proposer) hasPiece(c *cluster, own []int, p mixPiece) bool {
	is := func(st seoplan.Subtype, title string) bool {
		return st == p.subtype && (p.covers == nil || p.covers.MatchString(title))
	}
	for _, i := range c.pages {
		if pg := pr.s.html[i]; is(pg.label.Subtype, pg.lp.Page.Title) {
			return true
		}
	}
	return slices.ContainsFunc(own, func(i int) bool { return is(pr.out[i].Subtype, pr.out[i].Title) })
}

// freePhrase is a phrase of the cluster for a new piece to target that no
// page title and no proposal of the cluster targets yet: one of the
// cluster's own leading phrases, the words the site uses, never a phrase
// made up around the topic, and of two words or more unless it is the
// cluster's name. Without one the cluster gets no more pieces: two pieces
// on one phrase compete with each other.
func (pr *proposer) freePhrase(c *cluster, own []int) (string, bool) {
	taken := make(map[string]bool, len(own))
	for _, i := range own {
		taken[strings.ToLower(pr.out[i].Keyword)] = true
	}
	for n, name := range c.names {
		name = strings.ToLower(strings.TrimSpace(name))
		if name == "" || taken[name] || pr.titled(c, name) {
			continue
		}
		// The cluster's name may be one word ("boots"); another single
		// word of its vocabulary ("rules", "returns") names no search.
		if n > 0 && len(topicWords(name)) < 2 {
			continue
		}
		// "knowledge base guide" names a format; a comparison cannot
		// target it.
		if len(topicWords(name)) != len(tokens(name)) {
			continue
		}
		return name, true
	}
	return "", false
}

// titled reports whether a page of the cluster is titled after phrase
// alone: that page targets it already.
func (pr *proposer) titled(c *cluster, phrase string) bool {
	want := strings.Join(tokens(phrase), " ")
	for _, i := range c.pages {
		if strings.Join(topicWords(pr.s.html[i].lp.Page.Title), " ") == want {
			return true
		}
	}
	return false
}

func (pr *proposer) mixReason(p mixPiece) string {
	return fmt.Sprintf("%s grows by %s; the cluster has none.", sentence(pr.profileWords()), p.what)
}

// profileWords names the profile in the plan's sentences: "the startup
// profile", or "the default mix" when nobody chose one.
func (pr *proposer) profileWords() string {
	if pr.target == "default" {
		return "the default mix"
	}
	return "the " + pr.profileName + " profile"
}

// mixNote says in the roadmap how the proposals meet the profile's mix.
func (pr *proposer) mixNote(fromGaps int, what []string) string {
	share := pr.productShare()
	n := len(pr.out)
	if n == 0 {
		return ""
	}
	out := fmt.Sprintf("Of the %d pieces proposed, %s are product content against %s's %s",
		n, pct(share), pr.profileWords(), pct(pr.prof.ProductShare))
	if len(what) == 0 {
		out += fmt.Sprintf(": all %d fill the clusters' gaps.", fromGaps)
	} else {
		out += fmt.Sprintf(": %d fill the clusters' gaps and %d %s what it calls for (%s).",
			fromGaps, n-fromGaps, plural(n-fromGaps, "is", "are"), strings.Join(what, ", "))
	}
	if math.Abs(share-pr.prof.ProductShare) > mixTolerance {
		out += " No cluster of three pages or more lacks another piece it asks for, with a phrase of its own to target, so the mix stays off target."
	}
	return out
}
