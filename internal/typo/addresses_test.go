package typo

import (
	"strings"
	"testing"

	"github.com/publish-books/publish/internal/model"
)

// addresses are web and e-mail addresses written in running text, each
// holding what some rule of this package rewrites elsewhere: quotes,
// apostrophes, colons, ? ! ;, dashes, three dots, numbers (thousands,
// ordinals, units), fractions. (Punctuation that ends an address, such as
// a final "...", is read as the sentence's; a double quote cannot stand
// in an address unescaped, so it ends one.)
var addresses = []string{
	"http://www.example.org/logiciel/version-4/",
	"https://raw.githubusercontent.com/exemple/depot/gh-pages/assets/un_nom_de_fichier_tres_long.csv",
	"https://example.org/a?b=1&c=2#frag",
	"https://example.org/search?q=l'histoire&page=2",
	"https://example.org/wiki/Expression_r%C3%A9guli%C3%A8re",
	"http://example.org:8080/api/v2/items;jsessionid=12345?x=1",
	"https://example.org/1er/3e/2nd/XIXe-siecle/10000/1/2",
	"https://example.org/a--b---c/...d/e",
	"https://example.org/l'histoire/'single'/d'apres",
	"ftp://ftp.example.org/pub/archives-1944.tar.gz",
	"www.example.org/exemples/regex?x=1;y=2",
	"jean.dupont@exemple-universite.fr",
	"mailto:jean.dupont@example.org?subject=Re:%20les%20registres",
}

// contexts are sentences an address is written in (%s), in the languages
// whose rules differ.
var contexts = []string{
	"Voir %s.",
	"Voir %s : la page.",
	"Avez-vous lu %s ?",
	"Lisez %s !",
	"Voir %s ; puis la suite.",
	"(voir %s)",
	"« %s »",
	"%s, puis le reste -- et encore...",
	"L'adresse %s, 1er janvier 1944, 10000 km.",
}

// TestAddressesKeptInEveryRule writes each address in each context, in
// French, English and another language, and checks that the address
// comes out of the rules character for character: no space before a
// colon in "http://" ("http ://" must be impossible), no curly quote, no
// dash, no ellipsis, no ordinal or thousands separator inside it. A link
// whose text is its address is checked the same way.
func TestAddressesKeptInEveryRule(t *testing.T) {
	for _, lang := range []string{"fr", "en", "de"} {
		for _, addr := range addresses {
			for _, ctx := range contexts {
				in := strings.Replace(ctx, "%s", addr, 1)
				para := &model.Paragraph{Inlines: []model.Inline{&model.Text{Value: in}}}
				link := &model.Link{URL: addr, Children: []model.Inline{&model.Text{Value: addr}}}
				para2 := &model.Paragraph{Inlines: []model.Inline{&model.Text{Value: "Voir "}, link, &model.Text{Value: " : ici."}}}
				book := &model.Book{Meta: model.Metadata{Language: lang}, Chapters: []*model.Chapter{{Blocks: []model.Block{para, para2}}}}
				Apply(book, &model.Diagnostics{})
				if got := model.PlainText(para.Inlines); !strings.Contains(got, addr) {
					t.Errorf("%s: %q became %q", lang, in, got)
				}
				if got := model.PlainText(link.Children); got != addr {
					t.Errorf("%s: the link text %q became %q", lang, addr, got)
				}
				if got := model.PlainText(para.Inlines); strings.Contains(got, "http\u00a0:") || strings.Contains(got, "http\u202f:") || strings.Contains(got, "http :") {
					t.Errorf("%s: %q", lang, got)
				}
			}
		}
	}
}

// TestCodeUntouched: issue 14's reproduction, in French — no typographic
// rule applies inside inline code or a code block (no French spacing,
// no curly quotes, no dash or ellipsis conversion), nor inside <kbd>,
// <samp> or <code> elements.
func TestCodeUntouched(t *testing.T) {
	const code = `print("ok")   # commentaire -- 'x' ... a ; b : c ? 1er 10000`
	inline := &model.Code{Text: `([A-Za-z ]+) ([0-9]+) "a" -- ...`}
	kbd := &model.Element{Tag: "kbd", Children: []model.Inline{&model.Text{Value: `Ctrl+"A" : x -- ...`}}}
	block := &model.CodeBlock{Text: code}
	para := &model.Paragraph{Inlines: []model.Inline{&model.Text{Value: "Remplacez "}, inline, &model.Text{Value: " par "}, kbd, &model.Text{Value: " : fin."}}}
	book := &model.Book{Meta: model.Metadata{Language: "fr"}, Chapters: []*model.Chapter{{Blocks: []model.Block{para, block}}}}
	Apply(book, &model.Diagnostics{})
	if block.Text != code {
		t.Errorf("code block: %q", block.Text)
	}
	if inline.Text != `([A-Za-z ]+) ([0-9]+) "a" -- ...` {
		t.Errorf("inline code: %q", inline.Text)
	}
	if got := model.PlainText(kbd.Children); got != `Ctrl+"A" : x -- ...` {
		t.Errorf("kbd: %q", got)
	}
	if got := model.PlainText(para.Inlines); !strings.HasSuffix(got, "\u00a0: fin.") {
		t.Errorf("the text around the code lost its rules: %q", got)
	}
}
