package pdf

import (
	"reflect"
	"strings"
	"testing"

	"github.com/publish-books/publish/internal/typeset"
)

// TestEncodeIntoKeepsEveryEncoding sets paragraphs of growing length, one
// far longer than an arena's array, encodes them one after the other into
// one arena (encodeInto), and checks that every encoding, read back once
// all are written, gives its paragraph's lines: a new array or an
// encoding that outgrew one leaves the earlier encodings as they were.
func TestEncodeIntoKeepsEveryEncoding(t *testing.T) {
	face := testFace(t)
	setter := typeset.NewSetter(typeset.SetterOptions{})
	words := strings.Fields("Le nouveau était un gars de la campagne, d’une quinzaine d’années environ, et plus haut de taille qu’aucun de nous tous.")
	type kept struct {
		p   typeset.Paragraph
		res typeset.Result
		enc []byte
	}
	var all []kept
	var arena []byte
	arrays := map[*byte]bool{}
	for i := range 400 {
		n := 1 + i%60
		if i == 200 {
			n = 60000 // an encoding larger than arenaSize
		}
		var text []string
		for k := range n {
			text = append(text, words[(i+k)%len(words)])
		}
		p := typeset.Paragraph{Runs: []typeset.Run{{Text: strings.Join(text, " "), Style: typeset.Style{Font: "serif", Face: face, Size: 11}}}, Width: 300, Lang: "fr"}
		res := setter.Set(p)
		enc, next, ok := encodeInto(res, arena)
		if !ok {
			t.Fatalf("paragraph %d: not encoded", i)
		}
		arena = next
		arrays[&enc[:cap(enc)][0]] = true
		all = append(all, kept{p, res, enc})
	}
	for i, k := range all {
		got, err := typeset.DecodeResult(k.p, k.enc)
		if err != nil {
			t.Fatalf("paragraph %d: %v", i, err)
		}
		if !reflect.DeepEqual(got.Lines, k.res.Lines) {
			t.Fatalf("paragraph %d: its encoding no longer gives its lines", i)
		}
	}
	// The comparison means something only if the encodings filled
	// several arrays.
	if len(arrays) < 4 {
		t.Errorf("%d encodings in %d arrays", len(all), len(arrays))
	}
}
