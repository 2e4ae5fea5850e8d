package imaging

import (
	"bytes"
	"image"
	"testing"
)

func TestWriteCover(t *testing.T) {
	spec := CoverSpec{Title: "La Libération de Boulogne-sur-Mer et de Calais", Subtitle: "Septembre 1944",
		Authors: []string{"Service éducatif des Archives du Pas-de-Calais"}, Publisher: "Éditions du Détroit"}
	var a, b bytes.Buffer
	if err := WriteCover(&a, spec); err != nil {
		t.Fatal(err)
	}
	if err := WriteCover(&b, spec); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("the same spec gave different bytes")
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(a.Bytes()))
	if err != nil || format != "jpeg" || cfg.Width < 1600 || cfg.Height < 2560 {
		t.Errorf("cover = %s %d×%d (%v), want a JPEG of at least 1600×2560", format, cfg.Width, cfg.Height, err)
	}
	// The title is drawn: the cover is not a plain ground.
	img, _, _ := image.Decode(bytes.NewReader(a.Bytes()))
	light := 0
	for y := 400; y < 900; y += 4 {
		for x := 160; x < 1440; x += 4 {
			if r, _, _, _ := img.At(x, y).RGBA(); r > 0xc000 {
				light++
			}
		}
	}
	if light < 500 {
		t.Errorf("only %d light pixels where the title should be", light)
	}
	if err := WriteCover(&a, CoverSpec{Title: "x", Font: []byte("not a font")}); err == nil {
		t.Error("no error for a broken font")
	}
}
