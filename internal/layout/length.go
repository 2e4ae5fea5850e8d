package layout

import (
	"fmt"
	"strconv"
	"strings"
)

// units maps a length unit to points.
var units = map[string]float64{
	"pt": 1,
	"mm": 72 / 25.4,
	"cm": 72 / 2.54,
	"in": 72,
	"pc": 12,
}

// parseLength reads a length such as "3mm", "0.125in", "11pt" or "1.5cm".
// A bare number is read in bare units (points for type sizes; "" means a
// unit is required). em lengths are multiplied by em when em > 0.
func parseLength(s string, bare string, em float64) (float64, error) {
	t := strings.ToLower(strings.ReplaceAll(strings.TrimSpace(s), " ", ""))
	t = strings.ReplaceAll(t, ",", ".")
	i := 0
	for i < len(t) && (t[i] == '.' || t[i] == '-' || t[i] == '+' || (t[i] >= '0' && t[i] <= '9')) {
		i++
	}
	num, unit := t[:i], t[i:]
	v, err := strconv.ParseFloat(num, 64)
	if err != nil || num == "" {
		return 0, fmt.Errorf("%q is not a length (write it like 3mm, 0.125in, 11pt or 1.5cm)", s)
	}
	if v < 0 {
		return 0, fmt.Errorf("length %q must not be negative", s)
	}
	if unit == "" {
		unit = bare
	}
	if unit == "em" && em > 0 {
		return v * em, nil
	}
	k, ok := units[unit]
	if !ok {
		if unit == "" {
			return 0, fmt.Errorf("length %q needs a unit (mm, cm, in or pt)", s)
		}
		return 0, fmt.Errorf("unknown unit %q in %q (use mm, cm, in, pt or pc)", unit, s)
	}
	return v * k, nil
}

// namedTrims are the trim sizes print.yaml knows by name, in millimetres.
var namedTrims = map[string][2]float64{
	"a4": {210, 297}, "a5": {148, 210}, "a6": {105, 148},
	"b5": {176, 250}, "b6": {125, 176},
	"royal": {156, 234}, "demy": {138, 216},
	"pocket": {110, 178}, "digest": {5.5 * 25.4, 8.5 * 25.4},
	"us-trade": {6 * 25.4, 9 * 25.4}, "letter": {8.5 * 25.4, 11 * 25.4},
}

// parseTrim reads a named trim size ("A5") or WxH with a unit ("15x21cm",
// "6x9in", "148 x 210 mm").
func parseTrim(s string) (w, h float64, err error) {
	t := strings.ToLower(strings.ReplaceAll(strings.TrimSpace(s), " ", ""))
	if mm, ok := namedTrims[t]; ok {
		return mm[0] * units["mm"], mm[1] * units["mm"], nil
	}
	t = strings.ReplaceAll(t, "×", "x")
	parts := strings.Split(t, "x")
	if len(parts) != 2 {
		return 0, 0, fmt.Errorf("%q is not a trim size (write A5, B5, 15x21cm, 6x9in or give width and height)", s)
	}
	// The unit may be written once at the end ("15x21cm") or on both.
	unit := strings.TrimLeft(parts[1], "0123456789.,")
	a, b := parts[0], parts[1]
	if strings.TrimLeft(a, "0123456789.,") == "" {
		a += unit
	}
	if w, err = parseLength(a, "", 0); err != nil {
		return 0, 0, err
	}
	if h, err = parseLength(b, "", 0); err != nil {
		return 0, 0, err
	}
	return w, h, nil
}
