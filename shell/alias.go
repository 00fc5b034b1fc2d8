package shell

// Aliases are expanded as a command is read, not when it runs, as bash
// does: parser.Source asks aliasValue about each word in command position
// of a command it has just read and re-reads the command with the alias's
// text in place (see parser/rewrite.go). So an alias defined on a line
// applies from the next line on, and a function body keeps the aliases
// that were defined when it was read.

// shellAliases is the shell's alias table as parser.Source reads it.
type shellAliases struct{ r *Shell }

// Lookup is the text of alias name, when aliases are being expanded.
func (a shellAliases) Lookup(name string) (string, bool) {
	if !a.r.opts.expandAliases {
		return "", false
	}
	val, ok := a.r.aliases[name]
	return val, ok
}

func (a shellAliases) None() bool { return !a.r.opts.expandAliases || len(a.r.aliases) == 0 }
