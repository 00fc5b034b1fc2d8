package shell

// Tab completion, the shell's side: the facts of the shell that package
// completion reads, taken at each Tab.

import (
	"strings"

	"github.com/gosh-sh/gosh/builtins"
	"github.com/gosh-sh/gosh/completion"
)

// evaluatorBuiltins are the builtins package shell implements itself (help
// lists them, completion offers them).
var evaluatorBuiltins = []string{":", ".", "break", "continue", "eval", "exec", "exit", "export",
	"readonly", "return", "set", "shift", "trap", "unset", "source", "cd", "alias", "unalias",
	"command", "type", "hash", "wait", "local", "declare", "typeset", "let", "shopt", "builtin",
	"jobs", "fg", "bg", "disown", "help", "history", "logout", "daemon", "true", "false",
	"mapfile", "readarray", "pushd", "popd", "dirs", "caller"}

// completerFor takes the snapshot of the shell that completion reads.
func (r *Shell) completerFor() *completion.Context {
	c := &completion.Context{Dir: r.dir, Home: r.varValue("HOME"), Path: r.varValue("PATH")}
	c.Lookup = func(name string) (string, bool) {
		v := r.lookupVar(name)
		return v.String(), v.Set
	}
	for name, v := range r.vars {
		if v.Set && !strings.HasPrefix(name, "_GOSH") {
			c.VarNames = append(c.VarNames, name)
		}
	}
	c.Commands = append(c.Commands, evaluatorBuiltins...)
	c.Commands = append(c.Commands, builtins.Names()...)
	for name := range r.funcs {
		c.Commands = append(c.Commands, name)
	}
	for name := range r.aliases {
		c.Commands = append(c.Commands, name)
	}
	for _, j := range r.g.jobs.Jobs() {
		c.Jobs = append(c.Jobs, j.ID)
	}
	return c
}

// completeLine is the line editor's completion callback.
func (r *Shell) completeLine(line string, pos int) ([]string, int) {
	return r.completerFor().Complete(line, pos)
}
