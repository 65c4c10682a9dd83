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
		// "sid" is also a plain story or site id on many sites, so, like
		// Heritrix, strip it only when the value looks like a session token.
		return looksLikeToken(val)
	}
	return false
}

// looksLikeToken reports whether v is a long run of letters and digits, as
// the session identifiers servers generate are (Heritrix expects 32).
func looksLikeToken(v string) bool {
	if len(v) < 16 {
		return false
	}
	for i := 0; i < len(v); i++ {
		if !isAlnum(v[i]) {
			return false
		}
	}
	return true
}
