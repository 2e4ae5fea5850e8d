// Package layout embeds the default layout files (print.yaml and
// epub.css), so that publish init can give a new book folder a layout
// that builds at once.
package layout

import "embed"

// Files holds the default layout files.
//
//go:embed *.yaml *.css
var Files embed.FS
