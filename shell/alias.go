package shell

import (
	"strings"

	"github.com/gosh-sh/gosh/expansion"
	"github.com/gosh-sh/gosh/parser"
	"mvdan.cc/sh/v3/syntax"
)

// Aliases are expanded when a simple command runs rather than when it is
// parsed (mvdan.cc/sh's parser knows nothing of them): the command's first
// word, if it is an unquoted literal naming an alias, is replaced by the
// alias's text and the result parsed again. An alias whose value ends in a
// blank makes the next word a candidate too, as POSIX says.

// aliasFor returns the alias text for the command's first word.
func (r *Shell) aliasFor(ce *syntax.CallExpr) (string, bool) {
	if len(r.aliases) == 0 || !r.opts.expandAliases {
		return "", false
	}
	name, ok := expansion.PlainLiteral(ce.Args[0])
	if !ok {
		return "", false
	}
	val, ok := r.aliases[name]
	if !ok || r.activeAliases[name] {
		return "", false
	}
	return val, true
}

// runAlias runs a simple command whose first word is an alias.
func (r *Shell) runAlias(val string, ce *syntax.CallExpr, redirs []*syntax.Redirect) {
	name, _ := expansion.PlainLiteral(ce.Args[0])
	var sb strings.Builder
	for _, as := range ce.Assigns {
		sb.WriteString(parser.PrintOneLine(&syntax.CallExpr{Assigns: []*syntax.Assign{as}}))
		sb.WriteByte(' ')
	}
	sb.WriteString(val)
	rest := ce.Args[1:]
	for len(rest) > 0 && strings.HasSuffix(val, " ") || len(rest) > 0 && strings.HasSuffix(val, "\t") {
		next, ok := expansion.PlainLiteral(rest[0])
		nval, isAlias := r.aliases[next]
		if !ok || !isAlias || r.activeAliases[next] {
			break
		}
		sb.WriteString(nval)
		val = nval
		rest = rest[1:]
	}
	for _, w := range rest {
		sb.WriteByte(' ')
		sb.WriteString(wordText(w))
	}
	f, err := parser.Parse(sb.String(), "alias")
	if err != nil {
		r.failf(2, "%s", syntaxErrorText(err))
		return
	}
	if len(f.Stmts) == 0 {
		r.status = 0
		return
	}
	last := f.Stmts[len(f.Stmts)-1]
	last.Redirs = append(last.Redirs, redirs...)
	if r.activeAliases == nil {
		r.activeAliases = map[string]bool{}
	}
	r.activeAliases[name] = true
	line := r.lineno
	for _, st := range f.Stmts {
		r.stmt(st)
		r.lineno = line
		if r.stopped() {
			break
		}
	}
	delete(r.activeAliases, name)
}
