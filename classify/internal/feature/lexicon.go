package feature

// Word lists behind the rule signals. They encode TAXONOMY.md's tie-breakers
// (what a head noun or a navigation word means) and the vocabulary of page
// templates; the model learns how much each is worth.

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// productHeads are head nouns that name an offering, a vendor or its price
// (tie-breaker 1).
var productHeads = set("software", "tool", "tools", "app", "apps", "platform", "platforms",
	"system", "systems", "solution", "solutions", "service", "services", "vendor", "vendors",
	"provider", "providers", "company", "companies", "agency", "agencies", "plugin", "plugins",
	"extension", "extensions", "saas", "crm", "erp", "cms", "suite", "program", "programs",
	"pricing", "price", "prices", "cost", "costs", "plan", "plans", "subscription", "license",
	"demo", "trial", "alternative", "alternatives", "competitor", "competitors", "review",
	"reviews", "integration", "integrations", "api", "sdk", "features", "feature", "product",
	"products", "device", "devices", "machine", "kit", "brand", "brands", "store", "shop",
	"builder", "tracker", "scheduler", "manager",
	// things and services one buys: a plumber, a flight, a loan
	"flights", "flight", "hotels", "hotel", "hostels", "tickets", "rates", "fees", "specs",
	"lawyer", "lawyers", "attorney", "attorneys", "plumber", "plumbers", "electrician",
	"dentist", "dentists", "contractor", "contractors", "consultant", "consultants",
	"accountant", "accountants", "insurance", "loan", "loans", "mortgage", "rental", "rentals")

// problemHeads are head nouns that name a skill, a task, a concept or an
// outcome.
var problemHeads = set("examples", "example", "ideas", "idea", "tips", "tip", "strategies",
	"strategy", "guide", "tutorial", "template", "templates", "checklist", "checklists",
	"worksheet", "formula", "definition", "meaning", "steps", "process", "benefits",
	"statistics", "stats", "trends", "report", "benchmarks", "rate", "metrics", "kpis",
	"best practices", "mistakes", "questions", "course", "certification", "salary", "jobs",
	"plan", "sample", "samples", "types", "format", "case study",
	"study", "studies", "tutorial", "tutorials", "hacks", "itinerary", "practices", "explained", "signs",
	"deductions", "errors", "list", "ideas", "workout", "recipe", "recipes",
	// TAXONOMY lists calculators and worksheets under problem/template.
	"calculator", "calculators", "worksheet", "worksheets", "generator", "checker")

// navWords, after a brand, make a navigation query (tie-breaker 2).
var navWords = set("login", "log", "signin", "sign", "account", "careers", "jobs", "job",
	"contact", "phone", "number", "address", "headquarters", "hq", "office", "offices",
	"support", "customer", "status", "outage", "down", "stock", "ceo", "founder", "owner",
	"download", "website", "site", "homepage", "portal", "app", "dashboard", "help",
	"hours", "near", "me", "location", "locations", "salary", "internship", "press",
	"news", "about", "linkedin", "glassdoor", "email", "chat", "cancel", "refund", "terms",
	"privacy", "policy", "legal", "logo", "wiki", "investor", "investors", "relations",
	"tracking", "office",
	"donate", "tracking", "web", "notice", "returns", "careers")

// troubleWords mark a broken task (problem/troubleshooting), even next to a
// brand: "zoom audio echo", "venmo payment failed".
var troubleWords = set("error", "errors", "err", "failed", "failing", "fails", "fail",
	"crashing", "crashes", "crash", "freezing", "frozen", "stuck", "declined", "broken",
	"denied", "not", "won't", "wont", "can't", "cant", "doesn't", "isn't", "keeps", "fix",
	"issue", "issues", "problem", "problems", "troubleshooting", "echo", "noise", "slow",
	"disconnecting", "blank", "missing", "unable", "tripping", "leaking", "delayed", "delay")

// questionWords open a question; "how" and "what" are the common ones.
var questionWords = set("how", "what", "why", "when", "where", "which", "who", "can",
	"does", "do", "is", "are", "should", "will", "could", "would")

// modifiers change what a phrase asks for.
var modifiers = set("best", "top", "vs", "versus", "alternative", "alternatives", "cheap",
	"cheapest", "free", "affordable", "review", "reviews", "compare", "comparison",
	"pricing", "price", "cost", "buy", "discount", "coupon", "trial", "demo", "examples",
	"template", "templates", "ideas", "tips", "guide", "checklist", "how", "what", "why",
	"definition", "meaning", "login", "careers", "contact", "not", "error", "fix", "broken",
	"working", "statistics", "trends", "report", "near", "for", "with", "without", "to")

// genericWords are common nouns that a pattern like "X pricing" must not
// mistake for a brand.
var genericWords = set("software", "tool", "tools", "app", "crm", "erp", "cms", "saas",
	"website", "web", "email", "marketing", "seo", "hosting", "domain", "cloud", "payroll",
	"accounting", "invoice", "invoicing", "project", "management", "help", "desk", "helpdesk",
	"customer", "support", "service", "chat", "live", "video", "phone", "sms", "text",
	"insurance", "car", "home", "house", "health", "dental", "life", "travel", "flight",
	"hotel", "gym", "yoga", "lawn", "care", "cleaning", "plumbing", "roof", "solar", "hvac",
	"moving", "storage", "wedding", "photography", "design", "logo", "ecommerce", "online",
	"store", "shop", "school", "college", "course", "bank", "loan", "mortgage", "credit",
	"card", "tax", "legal", "lawyer", "attorney", "doctor", "dentist", "therapy", "vpn",
	"antivirus", "backup", "erp", "pos", "hr", "ats", "lms", "api", "data", "analytics",
	"survey", "form", "forms", "calendar", "scheduling", "booking", "appointment", "team",
	"sales", "lead", "leads", "ad", "ads", "social", "media", "content", "blog", "podcast",
	"newsletter", "the", "a", "an", "my", "our", "your", "free", "best", "top", "cheap",
	"new", "open", "source", "enterprise", "small", "business", "plan", "plans", "monthly",
	"annual", "pro", "premium", "basic", "team", "teams", "user", "per", "and", "or",
	"of", "for", "in", "on", "to", "with", "how", "what", "is", "why", "vs", "food",
	"meal", "dog", "cat", "pet", "baby", "kids", "coffee", "wine", "beer", "shoes",
	"clothing", "furniture", "mattress", "bike", "electric", "diy", "garden", "kitchen")

// patternWords, after an unknown name, mark that name as a brand, with the
// pattern reported in the signal: "x login", "x pricing", "x alternatives".
var patternWords = set("login", "pricing", "alternatives", "alternative", "competitors",
	"review", "reviews", "careers", "api", "integration", "integrations", "coupon",
	"discount", "demo", "trial", "support", "download", "app", "promo", "plans")

// stopwords are dropped from page vocabulary features and key phrases.
var stopwords = set("a", "an", "the", "and", "or", "but", "of", "in", "on", "at", "to",
	"for", "with", "by", "from", "as", "is", "are", "was", "were", "be", "been", "it",
	"its", "this", "that", "these", "those", "you", "your", "we", "our", "they", "their",
	"i", "my", "me", "he", "she", "his", "her", "them", "us", "so", "if", "then", "than",
	"can", "will", "do", "does", "did", "have", "has", "had", "not", "no", "yes", "all",
	"any", "more", "most", "some", "such", "into", "out", "up", "about", "over", "also",
	"just", "only", "very", "there", "here", "what", "which", "who", "when", "where", "why",
	"how", "each", "other", "one", "get", "use", "may", "should", "would", "could", "s")

// ctaPhrases are calls to action, matched in link anchors and main text.
// Each maps to the canonical form reported in the cta: signal.
var ctaPhrases = map[string]string{
	"book a demo": "book a demo", "request a demo": "book a demo", "get a demo": "book a demo",
	"schedule a demo": "book a demo", "watch demo": "book a demo", "see a demo": "book a demo",
	"start free trial": "free trial", "start your free trial": "free trial",
	"free trial": "free trial", "try free": "free trial", "try it free": "free trial",
	"try for free": "free trial", "start for free": "sign up", "get started": "sign up",
	"sign up": "sign up", "sign up free": "sign up", "create account": "sign up",
	"create an account": "sign up", "buy now": "buy", "add to cart": "buy",
	"add to basket": "buy", "shop now": "buy", "order now": "buy", "subscribe": "subscribe",
	"contact sales": "contact sales", "talk to sales": "contact sales",
	"get a quote": "contact sales", "request a quote": "contact sales",
	"download": "download", "download the": "download", "get the template": "download",
	"download template": "download", "read more": "read more", "apply now": "apply",
	"view open roles": "apply", "see open positions": "apply", "join our team": "apply",
	"choose plan": "buy", "select plan": "buy", "upgrade": "buy", "compare plans": "buy",
	"install": "install", "install app": "install", "connect": "install",
	"add to slack": "install", "log in": "log in", "login": "log in", "sign in": "log in",
}

// urlWords are path words whose presence the url: signal reports.
var urlWords = set("pricing", "plans", "price", "features", "feature", "product", "products",
	"solutions", "solution", "integrations", "integration", "apps", "marketplace", "compare",
	"vs", "alternatives", "alternative", "blog", "resources", "guides", "guide", "learn",
	"academy", "how-to", "glossary", "templates", "template", "help", "docs", "support",
	"kb", "knowledge-base", "case-studies", "customers", "stories", "reports", "research",
	"news", "press", "about", "team", "careers", "jobs", "contact", "legal", "privacy",
	"terms", "cookies", "security", "tag", "tags", "category", "categories", "author",
	"page", "search", "login", "signin", "signup", "demo", "trial", "webinars", "whitepapers",
	"ebooks", "reviews", "review", "api", "troubleshooting", "partners", "work", "case-study",
	"success-stories", "shop", "store", "collections", "cart", "checkout", "faq", "404",
	"stores", "locations", "shipping", "delivery", "returns", "delivery-returns", "changelog")

// sectionWords name a site's content sections; the section's own root URL
// is a listing of its posts.
var sectionWords = set("blog", "news", "journal", "articles", "resources", "guides", "learn",
	"insights", "stories", "podcast", "events", "library", "academy", "knowledge-base",
	"case-studies", "customers", "templates", "webinars", "reports")

// IsStopword reports whether a lower-case word is a stop word.
func IsStopword(w string) bool { return stopwords[w] }

// errorPhrases, padded with spaces, name an error page rather than a task
// (TAXONOMY tie-breaker 6): "acme page not found", "404 page".
var errorPhrases = []string{" page not found ", " 404 ", " 410 ", " 500 ", " 502 ", " 503 ",
	" service unavailable ", " internal server error ", " bad gateway ", " not found "}

// pricingWords name a price list in the languages seoplan's users crawl
// most; a URL segment or title word among them fires the pricing signals
// ("/preise", "Tarifs").
var pricingWords = set("pricing", "prices", "fees", "tarifs", "prix", "preise", "kosten", "tarife",
	"precios", "tarifas", "prezzi", "tariffe", "precos", "preços", "prijzen", "tarieven",
	"priser", "cennik", "hinnat", "料金", "価格")

// notTrouble are words that, after a trouble word, make a product feature:
// "noise-cancelling", "echo cancellation".
var notTrouble = set("cancelling", "canceling", "cancellation", "machine", "reduction")

// titleWordsIntl map title words of other languages to the English title
// signals they mean (tips, how to, guide, template, features).
var titleWordsIntl = map[string]string{
	"tipps": "tips", "astuces": "tips", "conseils": "tips", "consejos": "tips", "dicas": "tips",
	"consigli": "tips", "tips": "tips", "trucs": "tips",
	"anleitung": "how to", "schritt": "how to", "schritten": "how to", "étapes": "how to",
	"pasos": "how to", "passos": "how to", "passi": "how to", "stappen": "how to",
	"ratgeber": "guide", "leitfaden": "guide", "guía": "guide", "guia": "guide", "guida": "guide",
	"vorlage": "template", "vorlagen": "template", "modèle": "template", "plantilla": "template",
	"modelo": "template", "sjabloon": "template",
	"datenschutz": "privacy", "impressum": "terms", "agb": "terms", "confidentialité": "privacy",
	"privacidad": "privacy", "karriere": "careers", "kontakt": "contact", "contacto": "contact",
	"voorwaarden": "terms", "légales": "terms", "legales": "terms", "nutzungsbedingungen": "terms",
	"condiciones": "terms", "termos": "terms", "termini": "terms", "privacybeleid": "privacy",
	"privacyverklaring": "privacy", "privacidade": "privacy", "cookiebeleid": "privacy",
	"reviews": "review", "avis": "review", "erfahrungen": "review", "testbericht": "review",
	"recensione": "review", "recensioni": "review", "reseña": "review", "opiniones": "review",
	"análise": "review", "avaliação": "review", "ervaringen": "review",
	"printable": "template", "ausdrucken": "template", "imprimible": "template",
	"imprimer": "template", "stampabile": "template", "afdrukbaar": "template",
	"plantillas": "template", "modèles": "template", "modelli": "template", "modelos": "template",
	"checkliste": "checklist", "lista de verificación": "checklist",
}

// notFoundPhrases in a title mark an error page, in several languages.
var notFoundPhrases = []string{"not found", "nicht gefunden", "introuvable", "no encontrada",
	"no encontrado", "non trovata", "niet gevonden", "não encontrada", "nie znaleziono",
	"no longer available", "doesn't exist", "does not exist", "nicht mehr verfügbar",
	"n'existe plus", "ya no existe", "não existe", "non esiste", "見つかりません", "存在しません"}

// notFoundText in a thin page's text says the page asked for is gone: a soft
// 404 served with status 200 and an ordinary title.
var notFoundText = []string{"page you are looking for", "page you were looking for",
	"page you requested", "could not be found", "couldn't be found", "can't be found",
	"has been removed", "no longer available", "no longer exists", "die seite, die sie suchen",
	"la page que vous recherchez", "la página que buscas", "la pagina che cerchi",
	"de pagina die je zoekt", "a página que você procura", "ページが見つかりません"}

// howToPhrases in a title or h1 mark step-by-step instructions in the
// languages seoplan meets most; howToStarts do when they open it.
var howToPhrases = []string{"how to", "step by step", "step-by-step", "schritt für schritt",
	"so geht", "so gehen sie vor", "stap voor stap", "zo doe je", "étape par étape",
	"paso a paso", "passo a passo", "passo dopo passo", "やり方", "手順"}
var howToStarts = []string{"comment ", "cómo ", "como ", "come ", "hoe ", "wie man ", "wie sie "}

// specWords in a title mark a technical page about the product itself
// (product/deep-dive).
var specWords = set("specifications", "specs", "spec", "architecture", "datasheet", "technical",
	"spezifikationen", "technische", "technik", "especificaciones", "specifiche", "specificaties",
	"especificações", "techniques")

// compareWords in a title put offerings side by side (product/comparison).
var compareWords = set("compare", "compared", "comparison", "comparatif", "vergleich",
	"vergleichen", "vergelijken", "vergelijking", "comparativa", "comparativo", "comparar",
	"confronto", "comparação", "比較")

// bestIntl are "best" in other languages; a title with one is a best-of
// list unless the next word makes it advice.
var bestIntl = set("melhores", "mejores", "meilleurs", "meilleures", "migliori", "beste", "besten",
	"melhor", "mejor", "meilleur", "meilleure", "migliore", "おすすめ")

// capabilityPhrases in a post's text say what a product now does: a
// release note or launch post (product/feature), not company news.
var capabilityPhrases = []string{"now available", "generally available", "you can now",
	"starting today", "is now live", "out of beta", "available today", "now supports",
	"we've added", "we have added", "new feature", "ab sofort", "désormais disponible",
	"ya disponible", "já disponível", "ora disponibile", "nu beschikbaar", "vous pouvez désormais"}

// segmentWords are the URL words also recognised inside a hyphenated
// segment ("/privacy-policy", "/accessibility-statement", "/sso-pricing").
var segmentWords = set("privacy", "terms", "cookies", "cookie", "legal", "accessibility", "imprint",
	"pricing", "integrations", "integration", "features", "alternatives", "vs", "careers",
	"jobs", "about", "contact", "troubleshooting", "templates", "template", "glossary", "press")

// urlWordsIntl map URL words of other languages to the English URL words
// whose signals they fire.
var urlWordsIntl = map[string]string{
	"integraciones": "integrations", "integrationen": "integrations", "integrazioni": "integrations",
	"integracoes": "integrations", "integraties": "integrations",
	"funcionalidades": "features", "funktionen": "features", "fonctionnalites": "features",
	"functies": "features", "funzionalita": "features", "caracteristicas": "features",
	"ratgeber": "guides", "kennisbank": "learn", "wissen": "learn", "ayuda": "help", "hilfe": "help",
	"aide": "help", "karriere": "careers", "empleo": "careers", "vacatures": "careers",
	"kontakt": "contact", "contacto": "contact", "contatti": "contact", "contato": "contact",
	"datenschutz": "privacy", "privacidad": "privacy", "confidentialite": "privacy",
	"impressum": "legal", "presse": "press", "prensa": "press", "newsroom": "press",
	"media-centre": "press", "media-center": "press", "vergleich": "compare",
	"carreiras": "careers", "trabalhe-conosco": "careers", "lavora-con-noi": "careers",
	"trabaja-con-nosotros": "careers", "emplois": "careers", "stellenangebote": "careers",
	"sobre": "about", "ueber-uns": "about", "uber-uns": "about", "a-propos": "about",
	"chi-siamo": "about", "over-ons": "about", "quienes-somos": "about",
	"sobre-nosotros": "about", "quem-somos": "about",
	"noticias": "news", "nachrichten": "news", "actualites": "news", "notizie": "news",
	"nieuws": "news", "aktuelles": "news",
	"mentions-legales": "legal", "aviso-legal": "legal", "note-legali": "legal",
	"algemene-voorwaarden": "terms", "voorwaarden": "terms", "agb": "terms", "cgv": "terms", "cgu": "terms",
	"nutzungsbedingungen": "terms", "condiciones": "terms", "terminos": "terms", "termos": "terms",
	"termini-e-condizioni": "terms", "privacybeleid": "privacy", "privacyverklaring": "privacy",
	"politique-de-confidentialite": "privacy", "politica-de-privacidad": "privacy",
	"politica-de-privacidade": "privacy", "informativa-privacy": "privacy", "cookiebeleid": "cookies",
	"schnittstellen": "integrations", "schnittstelle": "integrations", "koppelingen": "integrations",
	"integrations": "integrations",
	"vergelijken":  "compare", "vergleichen": "compare", "comparatif": "compare", "comparativa": "compare",
	"comparar": "compare", "confronto": "compare",
	"anleitungen": "how-to", "handleiding": "how-to", "tutoriels": "how-to", "tutoriales": "how-to",
	"tutoriais": "how-to", "tutorial": "how-to", "tutorials": "how-to",
}

// newsWords in a title announce something.
var newsWords = set("announcing", "announces", "announced", "introducing", "launches",
	"launched", "inaugura", "anuncia", "kündigt", "annonce")

// deepDiveWords in a URL mark a technical page about the product itself.
var deepDiveWords = set("specifications", "specs", "how-it-works", "technology", "architecture",
	"security", "whitepaper", "whitepapers", "datasheet", "datasheets", "technik", "technologie",
	"spezifikationen", "specifiche", "especificaciones", "specificaties", "under-the-hood")

// listNouns after a number in a title make a listicle ("8 tactics").
var listNouns = set("ideas", "tips", "ways", "tactics", "strategies", "examples", "mistakes",
	"reasons", "things", "hacks", "tricks", "ideias", "consejos", "tipps", "astuces", "dicas",
	"consigli", "trucos", "steps", "signs", "lessons", "rules", "habits", "techniques", "myths",
	"secrets", "questions", "ideen", "ideeën", "idées", "ideas", "errores", "erreurs", "fehler",
	"fouten", "erros", "errori", "manieren", "formas", "maneiras", "façons", "modi", "maneras")

// whatIsPhrases open a definition in several languages.
var whatIsPhrases = []string{"what is ", "what are ", "qué es ", "que es ", "o que é ", "o que e ",
	"was ist ", "qu'est-ce ", "cos'è ", "che cos'è ", "wat is ", "co to jest "}

// reportWords in a title mark research about the field.
var reportWords = set("statistics", "stats", "trends", "benchmark", "benchmarks", "survey",
	"research", "report", "index", "data", "estadísticas", "statistiken", "statistiques")

// troubleTitleWords in a title or h1 name a fault (problem/troubleshooting).
var troubleTitleWords = set("error", "errors", "failed", "failing", "fails", "stuck", "broken",
	"crash", "crashes", "crashing", "freezing", "frozen", "troubleshoot", "troubleshooting",
	"won't", "doesn't", "isn't", "can't", "fehler", "fehlermeldung", "erreur", "erro", "errore",
	"fout", "foutmelding", "storing", "störung")

// troublePhrases, padded with spaces, name a fault in several languages.
var troublePhrases = []string{" not working ", " stopped working ", " too low ", " too high ",
	" what to do ", " was tun", " funktioniert nicht ", " geht nicht ", " que faire ",
	" ne fonctionne pas ", " qué hacer ", " no funciona ", " o que fazer ", " não funciona ",
	" cosa fare ", " non funziona ", " wat te doen ", " werkt niet "}

// explainWords in a title promise a definition (problem/explainer).
var explainWords = set("explained", "explainer", "definition", "meaning", "erklärt",
	"expliqué", "explicado", "explicada", "spiegato", "uitgelegd", "betekenis", "bedeutung",
	"significado", "signification", "significato", "とは")

// compoundEnds are word endings that carry a title signal inside a German
// or Dutch compound.
var compoundEnds = []struct{ end, signal string }{
	{"checkliste", `title:"checklist"`}, {"checklist", `title:"checklist"`},
	{"vorlage", `title:"template"`}, {"vorlagen", `title:"template"`}, {"sjabloon", `title:"template"`},
	{"rechner", `title:"calculator"`}, {"calculator", `title:"calculator"`},
	{"trends", `title:"report"`}, {"statistik", `title:"report"`}, {"statistiken", `title:"report"`},
	{"statistieken", `title:"report"`}, {"umfrage", `title:"report"`}, {"onderzoek", `title:"report"`},
	{"ratgeber", `title:"guide"`}, {"anleitung", `title:"how to"`}, {"tipps", `title:"tips"`},
}
