package manuscript

import (
	"strings"

	"github.com/publish-books/publish/internal/model"
)

// taskItems marks the items of a list that start with "[ ]" or "[x]"
// (pandoc's task_lists) as tasks, and removes the box from their text.
func (p *chapterParse) taskItems(l *model.List) {
	for _, it := range l.Items {
		if len(it.Blocks) == 0 {
			continue
		}
		par, ok := it.Blocks[0].(*model.Paragraph)
		if !ok || len(par.Inlines) == 0 {
			continue
		}
		t, ok := par.Inlines[0].(*model.Text)
		if !ok || len(t.Value) < 3 || t.Value[0] != '[' || t.Value[2] != ']' {
			continue
		}
		rest := t.Value[3:]
		if rest != "" && rest[0] != ' ' && rest[0] != '\t' {
			continue
		}
		switch t.Value[1] {
		case ' ':
			it.Task = model.TaskOpen
		case 'x', 'X':
			it.Task = model.TaskDone
		default:
			continue
		}
		trimmed := strings.TrimLeft(rest, " \t")
		pos := t.Pos
		if pos.Line > 0 {
			pos.Col += len(t.Value) - len(trimmed)
		}
		if trimmed == "" {
			par.Inlines = trimInlines(par.Inlines[1:])
			if len(par.Inlines) == 0 {
				it.Blocks = it.Blocks[1:]
			}
		} else {
			par.Inlines[0] = &model.Text{Value: trimmed, Pos: pos}
		}
	}
}
