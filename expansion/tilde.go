package expansion

import (
	"strconv"
	"strings"
)

// tildeLit adds the literal text s that begins a word, doing tilde
// expansion (XCU 2.6.1): a '~' prefix up to the first '/' (or ':' in an
// assignment) names a home directory. With rule tildeAssignment, each
// prefix after an unquoted ':' expands too. quoteFollows says the literal
// is followed by quotes, which make its tilde prefix quoted and so not a
// prefix at all (~"user").
func (e *expander) tildeLit(s string, quoteFollows bool, rule tildeRule) {
	if rule == tildeAssignLike {
		// name=value as a command's argument: bash expands tildes in the
		// value as in an assignment.
		eq := assignmentPrefix(s)
		e.lit(s[:eq], unquoted)
		s, rule = s[eq:], tildeAssignment
	}
	for s != "" {
		if s[0] == '~' {
			end := strings.IndexAny(s, e.tildeEnds(rule))
			last := end < 0
			if last {
				end = len(s)
			}
			if dir, ok := e.tilde(s[1:end]); ok && !(last && quoteFollows) {
				e.add(piece{s: dir, quoted: true})
				s = s[end:]
				continue
			}
		}
		if rule != tildeAssignment {
			e.lit(s, unquoted)
			return
		}
		// Up to and including the next ':', then look for ~ again.
		colon := strings.IndexByte(s, ':')
		if colon < 0 || strings.IndexByte(s[:colon], '\\') >= 0 {
			e.lit(s, unquoted)
			return
		}
		e.lit(s[:colon+1], unquoted)
		s = s[colon+1:]
	}
}

// tildeEnds is what ends a tilde prefix: a slash, and for bash a colon
// too (~root:x is /root:x).
func (e *expander) tildeEnds(rule tildeRule) string { return "/:" }

// assignmentPrefix returns the length of "name=" at the start of s, or 0.
func assignmentPrefix(s string) int {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '=' && i > 0:
			return i + 1
		case c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || i > 0 && c >= '0' && c <= '9':
		default:
			return 0
		}
	}
	return 0
}

// tilde returns the directory a tilde prefix (without the '~') names:
// "" is the user's home, "user" another user's, "+" and "-" PWD and
// OLDPWD, and "+N", "-N" and "N" entries of the directory stack. ok is
// false when the prefix names nothing, and the text then stays as written.
func (e *expander) tilde(prefix string) (string, bool) {
	if strings.ContainsAny(prefix, `\'"$`+"`") {
		return "", false
	}
	switch prefix {
	case "+":
		return e.varString("PWD")
	case "-":
		return e.varString("OLDPWD")
	}
	if n, fromEnd, ok := dirStackIndex(prefix); ok {
		if e.cfg.DirStack == nil {
			return "", false
		}
		return e.cfg.DirStack(n, fromEnd)
	}
	if e.cfg.HomeDir == nil {
		return "", false
	}
	return e.cfg.HomeDir(prefix)
}

// dirStackIndex parses the N of ~N, ~+N and ~-N.
func dirStackIndex(prefix string) (n int, fromEnd, ok bool) {
	s := prefix
	switch {
	case strings.HasPrefix(s, "+"):
		s = s[1:]
	case strings.HasPrefix(s, "-"):
		s, fromEnd = s[1:], true
	}
	if s == "" || s[0] < '0' || s[0] > '9' {
		return 0, false, false
	}
	n, err := strconv.Atoi(s)
	return n, fromEnd, err == nil
}

// varString is a set variable's value.
func (e *expander) varString(name string) (string, bool) {
	if e.cfg.Host == nil {
		return "", false
	}
	v := e.cfg.Host.Var(name)
	return v.String(), v.Set
}
