package casefile

import "testing"

func TestRoundTrip(t *testing.T) {
	data := "A comment.\n-- chapter --\n# T\n\nText.\n-- want --\nout\n"
	f := Parse(data)
	if f.Comment != "A comment.\n" || f.Sections["chapter"] != "# T\n\nText.\n" || len(f.Order) != 2 {
		t.Fatalf("parsed %+v", f)
	}
	if got := f.String(); got != data {
		t.Errorf("String() = %q, want %q", got, data)
	}
	f.Set("diagnostics", "none")
	if got := f.String(); got != data+"-- diagnostics --\nnone\n" {
		t.Errorf("after Set: %q", got)
	}
}
