package shell

// Aliases are expanded as a command is read, not when it runs, as bash
// does: parser.Source asks aliasValue about each word in command position
// of a command it has just read and re-reads the command with the alias's
// text in place (see parser/rewrite.go). So an alias defined on a line
// applies from the next line on, and a function body keeps the aliases
// that were defined when it was read.

// aliasValue is the text of alias name, when aliases are being expanded.
func (r *Shell) aliasValue(name string) (string, bool) {
	if !r.opts.expandAliases {
		return "", false
	}
	val, ok := r.aliases[name]
	return val, ok
}
