package shell

// Tab completion, the shell's side: the facts of the shell that package
// completion reads, taken at each Tab.

import (
	"strings"

	"github.com/gosh-sh/gosh/builtins"
	"github.com/gosh-sh/gosh/completion"
	"github.com/gosh-sh/gosh/lineedit"
)

// completerFor takes the snapshot of the shell that completion reads.
func (r *Shell) completerFor() *completion.Context {
	c := &completion.Context{Dir: r.dir, Home: r.varValue("HOME"), Path: r.varValue("PATH"), Tilde: r.tildeDir}
	c.Lookup = func(name string) (string, bool) {
		v := r.lookupVar(name)
		return v.String(), v.Set
	}
	for name, v := range r.vars {
		if v.Set && !strings.HasPrefix(name, "_GOSH") {
			c.VarNames = append(c.VarNames, name)
		}
	}
	for _, b := range builtins.All() {
		c.Commands = append(c.Commands, b.Name)
		if b.JobArgs {
			c.JobCommands = append(c.JobCommands, b.Name)
		}
	}
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

// completeLine is the line editor's completion callback: the
// specification complete defined for the command if there is one, else
// the shell's own completion.
// ^C in a completion function or command abandons the completion, and the
// editor abandons the line.
func (r *Shell) completeLine(line string, pos int) (lineedit.Completions, error) {
	c := r.completerFor()
	if res, ok, err := r.programmable(c, line, pos); ok {
		return res, err
	}
	s, n := c.Complete(line, pos)
	return editorCompletions(line[:pos], s, n), nil
}

// editorCompletions are the insertions of the shell's own completion
// (suffixes after the cursor, the last shared bytes of head shared), with
// the list a second Tab shows as bash does: each candidate without its
// quoting and without the space after it (sub\ dir/ is listed as
// "sub dir/").
func editorCompletions(head string, suffixes []string, shared int) lineedit.Completions {
	shared = min(max(shared, 0), len(head))
	list := make([]string, len(suffixes))
	for i, s := range suffixes {
		list[i] = completion.Dequote(strings.TrimSuffix(head[len(head)-shared:]+s, " "))
	}
	return lineedit.Completions{Suffixes: suffixes, Shared: shared, List: list}
}
