package shell

import (
	"regexp"
	"strings"
	"sync"

	"mvdan.cc/sh/v3/pattern"
	"mvdan.cc/sh/v3/syntax"
)

// patternCache keeps the compiled regexps of ${v#pat} and friends:
// expand compiles one on every use, which dominates a loop of such
// expansions. The regexps are built exactly as expand's removePattern does.
type patternCache struct {
	mu sync.Mutex // pipeline stages run concurrently in one process
	m  map[patKey]*regexp.Regexp
}

func (c *patternCache) put(k patKey, rx *regexp.Regexp) {
	c.mu.Lock()
	if c.m == nil || len(c.m) > 256 {
		c.m = make(map[patKey]*regexp.Regexp)
	}
	c.m[k] = rx
	c.mu.Unlock()
}

type patKey struct {
	pat string
	op  syntax.ParExpOperator
}

// trim removes a prefix or suffix matching pat from s, smallest or largest.
func (c *patternCache) trim(s, pat string, op syntax.ParExpOperator) string {
	fromEnd := op == syntax.RemSmallSuffix || op == syntax.RemLargeSuffix
	shortest := op == syntax.RemSmallPrefix || op == syntax.RemSmallSuffix
	if !pattern.HasMeta(pat, 0) {
		if fromEnd {
			return strings.TrimSuffix(s, pat)
		}
		return strings.TrimPrefix(s, pat)
	}
	key := patKey{pat, op}
	c.mu.Lock()
	rx, ok := c.m[key]
	c.mu.Unlock()
	if !ok {
		var mode pattern.Mode
		if shortest {
			mode |= pattern.Shortest
		}
		expr, err := pattern.Regexp(pat, mode)
		if err == nil {
			switch {
			case fromEnd && shortest:
				expr = ".*(" + expr + ")$" // the right-most shortest match
			case fromEnd:
				expr = "(" + expr + ")$"
			default:
				expr = "^(" + expr + ")"
			}
			rx = compileRegexp(expr)
		}
		c.put(key, rx)
	}
	if rx == nil {
		return s
	}
	if loc := rx.FindStringSubmatchIndex(s); loc != nil {
		return s[:loc[2]] + s[loc[3]:]
	}
	return s
}

// compileRegexp compiles a regexp made by pattern.Regexp; nil if invalid.
func compileRegexp(expr string) *regexp.Regexp {
	rx, err := regexp.Compile(expr)
	if err != nil {
		return nil
	}
	return rx
}

// compileERE compiles a POSIX extended regular expression, as [[ =~ ]]
// takes, falling back to Go's syntax for what POSIX mode rejects.
func compileERE(expr string) (*regexp.Regexp, error) {
	if rx, err := regexp.CompilePOSIX(expr); err == nil {
		return rx, nil
	}
	return regexp.Compile(expr)
}

func quoteRegexp(s string) string { return regexp.QuoteMeta(s) }
