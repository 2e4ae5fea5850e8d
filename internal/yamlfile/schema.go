package yamlfile

import (
	"sort"
	"strconv"
	"strings"

	"github.com/publish-books/publish/internal/model"
)

// Fields calls handle for each key of a mapping node that names one of the
// expected keys, and reports an unknown key (with the nearest expected key
// as a suggestion) or a missing required key. It reports a node that is not
// a mapping. what names the mapping in messages (e.g. "book.yaml").
func Fields(n *Node, ds *model.Diagnostics, what string, required []string, handle map[string]func(v *Node)) bool {
	if n == nil {
		return false
	}
	if n.Kind != Map {
		if n.Kind == Null && len(required) == 0 {
			return true
		}
		ds.ErrorCodef("wrong-type", n.Pos, "%s must be %s, not %s", what, Map, n.Kind)
		return false
	}
	seen := map[string]bool{}
	for i, k := range n.Keys {
		h, ok := handle[k.Value]
		if !ok {
			msg := "unknown key \"" + k.Value + "\" in " + what
			if s := nearest(k.Value, handle); s != "" {
				msg += " (did you mean \"" + s + "\"?)"
			}
			ds.ErrorCodef("unknown-key", k.Pos, "%s", msg)
			continue
		}
		seen[k.Value] = true
		h(n.Values[i])
	}
	for _, r := range required {
		if !seen[r] {
			ds.Errorf(n.Pos, "missing required key %q in %s", r, what)
		}
	}
	return true
}

// nearest returns the expected key closest to k by edit distance, if it is
// close enough to be a likely misspelling.
func nearest(k string, handle map[string]func(*Node)) string {
	keys := make([]string, 0, len(handle))
	for name := range handle {
		keys = append(keys, name)
	}
	return Nearest(k, keys)
}

// Nearest returns the candidate closest to k by edit distance when it is
// close enough to be a likely misspelling of it, else "".
func Nearest(k string, candidates []string) string {
	keys := append([]string(nil), candidates...)
	sort.Strings(keys)
	best, bestD := "", 1<<30
	for _, name := range keys {
		if d := editDistance(strings.ToLower(k), name); d < bestD {
			best, bestD = name, d
		}
	}
	if bestD <= 2 || (bestD <= 3 && len(k) > 6) {
		return best
	}
	return ""
}

func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	if len(ra) > 64 || len(rb) > 64 {
		return 1 << 20
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// String returns a scalar's text; anything else is reported.
func String(n *Node, ds *model.Diagnostics, what string) (string, bool) {
	if n.Kind != Scalar {
		if n.Kind == Null {
			return "", true
		}
		ds.ErrorCodef("wrong-type", n.Pos, "%s must be a text value, not %s", what, n.Kind)
		return "", false
	}
	return n.Value, true
}

// Strings returns a list of scalars; a single scalar is accepted as a list
// of one.
func Strings(n *Node, ds *model.Diagnostics, what string) ([]string, bool) {
	switch n.Kind {
	case Null:
		return nil, true
	case Scalar:
		return []string{n.Value}, true
	case Seq:
		out := make([]string, 0, len(n.Items))
		ok := true
		for _, it := range n.Items {
			s, good := String(it, ds, what+" entry")
			ok = ok && good
			out = append(out, s)
		}
		return out, ok
	}
	ds.ErrorCodef("wrong-type", n.Pos, "%s must be a list of text values, not %s", what, n.Kind)
	return nil, false
}

// Bool returns a boolean scalar (true/false, yes/no, on/off).
func Bool(n *Node, ds *model.Diagnostics, what string) (bool, bool) {
	if n.Kind == Scalar && !n.Quoted {
		switch strings.ToLower(n.Value) {
		case "true", "yes", "on":
			return true, true
		case "false", "no", "off":
			return false, true
		}
	}
	ds.ErrorCodef("wrong-type", n.Pos, "%s must be true or false", what)
	return false, false
}

// Float returns a number scalar.
func Float(n *Node, ds *model.Diagnostics, what string) (float64, bool) {
	if n.Kind == Scalar {
		if f, err := strconv.ParseFloat(strings.TrimSpace(n.Value), 64); err == nil {
			return f, true
		}
	}
	ds.ErrorCodef("wrong-type", n.Pos, "%s must be a number", what)
	return 0, false
}

// Int returns an integer scalar.
func Int(n *Node, ds *model.Diagnostics, what string) (int, bool) {
	if n.Kind == Scalar {
		if i, err := strconv.Atoi(strings.TrimSpace(n.Value)); err == nil {
			return i, true
		}
	}
	ds.ErrorCodef("wrong-type", n.Pos, "%s must be a whole number", what)
	return 0, false
}
