package texmath

// greek maps the Greek letter commands to their letters. Lower-case
// letters are set in italics, as TeX sets them; capitals upright.
var greek = map[string]string{
	"alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ϵ", "varepsilon": "ε",
	"zeta": "ζ", "eta": "η", "theta": "θ", "vartheta": "ϑ", "iota": "ι", "kappa": "κ",
	"lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ", "pi": "π", "varpi": "ϖ", "rho": "ρ",
	"varrho": "ϱ", "sigma": "σ", "varsigma": "ς", "tau": "τ", "upsilon": "υ", "phi": "ϕ",
	"varphi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω",
	"Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π",
	"Sigma": "Σ", "Upsilon": "Υ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
}

// spaced are the binary operators and relations, set with a space on
// each side.
var spaced = map[string]string{
	"times": "×", "cdot": "⋅", "pm": "±", "mp": "∓", "div": "÷", "ast": "∗", "star": "⋆",
	"circ": "∘", "bullet": "∙", "cup": "∪", "cap": "∩", "wedge": "∧", "land": "∧",
	"vee": "∨", "lor": "∨", "oplus": "⊕", "otimes": "⊗", "setminus": "∖",
	"leq": "≤", "le": "≤", "geq": "≥", "ge": "≥", "neq": "≠", "ne": "≠", "approx": "≈",
	"equiv": "≡", "sim": "∼", "simeq": "≃", "cong": "≅", "propto": "∝", "ll": "≪", "gg": "≫",
	"to": "→", "rightarrow": "→", "leftarrow": "←", "gets": "←", "Rightarrow": "⇒",
	"Leftarrow": "⇐", "leftrightarrow": "↔", "Leftrightarrow": "⇔", "iff": "⇔",
	"implies": "⇒", "mapsto": "↦", "longrightarrow": "⟶", "longleftarrow": "⟵",
	"in": "∈", "notin": "∉", "ni": "∋", "subset": "⊂", "subseteq": "⊆", "supset": "⊃",
	"supseteq": "⊇", "mid": "∣", "parallel": "∥", "perp": "⊥",
}

// symbols are the other commands that stand for one character.
var symbols = map[string]string{
	"infty": "∞", "partial": "∂", "nabla": "∇", "sum": "∑", "prod": "∏", "int": "∫",
	"iint": "∬", "oint": "∮", "ldots": "…", "dots": "…", "cdots": "⋯", "vdots": "⋮",
	"ddots": "⋱", "forall": "∀", "exists": "∃", "neg": "¬", "lnot": "¬", "emptyset": "∅",
	"varnothing": "∅", "prime": "′", "degree": "°", "hbar": "ℏ", "ell": "ℓ", "aleph": "ℵ",
	"angle": "∠", "triangle": "△", "langle": "⟨", "rangle": "⟩", "lfloor": "⌊",
	"rfloor": "⌋", "lceil": "⌈", "rceil": "⌉", "vert": "|", "Vert": "‖", "surd": "√",
	"{": "{", "}": "}", "%": "%", "$": "$", "_": "_", "&": "&", "#": "#", "|": "‖",
	",": "\u2009", ";": " ", ":": " ", ">": " ", " ": " ", "quad": "\u2003", "qquad": "\u2003\u2003",
	"!": "", "lbrace": "{", "rbrace": "}", "backslash": "\\",
}

// functions are the commands set upright as words (sin, log …).
var functions = map[string]bool{
	"sin": true, "cos": true, "tan": true, "cot": true, "sec": true, "csc": true,
	"arcsin": true, "arccos": true, "arctan": true, "sinh": true, "cosh": true, "tanh": true,
	"log": true, "ln": true, "lg": true, "exp": true, "lim": true, "max": true, "min": true,
	"sup": true, "inf": true, "det": true, "gcd": true, "deg": true, "dim": true, "ker": true,
	"arg": true, "Pr": true, "mod": true, "bmod": true,
}

// blackboard maps the letters of \mathbb to their double-struck forms.
var blackboard = map[string]string{"N": "ℕ", "Z": "ℤ", "Q": "ℚ", "R": "ℝ", "C": "ℂ", "P": "ℙ", "H": "ℍ"}

// spacedChars are the operator characters set with a space on each side.
var spacedChars = map[rune]string{'+': "+", '-': "−", '=': "=", '<': "<", '>': ">", '*': "∗"}
