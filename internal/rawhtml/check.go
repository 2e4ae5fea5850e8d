package rawhtml

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"github.com/publish-books/publish/internal/model"
)

// Check verifies what every conversion gives: a serialisation that parses
// as XML, only allowlisted elements in the places XHTML allows them, no
// script-bearing attribute, and bounded nesting. Tests and fuzz targets of
// the readers and renderers use it.
func Check(nodes []*model.HTMLNode) error {
	d := xml.NewDecoder(strings.NewReader(`<root xmlns="http://www.w3.org/1999/xhtml">` + serialize(nodes) + `</root>`))
	d.Strict = true
	for {
		_, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
	}
	return checkTree(nodes, "", 0)
}

func checkTree(nodes []*model.HTMLNode, parent string, depth int) error {
	if depth > MaxDepth+1 {
		return fmt.Errorf("nested %d deep", depth)
	}
	for _, n := range nodes {
		if n.Tag == "" {
			if !validText(n.Text) {
				return fmt.Errorf("text %q holds characters XML refuses", n.Text)
			}
			continue
		}
		if ElementAction(n.Tag) != Keep {
			return fmt.Errorf("element <%s> is not allowed", n.Tag)
		}
		if ps, ok := requiredParent[n.Tag]; ok && !contains(ps, parent) {
			return fmt.Errorf("<%s> inside <%s>", n.Tag, parent)
		}
		if elements[parent].phrasingOnly && n.Block {
			return fmt.Errorf("block <%s> inside <%s>", n.Tag, parent)
		}
		seen := map[string]bool{}
		for _, a := range n.Attrs {
			if seen[a[0]] {
				return fmt.Errorf("attribute %s twice on <%s>", a[0], n.Tag)
			}
			seen[a[0]] = true
			if strings.HasPrefix(a[0], "on") || a[0] == "style" {
				return fmt.Errorf("attribute %s kept on <%s>", a[0], n.Tag)
			}
			if a[0] == "href" {
				if _, ok := ExternalURL(a[1]); !ok {
					return fmt.Errorf("href %q kept", a[1])
				}
			}
			if a[0] == "id" && !ValidID(a[1]) {
				return fmt.Errorf("id %q kept", a[1])
			}
		}
		if IsVoid(n.Tag) && len(n.Children) > 0 {
			return fmt.Errorf("void <%s> has children", n.Tag)
		}
		if err := checkTree(n.Children, n.Tag, depth+1); err != nil {
			return err
		}
	}
	return nil
}
