package corpus

import "strings"

// noun is a French noun with its gender; the plural is the singular plus
// "s" unless pl says otherwise.
type noun struct {
	sg, pl string
	fem    bool
}

func n(sg string, fem bool) noun { return noun{sg: sg, fem: fem} }

func (w noun) plural() string {
	if w.pl != "" {
		return w.pl
	}
	if strings.HasSuffix(w.sg, "s") || strings.HasSuffix(w.sg, "x") {
		return w.sg
	}
	return w.sg + "s"
}

// adj is a French adjective: masculine and feminine forms, and whether it
// stands before the noun.
type adj struct {
	m, f string
	pre  bool
}

func (a adj) form(fem, plural bool) string {
	s := a.m
	if fem {
		s = a.f
	}
	if plural && !strings.HasSuffix(s, "s") && !strings.HasSuffix(s, "x") {
		s += "s"
	}
	return s
}

// person is a character of the novel.
type person struct {
	name string
	fem  bool
}

var persons = []person{
	{"Louise", true}, {"Jean", false}, {"Madeleine", true}, {"Étienne", false},
	{"le docteur Morel", false}, {"la veuve Caron", true}, {"Paul Lefebvre", false},
	{"Marthe", true}, {"le capitaine Brunet", false}, {"Simone", true}, {"Armand", false},
	{"la petite Jeanne", true}, {"le père Delattre", false}, {"Hortense", true},
	{"Lucien", false}, {"Germaine", true},
}

// Objects, grouped by what one does with them.
var (
	readables = []noun{n("lettre", true), n("carnet", false), noun{"journal", "journaux", false}, n("télégramme", false),
		n("registre", false), n("enveloppe", true), n("carte", true), n("photographie", true),
		n("cahier", false), n("affiche", true), n("billet", false), n("liste", true)}
	openables = []noun{n("porte", true), n("fenêtre", true), n("valise", true), n("boîte", true),
		n("tiroir", false), n("armoire", true), n("volet", false), n("malle", true), n("grille", true)}
	things = []noun{n("lampe", true), n("clé", true), noun{"manteau", "manteaux", false}, n("panier", false),
		n("filet", false), n("bicyclette", true), n("tasse", true), noun{"couteau", "couteaux", false},
		n("bougie", true), n("montre", true), n("casquette", true), n("écharpe", true),
		n("lanterne", true), n("corde", true), n("boussole", true), n("pipe", true)}
	places = []noun{n("maison", true), n("rue", true), n("cuisine", true), n("chambre", true),
		n("port", false), n("quai", false), n("ville", true), n("église", true), n("café", false),
		n("atelier", false), n("cour", true), n("plage", true), n("gare", true), n("jardin", false),
		n("escalier", false), n("jetée", true), n("place", true), n("boutique", true)}
	elements = []noun{n("vent", false), n("brume", true), n("pluie", true), n("marée", true),
		n("mer", true), n("nuit", true), n("lumière", true), n("brouillard", false),
		n("houle", true), n("neige", true), n("sirène", true)}
)

var (
	placeAdjs = []adj{{"silencieux", "silencieuse", false}, {"désert", "déserte", false}, {"froid", "froide", false},
		{"sombre", "sombre", false}, {"humide", "humide", false}, {"vide", "vide", false},
		{"étroit", "étroite", false}, {"immense", "immense", false}, {"calme", "calme", false},
		{"gris", "grise", false}, {"obscur", "obscure", false}, {"tranquille", "tranquille", false},
		{"encombré", "encombrée", false}, {"méconnaissable", "méconnaissable", false}}
	thingAdjs = []adj{{"petit", "petite", true}, {"vieux", "vieille", true}, {"grand", "grande", true},
		{"mauvais", "mauvaise", true}, {"lourd", "lourde", false}, {"usé", "usée", false},
		{"noir", "noire", false}, {"mouillé", "mouillée", false}, {"abîmé", "abîmée", false},
		{"neuf", "neuve", false}, {"ancien", "ancienne", false}}
	feelingAdjs = []adj{{"fatigué", "fatiguée", false}, {"inquiet", "inquiète", false}, {"pâle", "pâle", false},
		{"immobile", "immobile", false}, {"songeur", "songeuse", false}, {"furieux", "furieuse", false},
		{"soulagé", "soulagée", false}, {"silencieux", "silencieuse", false}, {"distrait", "distraite", false}}
)

var (
	verbsRead  = []string{"relut", "déchira", "plia", "lut", "parcourut", "rangea", "cacha", "déplia", "glissa dans sa poche"}
	verbsOpen  = []string{"ouvrit", "referma", "poussa", "verrouilla", "entrouvrit", "ferma"}
	verbsThing = []string{"prit", "posa", "ramassa", "chercha", "trouva", "garda", "tendit", "déplaça", "examina", "reposa"}
	ppRead     = []string{"reçu", "écrit", "caché", "gardé", "oublié", "laissé", "rapporté", "brûlé"}
	verbsIntr  = []string{"hésita", "attendit", "sourit", "se tut", "soupira", "s'assit", "se leva", "recula",
		"frissonna", "haussa les épaules", "s'arrêta", "sortit", "rentra", "se retourna"}
	verbsImpf = []string{"attendait", "hésitait", "se taisait", "travaillait", "réfléchissait", "fumait",
		"restait immobile", "marchait lentement", "écoutait la pluie", "regardait la mer", "comptait les heures",
		"ne disait rien", "lisait à voix basse", "raccommodait un filet"}
	verbsElem = []string{"montait", "tombait", "soufflait", "s'épaississait", "recouvrait tout",
		"battait les volets", "envahissait les rues", "descendait lentement", "cessait enfin", "reprenait"}
	elemCompl = []string{"sur la ville", "sur le port", "depuis le large", "contre les vitres", "au-dessus des toits",
		"le long de la côte", "sur les bassins", "jusqu'aux remparts", "dans la vallée de la Liane"}
)

var locs = []string{"sur la jetée", "dans la cuisine", "devant l'église Saint-Nicolas", "au bout du quai",
	"près du phare", "sous les arcades de la place d'Armes", "à la gare maritime", "dans l'atelier",
	"derrière la vitre", "sur le seuil", "au fond de la cour", "dans la rue de la Lampe", "le long des remparts",
	"au premier étage", "dans la salle du café", "sur la route de Wimereux", "au pied du beffroi",
	"dans la barque", "devant la mairie", "sur les dunes", "à l'entrée du bassin", "près de la halle aux poissons"}

var times = []string{"Ce soir-là", "Le lendemain matin", "Vers midi", "Au petit jour", "Quelques jours plus tard",
	"À la fin de l'hiver", "Un peu avant minuit", "Le 1er septembre", "Le dimanche suivant",
	"Pendant de longues minutes", "En 1943", "Le 14 juillet", "Depuis des semaines", "Cette nuit-là", "À l'aube",
	"Le 3e jour", "Au début du printemps", "Le 22 septembre 1944", "Vers six heures", "Après la messe"}

var laterTimes = []string{"demain à l'aube", "avant la marée", "dès ce soir", "après la messe", "quand il fera nuit",
	"au prochain convoi", "dans une heure", "le 15 du mois"}

var thoughts = []string{"la guerre ne finirait pas avant l'hiver", "rien ne serait plus comme avant",
	"la lettre venait de Calais", "les Allemands fouilleraient le quartier", "la marée monterait avant la nuit",
	"le bateau ne rentrerait pas", "il faudrait partir tôt ou tard", "personne ne l'avait suivi",
	"la ville avait changé depuis le XIXe siècle", "le convoi passerait à 15 km de la côte",
	"l'hiver serait long", "on l'attendait depuis longtemps"}

var speechQ = []string{"demanda", "murmura", "souffla", "reprit", "fit", "s'inquiéta"}
var speechS = []string{"dit", "répondit", "murmura", "reprit", "ajouta", "fit", "lança", "souffla", "expliqua", "continua"}
var speechE = []string{"s'écria", "lança", "cria", "fit", "protesta"}

var fixedSays = []string{"Je ne sais pas", "Ce n'est pas le moment", "Personne ne doit savoir", "On verra bien demain",
	"Tu as raison", "Il est trop tard", "Nous n'avons plus le choix", "C'est la dernière fois", "Il faut attendre",
	"Ça ne change rien", "Je l'avais bien dit", "Laisse-moi réfléchir"}
var fixedExcl = []string{"Tais-toi", "Mon Dieu", "Quelle idée", "Pas maintenant", "Assez", "Vite", "Jamais",
	"Quel vent", "Quelle nuit", "Tant pis"}
var fixedQ = []string{"Quelle heure est-il", "Tu as peur", "Et maintenant", "Tu es sûr", "Qu'est-ce que tu attends",
	"Pourquoi pas", "Qui est là", "Tu m'entends", "Combien de temps"}

var noteTexts = []string{
	"Le nom de la rue a changé depuis la guerre.",
	"La jetée ouest fut détruite en 1944 et reconstruite dix ans plus tard.",
	"Il s'agit du registre des inscriptions maritimes, tenu à la capitainerie.",
	"En patois boulonnais, on disait *la courée* pour ces cours intérieures.",
	"Le mot *Festung*, forteresse en allemand, désignait la ville fortifiée.",
	"Les horaires des marées étaient affichés chaque matin à la criée.",
	"La ligne de Boulogne à Calais fut coupée pendant près de deux mois.",
	"Le café existe encore ; il a seulement changé de nom.",
}

var chapterTitles = []string{"La maison du quai", "Les jours de brume", "Une lettre de Calais", "Le phare éteint",
	"La marée d'équinoxe", "Ce que savait Hortense", "Les caves de la haute ville", "Le départ du capitaine",
	"Une nuit à Wimereux", "Le registre", "La fin de l'hiver", "Les arcades", "Le retour de Paul",
	"La dernière barque", "Septembre"}
