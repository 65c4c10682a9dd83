// Package kwfile reads keyword files: a plain list of keywords, one a line, or
// a CSV export of Google Search Console, Ahrefs or Semrush. Search Console
// exports are recognised in English, German, French, Spanish, Portuguese,
// Italian, Dutch and Japanese; an export of its Pages tab, which holds no
// queries, is refused by Parse with ErrPagesExport and read by ParsePages,
// which also reads the Pages tab exported comparing two date ranges.
//
// Read streams a file, handing each row to a function, in memory that stays
// flat whatever the file's size; Parse collects the rows. Both detect the kind
// of file by its header row and keep the metrics the
// planner uses (search volume, clicks, impressions, position and the ranking
// URL) in seoplan.Keyword values. It is tolerant of what spreadsheet tools
// produce: a UTF-8 or UTF-16 byte-order mark, comma, semicolon or tab
// separators, quoted fields, thousands separators ("1,200", "1.200", "1 200"),
// decimal commas in semicolon files, "K"/"M" suffixes and empty or "-" cells,
// LF, CRLF or CR-only line ends, and stray NUL bytes (dropped).
// A header may follow a few title lines (Google Keyword Planner writes
// them). A file that is broken (bad quoting, a row longer than the header, a number
// that is not one) is an error naming the line, so a user can fix it.
// Over-long lines (more than MaxLineBytes, or a keyword of more than
// MaxKeywordRunes) are dropped, never held whole, and counted in Stats.Long
// so the caller can say so.
//
// Files:
//
//	kwfile.go     Parse, Read, header detection and row decoding
//	pages.go      ParsePages: Search Console Pages exports, compared or not
//	lines.go      the streaming line reader: decoding, line ends, length cap
//	number.go     lenient number parsing for exported metrics
package kwfile
