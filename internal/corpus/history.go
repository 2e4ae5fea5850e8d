package corpus

import (
	"fmt"
	"strings"
)

// The illustrated corpus reads like a local history of the Channel ports:
// dated facts about quays, basins and stations, with figures.

var histSubjects = []string{"la chambre de commerce", "le syndicat des armateurs", "la municipalité",
	"le service des Ponts et Chaussées", "la compagnie du chemin de fer du Nord", "le génie militaire",
	"le conseil général", "l'administration des douanes", "l'armée allemande", "l'état-major allié"}

var histVerbs = []string{"fit construire", "agrandit", "inaugura", "reconstruisit", "abandonna", "modernisa",
	"fit détruire", "répara", "fit dresser les plans de", "prolongea"}

var histObjects = []string{"la gare maritime", "le bassin Loubet", "la jetée est", "un nouveau phare",
	"les quais du port", "l'écluse Carnot", "le pont de l'Écluse", "la criée", "les formes de radoub",
	"le bassin à flot", "la digue Carnot", "le fort de l'Heurt", "les entrepôts du quai Gambetta",
	"la ligne de Calais à Dunkerque", "le casino", "l'hôtel de ville"}

var histPlaces = []string{"Boulogne-sur-Mer", "Calais", "Wimereux", "Le Portel", "Étaples", "Dunkerque",
	"Gravelines", "Audresselles", "Ambleteuse", "Wissant"}

var histFacts = []string{"le trafic des voyageurs doubla en dix ans", "la pêche au hareng fit la fortune du port",
	"les bombardements détruisirent la moitié des quais", "la ville comptait alors plus de 40 000 habitants",
	"les travaux durèrent près de sept ans", "le projet coûta plus de 3 millions de francs",
	"les chalutiers à vapeur remplacèrent peu à peu les voiliers", "la ligne vers Folkestone rouvrit en 1946",
	"la population fut évacuée à l'automne", "le port ne retrouva son activité qu'en 1950"}

var figSubjects = []string{"Le port de Boulogne", "La gare maritime de Calais", "Le phare de Walde", "La plage de Wimereux",
	"Les bassins à flot", "La rue Thiers", "Le beffroi de Calais", "La criée de Boulogne", "Le quai Gambetta",
	"La jetée ouest", "Le fort de l'Heurt", "Le casino de Boulogne", "L'écluse Carnot", "Le calvaire des marins",
	"La colonne de la Grande Armée", "La place d'Armes", "Le pont de l'Écluse", "Les dunes de Wissant"}

var figDates = []string{"vers 1900", "vers 1910", "en 1925", "en 1936", "en 1944", "le 22 septembre 1944",
	"au début du XXe siècle", "après les bombardements de 1944", "pendant la reconstruction", "en 1952"}

var figViews = []string{"vu depuis la jetée", "carte postale", "photographie aérienne", "vue prise depuis la haute ville",
	"photographie de presse", "dessin à la plume", "plan aquarellé", "photographie d'amateur"}

var creditTexts = []string{"Collection particulière", "D.R.", "Archives municipales de Calais",
	"Musée de Boulogne-sur-Mer", "Fonds Delattre, collection privée", "Bibliothèque municipale de Boulogne-sur-Mer"}

func (p *prose) year() int { return p.r.between(1850, 1960) }

// histSentence returns one sentence of local history.
func (p *prose) histSentence() string {
	var s string
	switch p.r.intn(7) {
	case 0, 1:
		s = fmt.Sprintf("En %d, %s %s %s", p.year(), pick(p.r, histSubjects), pick(p.r, histVerbs), pick(p.r, histObjects))
	case 2:
		s = fmt.Sprintf("À %s, %s", pick(p.r, histPlaces), pick(p.r, histFacts))
	case 3:
		s = fmt.Sprintf("Le %s %s %d, %s %s %s", pick(p.r, []string{"1er", "2", "12", "17", "22", "30"}),
			pick(p.r, []string{"janvier", "mars", "mai", "juin", "septembre", "octobre"}), p.year(),
			pick(p.r, histSubjects), pick(p.r, histVerbs), pick(p.r, histObjects))
	case 4:
		s = fmt.Sprintf("Au %s siècle, %s", pick(p.r, []string{"XVIIIe", "XIXe", "XXe"}), pick(p.r, histFacts))
	case 5:
		obj := pick(p.r, histObjects)
		verb := "mesurait"
		if strings.HasPrefix(obj, "les ") {
			verb = "mesuraient"
		}
		s = fmt.Sprintf("%s %s alors près de %d mètres ; on y accédait par %s", capitalize(obj), verb,
			p.r.between(2, 60)*10, pick(p.r, []string{"la rue de la Lampe", "le quai de la Poste", "un escalier de pierre", "le boulevard Sainte-Beuve"}))
	default:
		s = p.clause()
	}
	return capitalize(fixContractions(s)) + "."
}

func (p *prose) histParagraph(minS, maxS int) string {
	n := p.r.between(minS, maxS)
	parts := make([]string, n)
	for i := range parts {
		if p.r.chance(70) {
			parts[i] = p.histSentence()
		} else {
			parts[i] = p.sentence()
		}
	}
	return strings.Join(parts, " ")
}

// caption returns a figure's caption and a short form for its alt text.
func (p *prose) caption() string {
	c := pick(p.r, figSubjects) + " " + pick(p.r, figDates) + ", " + pick(p.r, figViews)
	if p.r.chance(20) {
		c = strings.Replace(c, "Le port de Boulogne", "Le port de *Boulogne-sur-Mer*", 1)
	}
	return c + "."
}
