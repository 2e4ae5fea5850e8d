package typo

import (
	"math/rand/v2"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	"github.com/publish-books/publish/internal/cputime"
)

// trimTrailing is the definition that the trailer computes faster: it
// leaves the punctuation that ends a sentence out of an address, "voir
// http://x.fr/a." keeping the final point in the prose; a closing
// parenthesis stays when the address opened one.
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

// TestTrailerMatchesDefinition compares the trailer with trimTrailing for
// every start of random tokens made of parentheses, punctuation and
// letters.
func TestTrailerMatchesDefinition(t *testing.T) {
	rng := rand.New(rand.NewPCG(16, 1))
	const alphabet = "a(()).,:;!?]}'x/@"
	for n := 0; n < 3000; n++ {
		var b strings.Builder
		for range rng.IntN(24) {
			b.WriteByte(alphabet[rng.IntN(len(alphabet))])
		}
		var cs []cell
		for _, r := range b.String() {
			cs = append(cs, cell{r: r})
		}
		tr := newTrailer(cs, 0, len(cs))
		for k := 0; k <= len(cs); k += 1 + rng.IntN(3) {
			if got, want := tr.end(k), trimTrailing(cs, k, len(cs)); got != want {
				t.Fatalf("%q from %d: trailer %d, trimTrailing %d", b.String(), k, got, want)
			}
		}
	}
}

// TestNoAddressSkipped checks the shortcut of protectToken on random
// tokens of letters, points and the characters of addresses: where
// mayHoldAddress says no address can start, addressEnd finds none from
// any start, and where it says one may, the tokens hold one of its
// marks.
func TestNoAddressSkipped(t *testing.T) {
	rng := rand.New(rand.NewPCG(17, 3))
	alphabet := strings.Split("wwWW..a@:/(-x1", "")
	skipped, found := 0, 0
	for n := 0; n < 20000; n++ {
		tok, cs := randomCells(rng, alphabet, 16)
		if mayHoldAddress(cs, 0, len(cs)) {
			if !strings.ContainsAny(tok, "@:/") && !strings.Contains(strings.ToLower(tok), "www.") {
				t.Errorf("%q: no mark of an address, yet searched", tok)
			}
			continue
		}
		skipped++
		noAddressFrom(t, tok, cs, func(int) bool { return true })
		if strings.Contains(strings.ToLower(tok), "www") {
			found++
		}
	}
	if skipped == 0 || found == 0 {
		t.Fatalf("%d tokens skipped, %d of them with www: the test tries nothing", skipped, found)
	}
	// Colons after words and after schemes (mayHoldAddress takes a colon
	// only after a scheme): tokens of pieces such as "dit", "http",
	// "tel", ":", "//" and "(", tried at the starts protectToken tries
	// (the token's, and those after a character that may precede an
	// address).
	pieces := []string{"dit", "Tel", "tel", "http", "HTTPS", "mailto", "xmailto", "urn", "a", ":", ":", "//", "x", "1", ".", "(", ","}
	colons, schemes := 0, 0
	for n := 0; n < 20000; n++ {
		tok, cs := randomCells(rng, pieces, 5)
		if mayHoldAddress(cs, 0, len(cs)) {
			schemes++
			continue
		}
		if strings.Contains(tok, ":") {
			colons++
		}
		noAddressFrom(t, tok, cs, func(k int) bool { return k == 0 || isAlnum(cs[k].r) && tokenBoundary(cs[k-1].r) })
	}
	if colons == 0 || schemes == 0 {
		t.Fatalf("%d tokens with a colon skipped, %d searched: the test tries nothing", colons, schemes)
	}
	// Addresses of each kind, each with a single mark: none is skipped.
	for _, tok := range []string{"tel:0321876543", "urn:isbn:2070360024", "doi:10.1000/182", "(www.pasdecalais.fr",
		"archives@pasdecalais.fr", "archives.pasdecalais.fr/fonds", "WWW.BOULOGNE.FR"} {
		var cs []cell
		for _, r := range tok {
			cs = append(cs, cell{r: r})
		}
		found := false
		for k := range cs {
			if addressEnd(cs, k, len(cs)) > k {
				found = true
			}
		}
		if !found {
			t.Errorf("%q: addressEnd finds no address, the case tries nothing", tok)
		}
		if !mayHoldAddress(cs, 0, len(cs)) {
			t.Errorf("%q holds an address, but mayHoldAddress skips it", tok)
		}
	}
}

// randomCells returns a token of one to most pieces drawn from pieces,
// and its cells.
func randomCells(rng *rand.Rand, pieces []string, most int) (string, []cell) {
	var b strings.Builder
	for range 1 + rng.IntN(most) {
		b.WriteString(pieces[rng.IntN(len(pieces))])
	}
	var cs []cell
	for _, r := range b.String() {
		cs = append(cs, cell{r: r})
	}
	return b.String(), cs
}

// noAddressFrom fails the test when addressEnd finds an address in the
// token from a start that try accepts: the token was skipped.
func noAddressFrom(t *testing.T, tok string, cs []cell, try func(k int) bool) {
	t.Helper()
	for k := range cs {
		if !try(k) {
			continue
		}
		if e := addressEnd(cs, k, len(cs)); e > k {
			t.Fatalf("%q: an address from %d to %d, but the token was skipped", tok, k, e)
		}
	}
}

// TestProtectLinear checks that the address protection costs time linear
// in a token's length on tokens where every other character may start an
// address: "(a" repeated (5.5 s for 100 000 repetitions when each start
// rescanned the rest of the token), with a colon (each start then reads
// its window), and followed by as many closing parentheses. The
// processor time of 100 000 repetitions must stay within 30 times that of
// 10 000 (linear: 10; quadratic: 100), the best of five runs each.
func TestProtectLinear(t *testing.T) {
	if testing.Short() {
		t.Skip("times runs of 200 KB")
	}
	// The collector is kept out of the measured runs: its work depends on
	// what the earlier tests left, not on the token.
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	best := func(s string) time.Duration {
		var min time.Duration
		for range 5 {
			runtime.GC()
			start := cputime.Process()
			String(s, "fr")
			if d := cputime.Process() - start; min == 0 || d < min {
				min = d
			}
		}
		return min
	}
	tokens := []struct {
		name string
		make func(n int) string
	}{
		{`"(a" × n`, func(n int) string { return strings.Repeat("(a", n) }},
		{`"(a:" × n`, func(n int) string { return strings.Repeat("(a:", n) }},
		{`"(a" × n + ")" × n`, func(n int) string { return strings.Repeat("(a", n) + strings.Repeat(")", n) }},
	}
	for _, tok := range tokens {
		small := best(tok.make(10000))
		large := best(tok.make(100000))
		if small <= 0 {
			t.Skip("no processor time on this system")
		}
		ratio := float64(large) / float64(small)
		t.Logf("%s, n = 10 000: %v, n = 100 000: %v (×%.1f)", tok.name, small, large, ratio)
		if ratio > 30 {
			t.Errorf("%s: n = 100 000 takes %.1f times as long as n = 10 000 (%v, %v): not linear", tok.name, ratio, large, small)
		}
	}
}
