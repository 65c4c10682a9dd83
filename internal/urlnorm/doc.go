// Package urlnorm normalises URLs so that no page is fetched twice.
//
// Normalize turns a link as written in a page (relative or absolute, with
// campaign tags, session ids, odd escapes) into one canonical string:
//
//   - only http and https; anything else is ErrScheme, anything unparsable ErrMalformed
//   - scheme and host lower case, internationalised hosts in punycode, no trailing dot
//   - default ports (:80 for http, :443 for https) removed
//   - empty path is "/", "." and ".." segments resolved, ";jsessionid=" dropped
//   - percent-escapes in upper-case hex, escapes of unreserved characters decoded
//   - tracking and session parameters (utm_*, gclid, fbclid, jsessionid …) removed,
//     the rest sorted by key (repeated keys keep their order), empty "?" removed
//   - fragment removed
//
// NormalizeEscapes applies only the escape rules to a path and query, for
// text that is compared with normalised URLs, such as robots.txt rules.
//
// Normalize is idempotent: normalising its output again returns the same
// string (FuzzNormalize checks this). SameSite compares hosts the way the
// crawler decides whether a link is internal: "www." twins are one site.
//
// Files:
//
//	urlnorm.go   Normalize, SameSite and the steps of normalisation
//	tracking.go  the tracking and session query parameters that are stripped
package urlnorm
