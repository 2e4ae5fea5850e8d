package typo

import (
	"testing"
	"unicode"
)

// TestCharClasses checks isLetter and isAlnum, which read a table for the
// Latin runes, against unicode's definitions for every rune.
func TestCharClasses(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		letter := r != atomRune && unicode.IsLetter(r)
		alnum := r >= '0' && r <= '9' || letter || r > 127 && unicode.IsDigit(r)
		if isLetter(r) != letter {
			t.Errorf("isLetter(%U) = %v", r, !letter)
		}
		if isAlnum(r) != alnum {
			t.Errorf("isAlnum(%U) = %v", r, !alnum)
		}
	}
}
