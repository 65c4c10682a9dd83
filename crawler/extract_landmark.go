package crawler

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// The main-landmark shortcut.
//
// Most of Extract's cost is trafilatura, and about half of trafilatura's is
// a whatlanggo language check that ExtractDocument runs on every page with
// no option to turn it off (~1.3 ms of ~2.7 ms a page). A page that marks
// its main content with exactly one main landmark (<main>, or role="main")
// has already said, in its own markup, where that content is: the author's
// statement is more reliable than any heuristic, and reading it is a single
// walk of the tree. landmarkText takes the text from there, stripped of the
// chrome that sites still put inside <main> (sidebars, comment threads,
// newsletter and cookie boxes, share buttons). trafilatura stays the
// extractor for every page without one clear landmark.

// minLandmarkWords is the length below which a landmark may be a wrapper of
// something else (a hero banner marked <main> above the real article) rather
// than the page's content; see landmarkText.
const minLandmarkWords = 40

// landmarkSkip are the elements dropped from a landmark's text with all they
// contain: navigation and page chrome, forms and their controls, code and
// embedded documents, and dialogs. (Content inside <svg> and <math> is
// dropped by namespace in boilerplateElement.)
var landmarkSkip = map[atom.Atom]bool{
	atom.Nav: true, atom.Aside: true, atom.Header: true, atom.Footer: true,
	atom.Form: true, atom.Button: true, atom.Select: true, atom.Textarea: true,
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Svg: true, atom.Math: true, atom.Iframe: true, atom.Object: true,
	atom.Dialog: true, atom.Head: true, atom.Title: true,
}

// landmarkSkipRoles are ARIA roles that mark the same chrome as
// landmarkSkip on elements of any kind (<div role="navigation">).
var landmarkSkipRoles = map[string]bool{
	"navigation": true, "complementary": true, "banner": true, "contentinfo": true,
	"search": true, "dialog": true, "alertdialog": true,
}

// boilerplateWords are the words that mark an element as boilerplate when one
// of them is a whole word of its class or id: "cookie-banner", "shareButtons",
// "related_posts" and "comments" match, "shared-inbox" and "socialite" do not.
// A class or id is cut into words at hyphens, underscores, other punctuation
// and lower-to-upper case changes, then lower-cased.
var boilerplateWords = map[string]bool{
	// cookie and consent banners
	"cookie": true, "cookies": true, "consent": true, "gdpr": true,
	// newsletter and subscription boxes
	"newsletter": true, "subscribe": true, "subscription": true,
	// share and social buttons
	"share": true, "sharing": true, "social": true,
	// related posts and products
	"related": true,
	// breadcrumb trails (Extract reports them as Breadcrumbs)
	"breadcrumb": true, "breadcrumbs": true,
	// comment threads
	"comment": true, "comments": true, "disqus": true,
	// author and date lines, which trafilatura and Readability drop too
	"byline": true,
	// links styled as buttons: calls to action ("Start free trial"), the
	// <a> twin of the <button> elements landmarkSkip drops
	"button": true, "btn": true,
}

// inlineElements do not break words: text on either side of them runs on, as
// a browser renders it ("un<em>usual</em>" is one word). Every other element
// separates its text from its neighbours'.
var inlineElements = map[atom.Atom]bool{
	atom.A: true, atom.Abbr: true, atom.B: true, atom.Bdi: true, atom.Bdo: true,
	atom.Cite: true, atom.Code: true, atom.Data: true, atom.Del: true, atom.Dfn: true,
	atom.Em: true, atom.Font: true, atom.I: true, atom.Ins: true, atom.Kbd: true,
	atom.Label: true, atom.Mark: true, atom.Q: true, atom.S: true, atom.Samp: true,
	atom.Small: true, atom.Span: true, atom.Strike: true, atom.Strong: true,
	atom.Sub: true, atom.Sup: true, atom.Time: true, atom.Tt: true, atom.U: true,
	atom.Var: true, atom.Img: true,
}

// headingAtoms are h1-h6, whose class and id boilerplateElement ignores.
var headingAtoms = map[atom.Atom]bool{
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
}

// landmarkText returns the main text of a page that has exactly one visible
// main landmark, with the boilerplate inside it removed and white space
// collapsed, as mainText reports it, and its countWords. ok is false when
// the landmark cannot be trusted and trafilatura should decide instead:
//   - no landmark, or more than one (nested or side by side);
//   - an empty landmark;
//   - a thin landmark (under minLandmarkWords) on a page that has at least
//     minLandmarkWords more words of content outside it, which suggests the
//     landmark wraps a banner or a widget rather than the page's content.
func landmarkText(root *html.Node) (text string, words int, ok bool) {
	main, n := findLandmark(root, nil, 0)
	if n != 1 {
		return "", 0, false
	}
	text = cleanText(main, nil)
	words = countWords(text)
	if words == 0 {
		return "", 0, false
	}
	if words < minLandmarkWords {
		outside := countWords(cleanText(root, main))
		if outside >= minLandmarkWords {
			return "", 0, false
		}
	}
	return text, words, true
}

// findLandmark returns the visible main landmarks under n, up to two: the
// first one found and how many there are (it stops counting at two, which is
// enough to refuse).
func findLandmark(n, found *html.Node, count int) (*html.Node, int) {
	if n.Type == html.ElementNode {
		if n.Namespace != "" || n.DataAtom == atom.Template || n.DataAtom == atom.Script ||
			n.DataAtom == atom.Head || hiddenElement(n) {
			return found, count
		}
		if n.DataAtom == atom.Main || role(n) == "main" {
			if count == 0 {
				found = n
			}
			count++
			if count > 1 {
				return found, count
			}
		}
	}
	for c := n.FirstChild; c != nil && count < 2; c = c.NextSibling {
		found, count = findLandmark(c, found, count)
	}
	return found, count
}

// cleanText is the text under n without the boilerplate landmarkText
// removes, with white space collapsed. The subtree except is left out too
// (landmarkText uses it to measure what lies outside the landmark). n itself
// is never judged by its class or role, only what it contains.
func cleanText(n, except *html.Node) string {
	var w spaceWriter
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.writeClean(c, except)
	}
	return w.b.String()
}

// cleanTextMax is cleanText cut to at most max bytes (at a rune boundary,
// as clipText cuts), with the words of the whole text counted: what
// mainText keeps of a page too big for trafilatura, built without holding
// the whole text.
func cleanTextMax(n *html.Node, max int) (text string, words int) {
	w := spaceWriter{max: max, words: &wordCounter{}}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.writeClean(c, nil)
	}
	return clipText(w.b.String(), max), w.words.count()
}

// spaceWriter builds text with white space collapsed as it is written:
// every run of white space becomes one space, none leads or trails. It gives
// collapseSpace's result without building the uncollapsed text first.
// With a max it keeps only the first max bytes (and a few of the next, for
// clipText to cut at a rune boundary), and words counts all it was given.
type spaceWriter struct {
	b     strings.Builder
	space bool // white space was seen since the last word written

	max   int          // 0: keep everything
	words *wordCounter // nil: count nothing
}

// writeClean writes n's text unless n is boilerplate. Elements that are not
// inline count as white space on either side, so that the words of adjacent
// blocks (<li>, <td>, <p>) never run together.
func (w *spaceWriter) writeClean(n, except *html.Node) {
	switch n.Type {
	case html.TextNode:
		w.text(n.Data)
		return
	case html.ElementNode:
		if n == except || boilerplateElement(n) {
			return
		}
	default:
		return
	}
	block := !inlineElements[n.DataAtom]
	w.space = w.space || block
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.writeClean(c, except)
	}
	w.space = w.space || block
}

// text writes s, collapsing its white space (as unicode.IsSpace defines it)
// with any pending before it.
func (w *spaceWriter) text(s string) {
	word := -1 // start of the current run of non-space, or -1
	for i := 0; i < len(s); {
		var space bool
		size := 1
		if c := s[i]; c < utf8.RuneSelf {
			space = asciiSpace[c]
		} else {
			var r rune
			r, size = utf8.DecodeRuneInString(s[i:])
			space = unicode.IsSpace(r)
		}
		switch {
		case space && word >= 0:
			w.word(s[word:i])
			word = -1
			w.space = true
		case space:
			w.space = true
		case word < 0:
			word = i
		}
		i += size
	}
	if word >= 0 {
		w.word(s[word:])
	}
}

// word writes a run of non-space, after one space if any was pending.
func (w *spaceWriter) word(s string) {
	sep := w.space && w.b.Len() > 0
	w.space = false
	if w.words != nil {
		if sep {
			w.words.add(" ")
		}
		w.words.add(s)
	}
	if w.max > 0 {
		// Up to utf8.UTFMax bytes past max, so that clipText can tell a
		// rune cut at max from one that ends there.
		room := w.max + utf8.UTFMax - w.b.Len()
		if room <= 0 {
			return
		}
		if sep {
			w.b.WriteByte(' ')
			room--
		}
		w.b.WriteString(s[:min(len(s), max(room, 0))])
		return
	}
	if sep {
		w.b.WriteByte(' ')
	}
	w.b.WriteString(s)
}

// boilerplateElement reports whether the element n and all it contains
// are left out of the main text: a landmarkSkip element, foreign (SVG,
// MathML) content, a hidden element, a landmarkSkipRoles role, or a class or
// id with one of the boilerplateWords. A heading's class and id are not
// read: its id is usually a slug of its own text (<h2 id="sharing-and-
// transfers"> on a privacy policy), and a boilerplate box is caught by its
// container.
func boilerplateElement(n *html.Node) bool {
	if n.Namespace != "" || landmarkSkip[n.DataAtom] || hiddenElement(n) || landmarkSkipRoles[role(n)] {
		return true
	}
	if headingAtoms[n.DataAtom] {
		return false
	}
	for _, a := range n.Attr {
		if a.Namespace == "" && (a.Key == "class" || a.Key == "id") && hasBoilerplateWord(a.Val) {
			return true
		}
	}
	return false
}

// hiddenElement reports whether n is hidden from every reader: the hidden
// attribute, aria-hidden="true", or an inline display:none.
func hiddenElement(n *html.Node) bool {
	for _, a := range n.Attr {
		if a.Namespace != "" {
			continue
		}
		switch a.Key {
		case "hidden":
			return true
		case "aria-hidden":
			if strings.EqualFold(strings.TrimSpace(a.Val), "true") {
				return true
			}
		case "style":
			if strings.Contains(strings.ReplaceAll(strings.ToLower(a.Val), " ", ""), "display:none") {
				return true
			}
		}
	}
	return false
}

// role returns n's ARIA role, lower-cased: the first token of its role
// attribute. (ARIA lets a page list fallbacks after the role it means;
// every role this file reads is one that browsers know, so the first is
// the one in force.)
func role(n *html.Node) string {
	if f := strings.Fields(htmlAttr(n, "role")); len(f) > 0 {
		return strings.ToLower(f[0])
	}
	return ""
}

// hasBoilerplateWord reports whether the class list or id s has one of the
// boilerplateWords as a whole word (see boilerplateWords for how s is cut).
func hasBoilerplateWord(s string) bool {
	start := -1 // start of the current word in s, or -1 between words
	var prev rune
	for i, r := range s {
		letterOrDigit := unicode.IsLetter(r) || unicode.IsDigit(r)
		camel := unicode.IsUpper(r) && unicode.IsLower(prev)
		if start >= 0 && (!letterOrDigit || camel) {
			if boilerplateWords[strings.ToLower(s[start:i])] {
				return true
			}
			start = -1
		}
		if letterOrDigit && start < 0 {
			start = i
		}
		prev = r
	}
	return start >= 0 && boilerplateWords[strings.ToLower(s[start:])]
}
