package typo

import "strings"

// lang is a language whose rules the pass knows.
type lang uint8

const (
	langOther lang = iota // only language-neutral rules (the ellipsis)
	langFR                // French, Imprimerie nationale rules
	langEN                // English
)

// parseLang maps a BCP 47 tag to the rules to apply; an empty tag keeps
// def, the language of the enclosing text.
func parseLang(tag string, def lang) lang {
	tag = strings.TrimSpace(tag)
	if tag == "" {
		return def
	}
	primary := strings.ToLower(tag)
	if i := strings.IndexAny(primary, "-_"); i >= 0 {
		primary = primary[:i]
	}
	switch primary {
	case "fr":
		return langFR
	case "en":
		return langEN
	}
	return langOther
}
