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
	if !mayHoldAddress(cs, 0, len(cs)) {
		// No token can hold one (protectToken asks the same of each):
		// most paragraphs are told so in one quick look.
		return
	}
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
// be idempotent. Each start is tried in constant time (addressEnd reads
// at most 64 characters, and the token's end less its final punctuation
// is found from a summary of the token made once), so a long token costs
// linear time.
func protectToken(cs []cell, i, end int) {
	if !mayHoldAddress(cs, i, end) {
		return // most words: no start can hold an address
	}
	tr := newTrailer(cs, i, end)
	for k := i; end-k >= 4; {
		if k > i && (!isAlnum(cs[k].r) || !tokenBoundary(cs[k-1].r)) {
			k++
			continue
		}
		e := addressEnd(cs, k, tr.end(k))
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

// mayHoldAddress reports whether an address may start in the token
// cs[i:end]: addressEnd finds one only where an '@' or a '/' follows its
// start, where a ':' follows a scheme that starts it (http:, mailto: …),
// or where it starts with "www.". A colon after a word ("dit:", as a
// French text converted from a plain file writes it) holds none.
func mayHoldAddress(cs []cell, i, end int) bool {
	for k := i; k < end; k++ {
		switch cs[k].r {
		case '@', '/':
			return true
		case ':':
			if schemeBefore(cs, i, k) {
				return true
			}
		case '.':
			if k-i >= 3 && cs[k-1].r|0x20 == 'w' && cs[k-2].r|0x20 == 'w' && cs[k-3].r|0x20 == 'w' {
				return true
			}
		}
	}
	return false
}

// schemeBefore reports whether the letters just before the colon at
// cs[k], back to cs[i] at most, are a scheme of urlSchemes: the only colon
// addressEnd takes is one that a scheme from the address's start leads
// to, and a scheme is letters only.
func schemeBefore(cs []cell, i, k int) bool {
	var buf [8]byte
	j := k
	for j > i && k-j < len(buf) && isASCIILetter(cs[j-1].r) {
		j--
	}
	if j == k || k-j == len(buf) {
		return false // no letters, or more than any scheme has
	}
	for m := j; m < k; m++ {
		buf[m-j] = byte(cs[m].r | 0x20)
	}
	return urlSchemes[string(buf[:k-j])]
}

// isASCIILetter reports whether r is a letter of the ASCII alphabet.
func isASCIILetter(r rune) bool { r |= 0x20; return r >= 'a' && r <= 'z' }

// trailer answers trimTrailing(cs, k, end) for the starts k of one token,
// in increasing order, in constant amortised time: the punctuation that
// ends the token is the same for every start, and only the number of
// closing parentheses left out depends on the start (on the parentheses
// the address opens).
type trailer struct {
	cs       []cell
	run      int   // the final run of punctuation is cs[run:end]
	closers  []int // the ')' of the run, last first
	at, open int   // open is the parentheses' balance of cs[at:end]
}

func newTrailer(cs []cell, i, end int) trailer {
	t := trailer{cs: cs, run: end, at: i}
run:
	for t.run > i {
		switch cs[t.run-1].r {
		case '.', ',', ';', ':', '!', '?', ']', '}', '\'':
		case ')':
			t.closers = append(t.closers, t.run-1)
		default:
			break run
		}
		t.run--
	}
	for k := i; k < end; k++ {
		t.open += parenBalance(cs[k].r)
	}
	return t
}

// end returns trimTrailing(cs, k, end); k never decreases between calls.
func (t *trailer) end(k int) int {
	for ; t.at < k; t.at++ {
		t.open -= parenBalance(t.cs[t.at].r)
	}
	e := t.run
	if d := max(0, -t.open); d < len(t.closers) {
		e = t.closers[d] + 1
	}
	return max(e, k)
}

// parenBalance counts '(' as 1 and ')' as -1.
func parenBalance(r rune) int {
	switch r {
	case '(':
		return 1
	case ')':
		return -1
	}
	return 0
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
//
// end is already trimTrailing's: the punctuation that ends a sentence is
// left out before deciding, since a later pass may have set it apart
// ("www..!" becomes "www.. !"), and the decision must not change with it.
func addressEnd(cs []cell, i, end int) int {
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
			if !(r == '-' || isDigit(r) || isASCIILetter(r)) {
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
