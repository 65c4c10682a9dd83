package synthcrawl

// The word lists the site is written from. A page's wording is a pure
// function of the seed and its number, so these lists are the whole of the
// site's vocabulary.

// product is the site's own product, its brand in titles and text.
const product = "Loomstack"

var (
	audiences = []string{"product managers", "customer success teams", "growth marketers", "founders",
		"data analysts", "support leads", "RevOps teams", "engineering managers", "account managers",
		"onboarding specialists", "product designers", "sales engineers", "marketing ops teams"}
	metrics = []string{"weekly active users", "trial-to-paid conversion", "net revenue retention",
		"time to value", "feature adoption", "activation rate", "logo churn", "expansion revenue",
		"ticket deflection", "session length", "day-30 retention", "onboarding completion",
		"payback period", "customer lifetime value", "seat utilisation"}
	adjectives = []string{"messy", "reliable", "repeatable", "noisy", "lightweight", "practical",
		"fragile", "predictable", "disciplined", "surprisingly simple", "costly", "pragmatic"}
	times = []string{"every Monday", "at the end of each sprint", "within the first week",
		"once a quarter", "before every release", "after each launch", "every two weeks"}
	industries = []string{"fintech", "healthcare", "e-commerce", "edtech", "logistics", "media",
		"HR tech", "cybersecurity", "travel", "real estate", "marketplaces", "developer tools"}
	qualifiers = []string{"", "for startups", "in SaaS", "without engineers", "in 30 days", "at scale",
		"for B2B teams", "step by step", "with SQL", "on a budget", "for product managers",
		"for enterprise accounts", "with spreadsheets", "in a small team", "for mobile apps", "with AI"}
	guideKinds = []string{"playbook", "handbook", "checklist", "framework", "template",
		"benchmark report", "field guide", "starter kit", "cheat sheet", "blueprint", "toolkit"}
	steps = []string{"Define the goal", "Audit what you have today", "Choose the right metrics",
		"Instrument the events", "Build a baseline dashboard", "Segment your users",
		"Run a small experiment", "Roll it out to every segment", "Automate the follow-up",
		"Review and iterate"}
	features = []string{"Funnel analysis", "Cohort retention", "Session replay", "Heatmaps",
		"Event autocapture", "Journey maps", "User segments", "Custom dashboards", "Anomaly alerts",
		"A/B experiments", "In-app surveys", "NPS surveys", "Revenue analytics", "Churn prediction",
		"Health scores", "Product tours", "Onboarding checklists", "Feature flags", "Warehouse sync",
		"Reverse ETL", "SQL editor", "Scheduled reports", "Role-based access", "SSO and SCIM",
		"Audit logs", "Identity resolution", "Attribution modeling", "Forecasting", "Goal tracking",
		"Slack alerts", "Mobile SDKs", "Server-side tracking", "Consent management",
		"Group analytics", "Account scoring", "Email campaigns", "In-app messages", "Path analysis",
		"Retention reports", "Data export API"}
	tags = []string{"onboarding", "retention", "churn", "activation", "analytics", "experimentation",
		"pricing", "customer-success", "product-management", "growth", "data-engineering", "revops",
		"support", "surveys", "dashboards", "metrics", "saas", "b2b", "startups", "enterprise",
		"roadmaps", "user-research", "engagement", "forecasting", "segmentation", "automation",
		"integrations", "security", "privacy", "templates"}
	compA = []string{"Zen", "Kova", "Lumi", "Trak", "Vero", "Quanta", "Stato", "Ori", "Pexa", "Dali",
		"Fyre", "Gro", "Hexa", "Jolt", "Kine", "Lyra", "Moxi", "Nexa", "Omni", "Pivo"}
	compB   = []string{"metrics", "sight", "lytics", "track", "panel", "scope", "board", "pulse", "base", "io"}
	intA    = []string{"Slate", "Post", "Ticket", "Ledger", "Cal", "Mail", "Chat", "Doc", "Sheet", "Bill", "Pipe", "Form", "Task", "Desk", "Note", "Sign", "Pay", "Ship", "Code", "Vault"}
	intB    = []string{"ly", "box", "hub", "desk", "flow", "bird", "crate", "wire", "dock", "kit", "mate", "ify", "grid", "nest"}
	intCats = []string{"CRM", "email", "help desk", "billing", "data warehouse", "chat", "calendar",
		"marketing automation", "issue tracker", "survey"}
	coA = []string{"North", "Bright", "Blue", "Clear", "Red", "Silver", "Green", "Swift", "True", "Open",
		"High", "Deep", "Iron", "Cloud", "Stone", "Maple", "Harbor", "River", "Summit", "Pine",
		"Cedar", "Lumen", "Nova", "Arc", "Tide", "Peak", "Field", "Bold", "Kite", "Oak"}
	coB = []string{"beam", "wave", "path", "works", "labs", "stack", "line", "forge", "point", "ridge",
		"bridge", "gate", "light", "mark", "spring", "craft", "shift", "scale", "loop", "yard"}
)

// family is one topic family of the blog: the objects its how-tos are about
// and the verbs they take.
type family struct {
	objects, verbs []string
}

// families are the blog's topic families: metrics to move, artifacts to
// make, processes to run.
var families = []family{
	{objects: []string{"churn", "feature adoption", "trial conversion", "activation rate",
		"customer health scores", "net revenue retention", "time to value", "expansion revenue",
		"onboarding completion", "user engagement", "product stickiness", "customer lifetime value",
		"support ticket volume", "retention cohorts", "daily active users", "renewal risk"},
		verbs: []string{"reduce", "measure", "improve", "track", "forecast", "benchmark", "increase",
			"report on", "analyze", "predict", "monitor"}},
	{objects: []string{"onboarding emails", "release notes", "a pricing page", "in-app messages",
		"a product roadmap", "an NPS survey", "a tracking plan", "a churn dashboard",
		"a customer journey map", "product tours", "a win-back campaign", "a QBR deck",
		"a feature request board", "a changelog", "user personas", "a launch checklist"},
		verbs: []string{"write", "design", "build", "test", "launch", "audit", "create", "structure",
			"personalize", "maintain", "update"}},
	{objects: []string{"customer onboarding", "user interviews", "A/B tests", "quarterly business reviews",
		"product launches", "cohort analysis", "funnel analysis", "user segmentation",
		"event tracking", "customer handoffs", "account planning", "beta programs",
		"pricing experiments", "feedback triage", "renewal forecasting", "data governance"},
		verbs: []string{"run", "automate", "scale", "plan", "document", "speed up", "organize", "start",
			"fix", "streamline", "standardize"}},
}

// problems are what the help centre's troubleshooting pages fix.
var problems = []string{"events not showing up", "duplicate users", "a dashboard loading slowly",
	"missing revenue data", "the snippet blocked by an ad blocker", "wrong time zones in reports",
	"a failed warehouse sync", "broken funnel steps", "SSO login errors", "an expired API key",
	"survey responses not recorded", "alerts firing too often", "mismatched user counts",
	"a CSV export timing out", "session replays not recording", "identity merge conflicts"}

// Sentence templates. {T} is the page's topic; the other slots are drawn
// from the lists above.
var (
	general = []string{
		"Most {A} discover that {T} is harder than it looks once the team grows past {N} people.",
		"A {ADJ} approach to {T} usually starts with a clear definition of {M}.",
		"Teams that review {M} {TIME} tend to catch problems with {T} before customers do.",
		"In our survey of {N}00 {A}, {PCT}% said {T} was a top priority for the next quarter.",
		"If you only change one thing this month, make it the way you handle {T}.",
		"A common mistake is to treat {T} as a one-off project instead of an ongoing habit.",
		"It helps to separate leading indicators such as {M} from lagging ones such as revenue.",
		"Expect the first version to be {ADJ}; the second one is where the real gains appear.",
		"Resist the urge to track everything: {N} well-chosen events beat a hundred noisy ones.",
		"Benchmarks vary by industry, but most {IND} teams see {M} move within {N} weeks.",
		"Small, frequent improvements to {T} compound faster than a big annual overhaul.",
		"The hardest part of {T} is rarely the tooling; it is agreeing on who owns the outcome.",
		"Customers rarely complain about {T} directly; they simply use the product less.",
		"Segment by plan, company size and acquisition channel before drawing conclusions.",
		"Tie each initiative to one owner, one metric and one date.",
		"{P} customers typically connect {TOOL} first, because that is where the raw signal about {T} lives.",
		"{CO}, a {IND} company, cut the time spent on {T} by {PCT}% after moving the workflow into {P}.",
	}
	productLines = []string{
		"{F} in {P} lets {A} see {M} without writing SQL.",
		"Every plan includes {F}, with higher limits on the Growth and Enterprise tiers.",
		"Setup takes about {N} minutes: install the snippet, verify the events and invite your team.",
		"Unlike {C}, {P} prices by tracked accounts rather than by seats.",
		"You can share any {F} view as a link, a scheduled email or a message in {TOOL}.",
		"Customers report a {PCT}% lift in {M} within the first quarter of using {F}.",
		"Start a free trial of {P} today, or book a demo with our team to see {F} on your own data.",
	}
	storyLines = []string{
		"{CO} had outgrown spreadsheets long before the team started looking for a new tool.",
		"Within {N} months, {M} improved by {PCT}% across every customer segment.",
		"The rollout took {N} weeks and needed no help from the engineering team.",
		"Today {A} at {CO} check {M} {TIME} and act on it the same day.",
	}
	questions = []string{"How long does {T} take to get right?", "Who should own {T}?",
		"What is a good benchmark for {M}?", "Do we need a data team for {T}?",
		"How often should we review {M}?", "What tools help with {T}?",
		"How does {T} affect {M}?", "Is {T} different for {IND} companies?"}
)
