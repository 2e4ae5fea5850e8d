package typo

import "strings"

// urlSchemes are the schemes that start an address in running text.
var urlSchemes = map[string]bool{
	"http": true, "https": true, "ftp": true, "ftps": true, "sftp": true, "file": true,
	"mailto": true, "tel": true, "urn": true, "doi": true, "news": true, "irc": true,
	"ssh": true, "git": true, "data": true, "geo": true, "ark": true,
}

// protect marks the characters of URLs and e-mail addresses written in
// the text, so that no rule puts a space or a curly quote in them.
func (s *stream) protect() {
	cs := s.cells
	for i := 0; i < len(cs); {
		if !isAlnum(cs[i].r) || i > 0 && !tokenBoundary(cs[i-1].r) {
			i++
			continue
		}
		end := tokenEnd(cs, i)
		protectToken(cs, i, end)
		i = end
	}
}

// protectToken protects the first address of the token cs[i:end]: the
// whole token, or a part that starts after a character that may precede
// an address ("voir,http://x.fr"; or "a@ !b@c.fr", which an earlier pass
// made "a@!b@c.fr": the address must be found again for the rules to be
// idempotent). looksLikeAddress reads at most 64 characters, so a long
// token costs linear time.
func protectToken(cs []cell, i, end int) {
	for k := i; end-k >= 4; k++ {
		if k > i && (!isAlnum(cs[k].r) || !tokenBoundary(cs[k-1].r)) {
			continue
		}
		if looksLikeAddress(cs, k, end) {
			e := trimTrailing(cs, k, end)
			for j := k; j < e; j++ {
				cs[j].flags |= fProtected
			}
			return
		}
	}
}

// tokenBoundary reports whether an address may start after r.
func tokenBoundary(r rune) bool {
	return !isAlnum(r) && r != '.' && r != '-' && r != '_' && r != '@' && r != '/' && r != ':' && r != '+' && r != '%'
}

// tokenEnd returns the end of the run of characters that an address may
// hold, starting at i.
func tokenEnd(cs []cell, i int) int {
	for i < len(cs) {
		r := cs[i].r
		if r == atomRune || r == lineRune || isSpace(r) || r < ' ' {
			break
		}
		switch r {
		case '«', '»', '“', '”', '‘', '’', '"', '<', '>', '‹', '›', ellipsis:
			return i
		}
		i++
	}
	return i
}

// looksLikeAddress reports whether cs[i:end] is a URL or an e-mail address.
func looksLikeAddress(cs []cell, i, end int) bool {
	hint := end-i > 4 && cs[i].r|0x20 == 'w' && cs[i+1].r|0x20 == 'w' && cs[i+2].r|0x20 == 'w' && cs[i+3].r == '.'
	for k := i; k < end && k-i < 64 && !hint; k++ { // the checks below read 64 characters
		switch cs[k].r {
		case ':', '@', '/':
			hint = true
		}
	}
	if !hint {
		return false
	}
	var b strings.Builder
	for k := i; k < end && k-i < 64; k++ {
		b.WriteRune(cs[k].r)
	}
	t := b.String()
	lower := strings.ToLower(t)
	if colon := strings.IndexByte(lower, ':'); colon > 0 && urlSchemes[lower[:colon]] && colon+1 < len(lower) {
		rest := lower[colon+1:]
		switch lower[:colon] {
		case "http", "https", "ftp", "ftps", "sftp", "file", "ssh", "git", "irc", "news":
			return strings.HasPrefix(rest, "//")
		}
		return isAlnum(rune(rest[0])) || rest[0] == '/'
	}
	if strings.HasPrefix(lower, "www.") && len(lower) > 5 {
		return true
	}
	if at := strings.IndexByte(t, '@'); at > 0 && isDomain(t[at+1:]) {
		return true
	}
	if slash := strings.IndexByte(t, '/'); slash > 0 && isDomain(t[:slash]) {
		return true
	}
	return false
}

// isDomain reports whether s (up to any trailing punctuation) is a domain
// name with a dot and a top-level label of letters.
func isDomain(s string) bool {
	s = strings.TrimRight(s, ".,;:!?)]}")
	labels := strings.Split(s, ".")
	if len(labels) < 2 {
		return false
	}
	for _, l := range labels {
		if l == "" {
			return false
		}
		for _, r := range l {
			if !(r == '-' || isDigit(r) || (r|0x20 >= 'a' && r|0x20 <= 'z')) {
				return false
			}
		}
	}
	tld := labels[len(labels)-1]
	if len(tld) < 2 {
		return false
	}
	for _, r := range tld {
		if isDigit(r) || r == '-' {
			return false
		}
	}
	return true
}

// trimTrailing leaves the punctuation that ends a sentence out of an
// address: "voir http://x.fr/a." keeps the final point in the prose. A
// closing parenthesis stays when the address opened one.
func trimTrailing(cs []cell, i, end int) int {
	open := 0
	for k := i; k < end; k++ {
		switch cs[k].r {
		case '(':
			open++
		case ')':
			open--
		}
	}
	for end > i {
		switch cs[end-1].r {
		case '.', ',', ';', ':', '!', '?', ']', '}', '\'':
			end--
			continue
		case ')':
			if open < 0 {
				open++
				end--
				continue
			}
		}
		break
	}
	return end
}
