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

// protectToken protects the addresses of the token cs[i:end]: the whole
// token, or parts that start after a character that may precede an
// address ("voir,http://x.fr"). An earlier pass may have joined tokens
// ("a@ !b@c.fr" becomes "a@!b@c.fr", "a@b.fr@ !c@d.fr" becomes
// "a@b.fr@!c@d.fr"): every address must be found again for the rules to
// be idempotent. addressEnd reads at most 64 characters, so a long token
// costs linear time.
func protectToken(cs []cell, i, end int) {
	for k := i; end-k >= 4; {
		if k > i && (!isAlnum(cs[k].r) || !tokenBoundary(cs[k-1].r)) {
			k++
			continue
		}
		e := addressEnd(cs, k, end)
		if e <= k {
			k++
			continue
		}
		for j := k; j < e; j++ {
			cs[j].flags |= fProtected
		}
		k = e
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

// addressWindow is the number of characters addressEnd reads.
const addressWindow = 64

// addressEnd returns the end of the URL or e-mail address that starts at
// cs[i] in the token cs[i:end], or i when there is none. A URL runs to the
// end of the token less the punctuation that ends a sentence; an e-mail
// address ends with its domain, so that what the token holds after it
// ("a@b.fr!!x") neither hides the address nor is protected with it.
func addressEnd(cs []cell, i, end int) int {
	// The punctuation that ends a sentence is left out before deciding:
	// a later pass may have set it apart ("www..!" becomes "www.. !"), and
	// the decision must not change with it.
	end = trimTrailing(cs, i, end)
	window := min(end, i+addressWindow)
	hint := window-i > 4 && cs[i].r|0x20 == 'w' && cs[i+1].r|0x20 == 'w' && cs[i+2].r|0x20 == 'w' && cs[i+3].r == '.'
	at := -1
	for k := i; k < window; k++ {
		switch cs[k].r {
		case '@':
			if at < 0 {
				at = k
			}
			hint = true
		case ':', '/':
			hint = true
		}
	}
	if !hint {
		return i
	}
	var b strings.Builder
	for k := i; k < window; k++ {
		b.WriteRune(cs[k].r)
	}
	t := b.String()
	lower := strings.ToLower(t)
	url := end
	if colon := strings.IndexByte(lower, ':'); colon > 0 && urlSchemes[lower[:colon]] && colon+1 < len(lower) {
		rest := lower[colon+1:]
		switch lower[:colon] {
		case "http", "https", "ftp", "ftps", "sftp", "file", "ssh", "git", "irc", "news":
			if strings.HasPrefix(rest, "//") {
				return url
			}
			return i
		}
		if isAlnum(rune(rest[0])) || rest[0] == '/' {
			return url
		}
		return i
	}
	if strings.HasPrefix(lower, "www.") && len(lower) > 5 {
		return url
	}
	if at > i {
		if e := domainEnd(cs, at+1, window); isDomain(runesOf(cs, at+1, e)) {
			return e
		}
	}
	if slash := strings.IndexByte(t, '/'); slash > 0 && isDomain(t[:slash]) {
		return url
	}
	return i
}

// domainEnd returns the end of the domain name that starts at cs[i]: the
// run of letters, digits, hyphens and points before end, less its final
// points.
func domainEnd(cs []cell, i, end int) int {
	e := i
	for e < end && (isAlnum(cs[e].r) || cs[e].r == '-' || cs[e].r == '.') {
		e++
	}
	for e > i && cs[e-1].r == '.' {
		e--
	}
	return e
}

// runesOf returns the text of cs[i:end].
func runesOf(cs []cell, i, end int) string {
	var b strings.Builder
	for k := i; k < end; k++ {
		b.WriteRune(cs[k].r)
	}
	return b.String()
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
