// Package classify labels pages and keywords as product, problem or other
// intent (TAXONOMY.md), with a subtype, a funnel stage, a calibrated
// confidence and the signals that produced the label, and finds each page's
// key phrases for the planner to cluster on.
//
// What goes in: seoplan.Page values from a crawl (URL, title, headings, main
// text, schema types, links …) or keyword strings. What comes out:
// seoplan.Label, seoplan.LabeledPage with KeyPhrases, seoplan.LabeledKeyword
// and a site-level []SitePhrase inventory.
//
// How it decides: rules turn the input into features and readable signals
// (the head noun of a phrase found with prose's part-of-speech tags, each
// word tagged once per process and cached, question
// words, brand names from the site, a shipped list or patterns such as
// "x login", URL words, title patterns, schema.org types, numbered steps,
// calls to action, prices, word count, vocabulary); a multinomial logistic
// regression trained on the hand-labelled data in testdata weighs them. The
// intent head's probabilities are calibrated by temperature scaling fitted on
// cross-validation folds of the training data, so Confidence is the
// probability that the intent is right: of labels given 0.9, about 90% are.
// Subtype is the best subtype of the chosen intent; stage is "none" for
// other, else the stage head's choice plus log P(stage | subtype) counted on
// the training labels. Non-English pages keep the language-independent
// signals but get a lower confidence and a "lang:xx(lower confidence)"
// signal.
//
// Page features describe the page's role on its site as well as its words
// (internal/feature/role.go): a title that opens with a task verb or names
// a reference, text that gives instructions, dated and versioned URLs,
// section subdomains and language folders read as sections, the share of
// the site its section holds, how many of its pages link to it, and hub
// pages that list their children. These carry over to sites the model has
// never seen; vocabulary does not.
//
// Pages are few in the training data, so the page heads start from two
// fixed offsets rather than from nothing: hand-set rule priors for the
// unmistakable templates (legal pages, pricing tables, numbered how-tos) and
// the keyword model's reading of the page's title. Both are trained as
// offsets, so the page model learns the rest around them and calibration
// holds.
//
// Key phrases are noun-phrase chunks (adjectives and nouns ending in a noun,
// from prose's tags) of the title, h1, h2s, URL slug and the first
// PhraseWords words of the main text; for pages not in English, runs of
// words between snowball's stop words. They are stemmed with snowball,
// scored by TF-IDF across the site with boosts for title, h1, h2 and URL,
// and the most frequent surface form names each stem. Site-wide navigation
// links (anchors on most pages) are not calls to action of any one page.
//
// A crawl too large to hold is labelled in the same three steps Site takes
// (stream.go): a Learner learns the site one page at a time, Label labels
// batches of pages and returns their candidate key phrases (Terms, which
// have a text form the crawl database stores), and a Ranker weighs every
// page's Terms across the crawl. Version names the model and the phrase
// extraction, so stored labels are made again when either changes.
//
// The model is classify/model.json, embedded in the binary; nothing uses the
// network. It is trained on the team's data and the hand labels of the
// real-site corpus (testdata/corpus), whose records the trainer reads from
// ../shared/corpus or $SEOPLAN_CORPUS. After changing the training data or
// the features, run
//
//	go generate ./classify
//
// and commit model.json; TestModelUpToDate fails when they disagree (it
// skips without the corpus, and TestModelLabels then checks the label files).
// "go test ./classify -run TestHeldout -v" is the evaluation: it prints
// accuracy, per-class precision, recall and F1 and confusion matrices on the
// held-out data, which no rule or weight is tuned on.
//
// Measuring:
//
//	go test ./classify -run 'TestHeldout' -v        held-out keywords, pages, sample sites
//	go test ./classify -run XXX -bench . -benchtime 20x   keywords/s and pages/s
//	go run ./classify/internal/train -data classify/testdata -v -o ""   cross-validation errors
//	go run ./classify/internal/train -data classify/testdata -loso      leave one real site out
//
// Files:
//
//	classify.go         Classifier, New, options, Page, Keyword, LearnSite
//	site.go             Site and Keywords (worker pool), key phrases, SitePhrase
//	stream.go           a crawl too large to hold: Learner, Label, Terms, Ranker, Version
//	heldout_test.go     the evaluation; sites_test.go serves the sample sites
//	bench_test.go       BenchmarkKeywords, BenchmarkKeywordsCold, BenchmarkPages
//	model.json          the trained model (generated)
//	internal/feature    features and signals for keywords and pages; brands.txt
//	internal/nlp        prose tagging, head nouns, snowball stemming
//	internal/lr         logistic regression, temperature scaling and the decision rule (Heads.Predict)
//	internal/dataset    readers for the labelled data
//	internal/trainer    builds model.json from testdata (deterministic)
//	internal/train      the go:generate command around trainer
package classify
