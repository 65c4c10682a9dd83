package urlnorm

import "strings"

// trackingParams are query keys (compared lower-case) that identify a visit,
// a campaign or a session, never a resource: two URLs that differ only in them
// are the same page. The session keys follow Heritrix's canonicalization rules
// (StripSessionIDs, StripSessionCFIDs); the campaign keys are the click
// identifiers of the major ad and mail platforms.
var trackingParams = map[string]bool{
	"gclid": true, "fbclid": true, "msclkid": true, "dclid": true, "yclid": true,
	"mc_cid": true, "mc_eid": true, "_ga": true, "_gl": true, "igshid": true,
	"ref_src":   true,
	"sessionid": true, "session_id": true, "jsessionid": true, "phpsessid": true,
	"cfid": true, "cftoken": true, "zenid": true, "oscsid": true,
}

// isTrackingParam reports whether the query parameter key=val (both still
// percent-encoded) is a tracking or session parameter.
func isTrackingParam(key, val string) bool {
	k := strings.ToLower(key)
	if trackingParams[k] {
		return true
	}
	switch {
	case strings.HasPrefix(k, "utm_"):
		return true
	case strings.HasPrefix(k, "aspsessionid"):
		// ASP appends eight random letters: ASPSESSIONIDQASDTRCB.
		return true
	case k == "sid":
		// "sid" is also a plain story or site id on many sites (PHP-Nuke's
		// article.php?sid=123), so, like Heritrix, strip it only when the
		// value looks like a session token.
		return looksLikeToken(val)
	}
	return false
}

// looksLikeToken reports whether v looks like a session identifier a
// server generated: letters and digits only, and either long (Heritrix
// expects 32) or of eight or more mixing both, as short random tokens
// ("k3j9x0qa") do and story ids ("123", "news") do not.
func looksLikeToken(v string) bool {
	if len(v) < 8 {
		return false
	}
	letters, digits := false, false
	for i := 0; i < len(v); i++ {
		c := v[i]
		switch {
		case c >= '0' && c <= '9':
			digits = true
		case isAlnum(c):
			letters = true
		default:
			return false
		}
	}
	return len(v) >= 16 || (letters && digits)
}
