// Package planner turns labeled pages and keywords into a content plan:
// topic clusters with their pillars, coverage and gaps, proposals that fill
// the gaps, an editorial calendar and a content audit.
//
// It is pure: Plan reads only its Input and options (no clock, no network,
// no files) and the same input gives the same *seoplan.Plan, byte for byte
// once encoded. Everything is sorted with explicit tie-breaks, and pages are
// put in URL order first, so not even the input order matters.
//
// # How it plans
//
// Pages of intent product or problem are clustered; navigation, company,
// legal and archive pages, news and the home page stay outside. A page is described by the stemmed words of its key
// phrases, title, h1, headings, URL slug and the opening of its main text,
// by its multi-word key phrases whole, and by the folders of its URL
// (less versions and dates: /docs/self-hosted/0.7.0/install/ is
// docs, self-hosted, install), less the brand's own words, each weighted
// by TF-IDF over the site (similarity.go). A term on more than 30% of the
// pages is the site's own vocabulary (its product's domain words, its docs'
// chrome) and relates nothing; a word that names a page's format
// (template, guide, tools, alternatives) counts a fifth. Each page is
// joined to its eight most similar pages (cosine), and a deliberate link
// in its text adds to that (a link most pages make is the site menu and
// does not count; a hub's links are shared out). Greedy modularity
// optimisation (Louvain) with a fixed visiting order splits that graph into
// topics, and a topic too broad for one pillar (eight pages or more, no
// word or phrase on 80% of them, falling apart into parts of its own) is
// split again: modularity judges a group against the whole site, so on a
// site whose pages all speak of one product a loose group of blog posts can
// pass for one topic. Each is named by the phrase on most of its pages and
// few others, made as specific as the site makes it: a hub's heading that
// holds that phrase ("Hiking Boots | Waterproof Walking Boots" → "hiking
// boots"), else the longest phrase on the same pages ("shared inbox", not
// "inbox").
//
// A page outside the clusters that still belongs to a topic (a news post,
// release notes, a section's index, a post alone) is related to the
// cluster holding more than half of its evidence, its eight most similar
// clustered pages and the links either way (Cluster.Related): listed with
// the topic, counted in none of its coverage, gaps or proposals. A page
// spread over every topic (the blog index), a service, company or legal
// page and the home page are related to none.
//
// Each cluster gets a pillar: the page that covers the topic broadly and is
// its hub, linking in its text to at least half the cluster and linked both
// ways with half of it on average. Among hubs a guide-like page wins: a
// guide, problem content of 1,000 words or more (a long "how to choose"
// buying guide), or any page of 1,500 words or more. A landing page (a
// shop's category page, a product overview) that leads to the cluster's
// problem content is the pillar only when no guide-like page hubs the
// cluster, and one that only lists products never is: it is where buyers
// land, not where the topic is covered. The cluster then gets
// coverage counts by intent, subtype and stage, and gaps:
// no problem content, no bridge from problem pages to a product page, no
// pillar, a missing funnel stage, a lopsided intent mix against the profile,
// keywords no page covers. Every gap becomes proposals with a working title,
// keywords, format, links to add, persona, metric, priority (with its
// reason) and effort; the calendar schedules them by priority, dependencies
// first.
//
// The plan's words follow the business the crawl shows (business.go): an
// online shop (product markup on its product pages), a software company
// (application markup, pricing plans, trials, demos, integrations) or
// neither. The profile line of the roadmap starts with it and its evidence.
// A shop's product content is measured by add-to-basket rate, orders and
// revenue per visit, its problem content by engaged and returning readers,
// newsletter sign-ups and assisted orders; its how-tos show photos, not
// screenshots; its pillar is a buying guide, problem content is care and
// use, a case study is a customer's story. When --profile was not chosen,
// the default mix's reasoning is worded for the business too. The mix
// itself is always the profile's.
//
// Files:
//
//	planner.go    Input, Option, Plan: the entry point and its options
//	profiles.go   the business profiles as data, and the site's balance
//	business.go   what the site sells (shop, software, neither), from its pages
//	site.go       the page index and internal link graph
//	similarity.go page terms, TF-IDF vectors and the nearest-neighbour graph
//	cluster.go    the page graph, its topics, broad topics split, naming
//	names.go      cluster names from the runs of words the pages' titles share
//	language.go   a site of several languages planned in one
//	louvain.go    deterministic greedy modularity clustering
//	keywords.go   keywords into clusters; keywords no page covers
//	gaps.go       pillars, coverage and gaps
//	proposals.go  gaps into proposals, priorities, links, metrics
//	titles.go     working titles per kind of piece
//	calendar.go   the editorial calendar
//	audit.go      the content-audit checks, one function each
//	personas.go   --personas files, personas the site names, highlights
//	ari.go        adjusted Rand index, to measure clusters against hand labels
//	compare.go    Compare: what changed between two crawls' plans (seoplan diff)
//	slim.go       Slimmer: a page cut to what the planner reads, for large crawls
//	opening.go    the stemmed words of a slimmed page's opening, counted
//	links.go      Links: the internal links of slimmed pages, numbered
package planner
