package typeset

import (
	"reflect"
	"testing"
)

// TestDominatedDroppedExactly checks that dropping the break candidates
// another one dominates (breaker.markDominated) changes no setting: the
// settings of TestShorterAfterExactly, and each again with the first
// three lines kept from ending with a hyphen (NoHyphenAfter), set with
// and without the drop. The comparison means something only if the drop
// leaves out many nodes: it must save a third of them.
func TestDominatedDroppedExactly(t *testing.T) {
	if testing.Short() {
		t.Skip("sets the sample book some 7 000 times")
	}
	defer func() { pruneDominated = true }()
	compared, kept, all := 0, 0, 0
	eachSetting(t, []float64{11}, func(o SetterOptions, p Paragraph, setting string) {
		for _, noHyphen := range [][]int{nil, {0, 1, 2}} {
			p.NoHyphenAfter = noHyphen
			pruneDominated = true
			s := NewSetter(o)
			a := s.Set(p)
			kept += len(s.kp.nodes)
			pruneDominated = false
			s = NewSetter(o)
			b := s.Set(p)
			all += len(s.kp.nodes)
			if !reflect.DeepEqual(a, b) {
				t.Fatalf("%s, no hyphen after lines %v: the drop changed the paragraph %.40q", setting, noHyphen, p.Runs[0].Text)
			}
			compared++
		}
	})
	if 3*kept > 2*all {
		t.Errorf("the drop kept %d of %d nodes", kept, all)
	}
	t.Logf("%d settings compared; the last passes made %d nodes with the drop, %d without", compared, kept, all)
}
