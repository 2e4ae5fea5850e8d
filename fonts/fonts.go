// Package fonts embeds the typefaces that ship with publish (EB Garamond
// and, for code, Liberation Mono; SIL Open Font License, see OFL.txt and
// OFL-LiberationMono.txt), so that publish init can give a new
// book folder the same fonts as the sample book.
package fonts

import "embed"

// Files holds the TrueType fonts and their licence.
//
//go:embed *.ttf *.txt README.md
var Files embed.FS
