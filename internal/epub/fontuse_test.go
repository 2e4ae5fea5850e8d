package epub

import (
	"testing"

	"github.com/publish-books/publish/internal/model"
)

func TestUsesBold(t *testing.T) {
	para := func(ins ...model.Inline) *model.Book {
		return &model.Book{Chapters: []*model.Chapter{{Blocks: []model.Block{&model.Paragraph{Inlines: ins}}}}}
	}
	cases := []struct {
		name string
		book *model.Book
		want bool
	}{
		{"plain text", para(&model.Text{Value: "texte"}), false},
		{"italic", para(&model.Emphasis{Children: []model.Inline{&model.Text{Value: "x"}}}), false},
		{"strong", para(&model.Strong{Children: []model.Inline{&model.Text{Value: "x"}}}), true},
		{"strong inside a link", para(&model.Link{Children: []model.Inline{&model.Strong{}}}), true},
		{"raw html b", para(&model.RawInline{Nodes: []*model.HTMLNode{{Tag: "span", Children: []*model.HTMLNode{{Tag: "b"}}}}}), true},
		{"table header", &model.Book{Chapters: []*model.Chapter{{Blocks: []model.Block{&model.Table{Header: [][]model.Inline{{&model.Text{Value: "A"}}}}}}}}, true},
		{"table without header text", &model.Book{Chapters: []*model.Chapter{{Blocks: []model.Block{&model.Table{Header: [][]model.Inline{{}}}}}}}, false},
		{"definition term", &model.Book{Chapters: []*model.Chapter{{Blocks: []model.Block{&model.DefinitionList{}}}}}, true},
		{"strong inside a div", &model.Book{Chapters: []*model.Chapter{{Blocks: []model.Block{&model.Div{Blocks: []model.Block{&model.Paragraph{Inlines: []model.Inline{&model.Strong{}}}}}}}}}, true},
		{"b element", para(&model.Element{Tag: "b"}), true},
	}
	for _, c := range cases {
		if got := usesBold(c.book); got != c.want {
			t.Errorf("%s: usesBold = %v, want %v", c.name, got, c.want)
		}
	}
}
