package rawhtml

import (
	"strings"

	"github.com/publish-books/publish/internal/model"
)

// repair makes an element's children fit its content model in XHTML:
// list items in lists, rows in tables, cells in rows. Stray content is
// wrapped rather than lost; blank text between such children is dropped.
func repair(tag string, kids []*model.HTMLNode) []*model.HTMLNode {
	switch tag {
	case "ul", "ol":
		return group(kids, "li", "li")
	case "dl":
		return group(kids, "dd", "dt", "dd")
	case "tr":
		return group(kids, "td", "td", "th")
	case "thead", "tbody", "tfoot":
		return rows(kids)
	case "table":
		return table(kids)
	}
	return kids
}

func blank(n *model.HTMLNode) bool { return n.Tag == "" && strings.TrimSpace(n.Text) == "" }

func isTag(n *model.HTMLNode, tags ...string) bool {
	for _, t := range tags {
		if n.Tag == t {
			return true
		}
	}
	return false
}

// group keeps children named in ok and wraps each run of other children
// in a new wrapper element.
func group(kids []*model.HTMLNode, wrapper string, ok ...string) []*model.HTMLNode {
	var out []*model.HTMLNode
	var run *model.HTMLNode
	for _, k := range kids {
		switch {
		case isTag(k, ok...):
			out = append(out, k)
			run = nil
		case blank(k) && run == nil:
		default:
			if run == nil {
				run = &model.HTMLNode{Tag: wrapper, Block: true}
				out = append(out, run)
			}
			run.Children = append(run.Children, k)
		}
	}
	return out
}

// rows keeps the rows of a table section and puts anything else in a row
// of one cell.
func rows(kids []*model.HTMLNode) []*model.HTMLNode {
	var out []*model.HTMLNode
	var cell *model.HTMLNode
	for _, k := range kids {
		switch {
		case k.Tag == "tr":
			out = append(out, k)
			cell = nil
		case blank(k) && cell == nil:
		default:
			if cell == nil {
				cell = &model.HTMLNode{Tag: "td", Block: true}
				out = append(out, &model.HTMLNode{Tag: "tr", Block: true, Children: []*model.HTMLNode{cell}})
			}
			cell.Children = append(cell.Children, k)
		}
	}
	return out
}

// table orders a table's children as XHTML requires: caption, thead,
// tbody elements, tfoot; loose rows and stray content go into a tbody.
func table(kids []*model.HTMLNode) []*model.HTMLNode {
	var caption, head, foot *model.HTMLNode
	var bodies []*model.HTMLNode
	var loose []*model.HTMLNode
	flush := func() {
		if len(loose) > 0 {
			bodies = append(bodies, &model.HTMLNode{Tag: "tbody", Block: true, Children: rows(loose)})
			loose = nil
		}
	}
	for _, k := range kids {
		switch {
		case k.Tag == "caption" && caption == nil && head == nil && len(bodies) == 0 && len(loose) == 0:
			caption = k
		case k.Tag == "thead" && head == nil && len(bodies) == 0 && len(loose) == 0:
			head = k
		case k.Tag == "tfoot" && foot == nil:
			foot = k
		case isTag(k, "thead", "tbody", "tfoot"):
			flush()
			k.Tag = "tbody"
			bodies = append(bodies, k)
		case k.Tag == "caption":
			// A second caption: its text goes into a row.
			loose = append(loose, &model.HTMLNode{Tag: "tr", Block: true, Children: []*model.HTMLNode{
				{Tag: "td", Block: true, Children: k.Children}}})
		case blank(k) && len(loose) == 0:
		default:
			loose = append(loose, k)
		}
	}
	flush()
	var out []*model.HTMLNode
	for _, n := range []*model.HTMLNode{caption, head} {
		if n != nil {
			out = append(out, n)
		}
	}
	out = append(out, bodies...)
	if foot != nil {
		out = append(out, foot)
	}
	return out
}

// wrapLoose puts each run of text-level nodes that stands between blocks
// into a paragraph, and drops blank text between blocks.
func wrapLoose(nodes []*model.HTMLNode) []*model.HTMLNode {
	var out []*model.HTMLNode
	var run []*model.HTMLNode
	flush := func() {
		for _, n := range run {
			if !blank(n) {
				out = append(out, &model.HTMLNode{Tag: "p", Block: true, Children: trimRun(run)})
				break
			}
		}
		run = nil
	}
	for _, n := range nodes {
		if n.Block {
			flush()
			out = append(out, n)
			continue
		}
		run = append(run, n)
	}
	flush()
	return out
}

// trimRun removes blank text at the ends of a run.
func trimRun(run []*model.HTMLNode) []*model.HTMLNode {
	for len(run) > 0 && blank(run[0]) {
		run = run[1:]
	}
	for len(run) > 0 && blank(run[len(run)-1]) {
		run = run[:len(run)-1]
	}
	if len(run) > 0 && run[0].Tag == "" {
		run[0] = &model.HTMLNode{Text: strings.TrimLeft(run[0].Text, " \t\n\r")}
	}
	if n := len(run) - 1; n >= 0 && run[n].Tag == "" {
		run[n] = &model.HTMLNode{Text: strings.TrimRight(run[n].Text, " \t\n\r")}
	}
	return run
}
