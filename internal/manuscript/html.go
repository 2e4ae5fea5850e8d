package manuscript

import "github.com/publish-books/publish/internal/model"

// htmlBlock converts a raw HTML block of the manuscript.
func (r *reader) htmlBlock(raw string, pos model.Position) []model.Block {
	r.ds.Warnf(pos, "raw HTML is not supported yet: left out")
	return nil
}

// htmlInline converts inline raw HTML of the manuscript.
func (r *reader) htmlInline(raw string, pos model.Position) []model.Inline {
	r.ds.Warnf(pos, "raw HTML is not supported yet: left out")
	return nil
}
