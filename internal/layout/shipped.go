package layout

import "encoding/hex"

// The fonts publish ships (package fonts, embedded in the program and in
// the repository's fonts folder) are checked glyph by glyph by
// TestShippedFontsAreSound whenever publish is tested: a font file with
// exactly their bytes needs no check at run time, even in a build that
// has no verdict kept yet (the first build on a machine, a cache folder
// that cannot be written). They are known by their SHA-256, listed here
// (TestShippedFontSums fails when a shipped font changes and the list
// does not), so that a build reads neither the embedded copies nor any
// font twice. Any other font, a shipped one changed by a single byte among
// them, is checked as before.

// shippedFontSums are the SHA-256 of the fonts in package fonts, in hex.
var shippedFontSums = map[string]string{
	"EBGaramond-Bold.ttf":        "8bb7f13020d522de1c441da0a76f05843b74d788c1b16a933af3be4880782d17",
	"EBGaramond-BoldItalic.ttf":  "0030bda44f15b85f5adee17dc25cb5948c547ecf7f6d06e10723b406cd15a472",
	"EBGaramond12-Italic.ttf":    "b806fed98e9ce81725a464c5aef2ec61cd8dfe994cf903252aeb73680216b7bd",
	"EBGaramond12-Regular.ttf":   "8f607e942034fde0b0fcca2061266523c100c46362ee646bde68d04408c14045",
	"EBGaramondSC12-Regular.ttf": "e0089dfd7766586866b1eb89428c770bbf9d10fb600cb3828a14e55b93fbe3ab",
	"LiberationMono-Regular.ttf": "6b3809450cf6253b36d157198dc15004a5fbade9abad5543c377feb7bb29139c",
}

// isShippedFont reports whether sum is the SHA-256 of one of the fonts
// publish ships.
func isShippedFont(sum [32]byte) bool {
	h := hex.EncodeToString(sum[:])
	for _, s := range shippedFontSums {
		if s == h {
			return true
		}
	}
	return false
}
