package pdf

import (
	"bytes"
	"strconv"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	pdfmodel "github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

func TestPageLabelTree(t *testing.T) {
	tests := []struct {
		labels []string
		want   string
	}{
		{[]string{"i", "ii", "iii", "iv", "1", "2", "3"}, "<</Nums [0 <</S /r>> 4 <</S /D>>]>>\n"},
		{[]string{"1", "2"}, "<</Nums [0 <</S /D>>]>>\n"},
		{[]string{"iii", "iv", "5", "6", "8"}, "<</Nums [0 <</S /r /St 3>> 2 <</S /D /St 5>> 4 <</S /D /St 8>>]>>\n"},
		{[]string{"i", "A-1", "A-2", "1"}, "<</Nums [0 <</S /r>> 1 <</P (A-1)>> 2 <</P (A-2)>> 3 <</S /D>>]>>\n"},
		{[]string{"iiii", "0"}, "<</Nums [0 <</P (iiii)>> 1 <</P (0)>>]>>\n"},
	}
	for _, tc := range tests {
		if got := pageLabelTree(tc.labels); got != tc.want {
			t.Errorf("pageLabelTree(%q) = %q, want %q", tc.labels, got, tc.want)
		}
	}
}

// TestPageLabelsMatchFolios reads the /PageLabels tree of the sample's PDF
// with pdfcpu and checks that every page's label, as a viewer computes it,
// is the folio the make-up printed on it (roman in the front matter,
// arabic from the first chapter).
func TestPageLabelsMatchFolios(t *testing.T) {
	data, res, _ := render(t, sampleBook(t), sampleLayout(t, nil))
	ctx, err := api.ReadContext(bytes.NewReader(data), pdfmodel.NewDefaultConfiguration())
	if err != nil {
		t.Fatal(err)
	}
	root, err := ctx.Catalog()
	if err != nil {
		t.Fatal(err)
	}
	ir := root.IndirectRefEntry("PageLabels")
	if ir == nil {
		t.Fatal("the catalog has no indirect /PageLabels entry")
	}
	tree, err := ctx.DereferenceDict(*ir)
	if err != nil {
		t.Fatal(err)
	}
	nums := tree.ArrayEntry("Nums")
	if len(nums)%2 != 0 || len(nums) == 0 {
		t.Fatalf("/Nums %v: want key/value pairs", nums)
	}
	type rng struct {
		start, st int
		style     string
		prefix    string
	}
	var ranges []rng
	for i := 0; i < len(nums); i += 2 {
		k, ok := nums[i].(types.Integer)
		if !ok {
			t.Fatalf("/Nums key %v is not an integer", nums[i])
		}
		d, err := ctx.DereferenceDict(nums[i+1])
		if err != nil {
			t.Fatal(err)
		}
		r := rng{start: k.Value(), st: 1}
		if s := d.NameEntry("S"); s != nil {
			r.style = *s
		}
		if st := d.IntEntry("St"); st != nil {
			r.st = *st
		}
		if p := d.StringEntry("P"); p != nil {
			r.prefix = *p
		}
		ranges = append(ranges, r)
	}
	pages := rePage.FindAllStringSubmatch(res.Dump, -1)
	if len(pages) != res.Pages {
		t.Fatalf("dump lists %d pages, want %d", len(pages), res.Pages)
	}
	sawRoman, sawArabic := false, false
	for i, p := range pages {
		var r rng
		for _, c := range ranges {
			if c.start <= i {
				r = c
			}
		}
		n := r.st + i - r.start
		label := r.prefix
		switch r.style {
		case "D":
			label += strconv.Itoa(n)
			sawArabic = true
		case "r":
			label += roman(n)
			sawRoman = true
		}
		if label != p[2] {
			t.Errorf("page %d: a viewer shows %q, the folio is %q", i+1, label, p[2])
		}
	}
	if !sawRoman || !sawArabic {
		t.Errorf("the sample's labels have roman %v, arabic %v: want both", sawRoman, sawArabic)
	}
}
