package cli

import (
	"strings"

	ucli "github.com/urfave/cli/v2"
)

// lineage returns the contexts from c up to the application's, without
// the bare context urfave/cli puts above them (it has no flags).
func lineage(c *ucli.Context) []*ucli.Context {
	var out []*ucli.Context
	for _, ctx := range c.Lineage() {
		if ctx.App != nil {
			out = append(out, ctx)
		}
	}
	return out
}

// intersperse moves a command's flags before its arguments, so that
// "publish build mybook --out x" reads as "publish build --out x --
// mybook": the flag package stops at the first argument, and users of
// mdbook, Quarto or Hugo write flags after the book folder.
func intersperse(app *ucli.App, args []string) []string {
	i := 1
	for i < len(args) {
		a := args[i]
		if a == "--" || !isFlag(a) {
			break
		}
		i++
		if takesValue(app.Flags, a) {
			i++
		}
	}
	if i >= len(args) || args[i] == "--" {
		return args
	}
	cmd := app.Command(args[i])
	if cmd == nil || cmd.SkipFlagParsing {
		return args
	}
	var flags, pos []string
	rest := args[i+1:]
	for j := 0; j < len(rest); j++ {
		a := rest[j]
		switch {
		case a == "--":
			pos = append(pos, rest[j+1:]...)
			j = len(rest)
		case isFlag(a):
			flags = append(flags, a)
			if takesValue(cmd.Flags, a) && j+1 < len(rest) {
				flags = append(flags, rest[j+1])
				j++
			}
		default:
			pos = append(pos, a)
		}
	}
	out := append(append([]string{}, args[:i+1]...), flags...)
	if len(pos) > 0 {
		out = append(append(out, "--"), pos...)
	}
	return out
}

func isFlag(a string) bool { return strings.HasPrefix(a, "-") && a != "-" }

// takesValue reports whether the flag a (as written: "--out", "-v",
// "--out=x") is one of flags that takes its value from the next argument.
func takesValue(flags []ucli.Flag, a string) bool {
	name := strings.TrimLeft(a, "-")
	if strings.Contains(name, "=") {
		return false
	}
	for _, f := range flags {
		for _, n := range f.Names() {
			if n == name {
				_, isBool := f.(*ucli.BoolFlag)
				return !isBool
			}
		}
	}
	return false
}
