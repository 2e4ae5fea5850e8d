package corpus

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// prose writes French sentences from a small grammar: determiners agree
// with their nouns, adjectives with what they describe, past participles
// with a preceding direct object, and dialogue follows the French habits
// (guillemets, dialogue dashes, inverted incises such as « demanda-t-elle »).
type prose struct {
	r *rng
	// lx is the vocabulary of invented words drawn by frequency
	// (lexicon.go); nil writes with the grammar's own words only.
	lx *lexicon
	// last is the person the previous sentence was about, so that the next
	// one may say « il » or « elle ».
	last *person
}

func startsWithVowel(s string) bool {
	c, _ := utf8.DecodeRuneInString(s)
	return strings.ContainsRune("aàâeéèêëiîïoôuûüyœAÀÂEÉÈÊIÎOÔUÛY", c)
}

func capitalize(s string) string {
	c, size := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(c)) + s[size:]
}

type det int

const (
	detDef det = iota
	detIndef
	detDem
	detPoss
)

// np builds a noun phrase, sometimes with an adjective.
func (p *prose) np(w noun, d det, plural bool, adjs []adj) string {
	word := w.sg
	if plural {
		word = w.plural()
	}
	head := word
	if len(adjs) > 0 && p.r.chance(35) {
		a := pick(p.r, adjs)
		if p.lx != nil && p.r.chance(60) {
			a = p.lx.adj(p.r)
		}
		if a.pre {
			if !startsWithVowel(w.sg) && !(plural && d == detIndef) {
				head = a.form(w.fem, plural) + " " + word
			}
		} else {
			head = word + " " + a.form(w.fem, plural)
		}
	}
	vowel := startsWithVowel(head)
	switch d {
	case detIndef:
		switch {
		case plural:
			return "des " + head
		case w.fem:
			return "une " + head
		}
		return "un " + head
	case detDem:
		switch {
		case plural:
			return "ces " + head
		case w.fem:
			return "cette " + head
		case vowel:
			return "cet " + head
		}
		return "ce " + head
	case detPoss:
		switch {
		case plural:
			return "ses " + head
		case w.fem && !vowel:
			return "sa " + head
		}
		return "son " + head
	}
	switch {
	case plural:
		return "les " + head
	case vowel:
		return "l'" + head
	case w.fem:
		return "la " + head
	}
	return "le " + head
}

// contract joins a preposition (à or de) to a definite noun phrase:
// « au port », « de l'église », « des quais ».
func contract(prep, np string) string {
	switch {
	case strings.HasPrefix(np, "le "):
		if prep == "à" {
			return "au " + np[3:]
		}
		return "du " + np[3:]
	case strings.HasPrefix(np, "les "):
		if prep == "à" {
			return "aux " + np[4:]
		}
		return "des " + np[4:]
	}
	if prep == "de" && startsWithVowel(np) && !strings.HasPrefix(np, "l'") {
		return "d'" + np
	}
	return prep + " " + np
}

// subject names a person, or says « il »/« elle » for the one just named.
func (p *prose) subject() (string, person) {
	if p.last != nil && p.r.chance(45) {
		if p.last.fem {
			return "elle", *p.last
		}
		return "il", *p.last
	}
	who := pick(p.r, persons)
	p.last = &who
	return who.name, who
}

func (p *prose) other() person {
	for {
		who := pick(p.r, persons)
		if p.last == nil || who.name != p.last.name {
			return who
		}
	}
}

// object returns a verb and its object, chosen so that they go together.
func (p *prose) object() (verb, obj string, w noun) {
	d := pick(p.r, []det{detDef, detDef, detPoss, detIndef, detDem})
	plural := p.r.chance(20)
	if p.lx != nil && p.r.chance(60) {
		w = p.lx.noun(p.r)
		return p.lx.verb(p.r, "ps", false), p.np(w, d, plural, thingAdjs), w
	}
	switch p.r.intn(3) {
	case 0:
		w = pick(p.r, readables)
		return pick(p.r, verbsRead), p.np(w, d, plural, thingAdjs), w
	case 1:
		w = pick(p.r, openables)
		return pick(p.r, verbsOpen), p.np(w, d, plural, thingAdjs), w
	}
	w = pick(p.r, things)
	return pick(p.r, verbsThing), p.np(w, d, plural, thingAdjs), w
}

// clause returns an independent clause without final punctuation.
func (p *prose) clause() string {
	switch p.r.intn(14) {
	case 0, 1, 2, 11, 12, 13:
		s, _ := p.subject()
		v, o, _ := p.object()
		c := s + " " + v + " " + o
		switch {
		case p.lx != nil && p.r.chance(25):
			w := p.lx.noun(p.r)
			c += " " + contract(pick(p.r, []string{"à", "de"}), p.np(w, detDef, p.r.chance(20), thingAdjs))
		case p.r.chance(40):
			c += " " + pick(p.r, locs)
		}
		return c
	case 3:
		s, _ := p.subject()
		v := pick(p.r, verbsIntr)
		if p.lx != nil && p.r.chance(50) {
			v = p.lx.verb(p.r, "ps", false) + " " + contract("à", p.np(p.lx.noun(p.r), detDef, false, nil))
		}
		c := s + " " + v
		if p.r.chance(30) {
			c += " " + pick(p.r, locs)
		}
		return c
	case 4:
		s, _ := p.subject()
		if p.lx != nil && p.r.chance(60) {
			return s + " " + p.lx.verb(p.r, "impf", false) + " " + pick(p.r, locs)
		}
		return s + " " + pick(p.r, verbsImpf) + " " + pick(p.r, locs)
	case 5:
		w := pick(p.r, elements)
		return p.np(w, detDef, false, nil) + " " + pick(p.r, verbsElem) + " " + pick(p.r, elemCompl)
	case 6:
		w := pick(p.r, places)
		a := pick(p.r, placeAdjs)
		if p.lx != nil && p.r.chance(40) {
			a = p.lx.adj(p.r)
		}
		verb := pick(p.r, []string{"était", "semblait", "restait", "paraissait", "devenait"})
		return p.np(w, detDef, false, nil) + " " + verb + " " + a.form(w.fem, false)
	case 7:
		s, who := p.subject()
		a := pick(p.r, feelingAdjs)
		return s + " " + pick(p.r, []string{"était", "semblait", "paraissait", "restait"}) + " " + a.form(who.fem, false)
	case 8:
		s, _ := p.subject()
		return s + " " + pick(p.r, []string{"savait que", "pensait que", "se disait que", "devinait que", "comprit que"}) + " " + pick(p.r, thoughts)
	case 9:
		if p.lx != nil && p.r.chance(50) {
			// A word set in italics, as an author quotes a term.
			s, _ := p.subject()
			w := p.lx.noun(p.r)
			return s + " " + pick(p.r, []string{"répétait le mot", "ne comprenait pas le mot", "écrivit le mot", "se souvint du mot"}) +
				" *" + w.sg + "*, " + pick(p.r, []string{"qu'on disait au port", "venu d'on ne sait où", "que personne n'employait plus"})
		}
		if p.r.chance(50) {
			return p.clause()
		}
		s, _ := p.subject()
		o := p.other()
		return s + " " + pick(p.r, []string{"pensa", "songea", "revint en pensée"}) + " " + contract("à", o.name)
	}
	// A relative clause whose past participle agrees with « que ».
	s, _ := p.subject()
	w := pick(p.r, readables)
	plural := p.r.chance(20)
	pp := pick(p.r, ppRead)
	if w.fem {
		pp += "e"
	}
	if plural {
		pp += "s"
	}
	o := p.other()
	que := "que "
	if startsWithVowel(o.name) || strings.HasPrefix(o.name, "Ho") {
		que = "qu'"
	}
	return s + " " + pick(p.r, []string{"relut", "chercha", "retrouva", "pensa encore à"}) + " " +
		p.np(w, detDef, plural, nil) + " " + que + o.name + " avait " + pp + " " +
		pick(p.r, []string{"la veille", "avant la guerre", "en 1940", "sans rien dire", "le 2 novembre"})
}

// sentence returns one narrative sentence.
func (p *prose) sentence() string {
	var s string
	switch p.r.intn(10) {
	case 0, 1:
		s = pick(p.r, times) + ", " + p.clause()
	case 2:
		s = p.clause() + pick(p.r, []string{", puis ", ", mais ", " et ", " ; pourtant, ", ", car ", " tandis que "}) + p.clause()
	case 3:
		s = p.clause() + ", " + pick(p.r, []string{"sans doute", "semblait-il", "comme chaque soir", "une fois de plus", "sans un mot"})
	default:
		s = p.clause()
	}
	return capitalize(fixContractions(s)) + "."
}

// fixContractions joins « à le » into « au », « de les » into « des »
// and elides « que » before a vowel, where sentence parts met.
func fixContractions(s string) string {
	for _, rep := range [][2]string{{" à le ", " au "}, {" à les ", " aux "}, {" de le ", " du "}, {" de les ", " des "}} {
		s = strings.ReplaceAll(s, rep[0], rep[1])
	}
	for _, v := range []string{"A", "É", "E", "I", "O", "U", "a", "e", "é", "i", "o", "u", "il ", "elle "} {
		s = strings.ReplaceAll(s, " que "+v, " qu'"+v)
	}
	return s
}

// utterance returns what a character says, with its final punctuation
// (« . », « ? » or « ! »), spaced as an author types it.
func (p *prose) utterance() (text string, mark byte) {
	sp := " "
	if p.r.chance(25) {
		sp = "" // typed without the space; the typography pass adds it
	}
	if p.lx != nil && p.r.chance(15) {
		// A British soldier's words, in English.
		e := p.lx.englishSentence(p.r)
		return "[" + e + "]{lang=en}", e[len(e)-1]
	}
	switch p.r.intn(9) {
	case 0:
		return pick(p.r, fixedQ) + sp + "?", '?'
	case 1:
		return pick(p.r, fixedExcl) + sp + "!", '!'
	case 2:
		w := pick(p.r, append(append([]noun{}, things...), readables...))
		return "Tu as vu " + p.np(w, detDef, false, nil) + sp + "?", '?'
	case 3:
		o := p.other()
		return "Tu crois que " + o.name + " reviendra" + sp + "?", '?'
	case 4:
		o := p.other()
		return capitalize(pick(p.r, []string{"il faut prévenir ", "je dois voir ", "personne n'a vu "})) + o.name + ".", '.'
	case 5:
		return "Nous partirons " + pick(p.r, laterTimes) + ".", '.'
	case 6:
		w := pick(p.r, things)
		return "J'ai laissé " + p.np(w, detDef, false, nil) + " " + pick(p.r, locs) + ".", '.'
	case 7:
		w := pick(p.r, openables)
		open := adj{"ouvert", "ouverte", false}
		if p.r.chance(50) {
			open = adj{"fermé", "fermée", false}
		}
		pron := "il"
		if w.fem {
			pron = "elle"
		}
		return "Pourquoi " + p.np(w, detDef, false, nil) + " est-" + pron + " " + open.form(w.fem, false) + sp + "?", '?'
	}
	s := pick(p.r, fixedSays)
	if p.r.chance(30) {
		s += ". " + pick(p.r, fixedSays)
	}
	return s + ".", '.'
}

// incise returns « demanda Louise », « dit-il » and the like.
func (p *prose) incise(mark byte) string {
	verbs := speechS
	switch mark {
	case '?':
		verbs = speechQ
	case '!':
		verbs = speechE
	}
	v := pick(p.r, verbs)
	if p.last != nil && p.r.chance(50) {
		pron := "il"
		if p.last.fem {
			pron = "elle"
		}
		if strings.HasSuffix(v, "a") || strings.HasSuffix(v, "e") {
			return v + "-t-" + pron
		}
		return v + "-" + pron
	}
	who := pick(p.r, persons)
	p.last = &who
	return v + " " + who.name
}

// withIncise joins an utterance and its incise the French way.
func withIncise(u string, mark byte, inc string) string {
	if mark == '.' {
		return strings.TrimSuffix(u, ".") + ", " + inc + "."
	}
	return u + " " + inc + "."
}

// dialogue returns one or more paragraphs of dialogue.
func (p *prose) dialogue() []string {
	if p.r.chance(45) {
		// Guillemets inside a narrative paragraph.
		u, mark := p.utterance()
		inc := p.incise(mark)
		var par string
		if mark == '.' {
			par = "« " + strings.TrimSuffix(u, ".") + " », " + inc + "."
		} else {
			par = "« " + u + " » " + inc + "."
		}
		if p.r.chance(50) {
			par = p.sentence() + " " + par
		}
		if p.r.chance(50) {
			par += " " + p.sentence()
		}
		return []string{par}
	}
	// A dialogue with dashes, one reply per paragraph.
	turns := p.r.between(2, 6)
	out := make([]string, 0, turns)
	for i := 0; i < turns; i++ {
		u, mark := p.utterance()
		if i == 0 || p.r.chance(40) {
			u = withIncise(u, mark, p.incise(mark))
		}
		out = append(out, "— "+u)
	}
	return out
}

// paragraph returns a narrative paragraph of a few sentences.
func (p *prose) paragraph(minS, maxS int) string {
	n := p.r.between(minS, maxS)
	parts := make([]string, n)
	for i := range parts {
		parts[i] = p.sentence()
	}
	return strings.Join(parts, " ")
}
