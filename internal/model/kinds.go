package model

import "reflect"

// BlockKinds lists one value of every block type of the model. A test of
// the arch package checks that the list is complete, and the renderers'
// tests build a book holding each kind: a kind that a renderer does not
// draw fails them.
func BlockKinds() []Block {
	return []Block{&Paragraph{}, &Heading{}, &FigureBlock{}, &List{}, &DefinitionList{}, &LineBlock{},
		&BlockQuote{}, &Div{}, &CodeBlock{}, &ThematicBreak{}, &Table{}, &HTMLBlock{}}
}

// InlineKinds lists one value of every inline type of the model (see
// BlockKinds).
func InlineKinds() []Inline {
	return []Inline{&Text{}, &Emphasis{}, &Strong{}, &Strikeout{}, &Code{}, &Superscript{}, &Subscript{},
		&SmallCaps{}, &LineBreak{}, &Span{}, &Element{}, &Math{}, &Link{}, &NoteRef{}, &Citation{}, &RawInline{}}
}

// KindName returns a node's type name without the package, e.g.
// "Paragraph".
func KindName(n any) string { return typeName(n) }

func typeName(n any) string {
	t := reflect.TypeOf(n)
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == nil {
		return "nil"
	}
	return t.Name()
}
