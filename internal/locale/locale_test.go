package locale

import (
	"reflect"
	"testing"
)

// TestLanguagesComplete checks that every language's terms fill every
// word a book prints, so that no language silently prints an empty
// heading or label. ArtCit, EditedBy, EditionOrdinal and FirstEdition may
// be empty (the language does without them); Roles must label every role
// French labels.
func TestLanguagesComplete(t *testing.T) {
	optional := map[string]bool{"ArtCit": true, "EditedBy": true, "EditionOrdinal": true, "FirstEdition": true, "French": true}
	for _, lang := range Languages() {
		terms, ok := Lookup(lang)
		if !ok {
			t.Fatalf("Lookup(%q) failed", lang)
		}
		v := reflect.ValueOf(*terms)
		for i := 0; i < v.NumField(); i++ {
			name := v.Type().Field(i).Name
			f := v.Field(i)
			switch f.Kind() {
			case reflect.String:
				if f.String() == "" && !optional[name] {
					t.Errorf("%s: %s is empty", lang, name)
				}
			case reflect.Array:
				for j := 0; j < f.Len(); j++ {
					if f.Index(j).String() == "" {
						t.Errorf("%s: %s[%d] is empty", lang, name, j)
					}
				}
			}
		}
		for role := range french.Roles {
			if terms.Roles[role] == "" {
				t.Errorf("%s: no label for role %s", lang, role)
			}
		}
		if terms.Lang != lang {
			t.Errorf("%s: Lang is %q", lang, terms.Lang)
		}
	}
}

// TestLookup checks region subtags, an unknown language, and that a
// caller's changes do not reach the shared table.
func TestLookup(t *testing.T) {
	for tag, want := range map[string]string{"de-AT": "Inhalt", "pt_BR": "Sumário", "ES": "Índice", "it": "Indice", "en-GB": "Contents"} {
		got, ok := Lookup(tag)
		if !ok || got.Contents != want {
			t.Errorf("Lookup(%q) = %v, %v; want Contents %q", tag, got, ok, want)
		}
	}
	if _, ok := Lookup("nl"); ok {
		t.Error(`Lookup("nl") found terms publish does not have`)
	}
	a := For("de")
	a.Contents = "changed"
	if For("de").Contents != "Inhalt" {
		t.Error("For returned the shared table, not a copy")
	}
}
