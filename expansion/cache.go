package expansion

import (
	"regexp"
	"slices"
	"sync"

	"github.com/gosh-sh/gosh/expansion/pattern"
)

// PatternCache keeps compiled patterns and regular expressions, so that
// ${f%.*}, case or [[ =~ ]] in a loop compiles once. It is safe for
// concurrent use: in-process pipeline stages share one.
type PatternCache struct {
	patterns bounded[patternKey, *pattern.Pattern]
	regexps  bounded[string, *regexp.Regexp]
}

type patternKey struct {
	text string
	mode pattern.Mode
}

// Compile returns the compiled form of pattern text, from the cache when
// it can.
func (c *PatternCache) Compile(text string, mode pattern.Mode) (*pattern.Pattern, error) {
	if c == nil {
		return pattern.Compile(text, mode)
	}
	return c.patterns.get(patternKey{text, mode}, func() (*pattern.Pattern, error) {
		return pattern.Compile(text, mode)
	})
}

// CompileRegexp compiles a POSIX extended regular expression, as [[ =~ ]]
// takes, falling back to Go's syntax for what POSIX mode rejects.
func (c *PatternCache) CompileRegexp(expr string) (*regexp.Regexp, error) {
	compile := func() (*regexp.Regexp, error) {
		if rx, err := regexp.CompilePOSIX(expr); err == nil {
			return rx, nil
		}
		return regexp.Compile(expr)
	}
	if c == nil {
		return compile()
	}
	return c.regexps.get(expr, compile)
}

// maxCached bounds each cache; a full cache is emptied.
const maxCached = 512

// bounded is a small map from keys to compiled values, emptied when full.
type bounded[K comparable, V any] struct {
	mu sync.Mutex
	m  map[K]V
}

func (b *bounded[K, V]) get(k K, compile func() (V, error)) (V, error) {
	b.mu.Lock()
	v, ok := b.m[k]
	b.mu.Unlock()
	if ok {
		return v, nil
	}
	v, err := compile()
	if err != nil {
		return v, err
	}
	b.mu.Lock()
	if b.m == nil || len(b.m) >= maxCached {
		b.m = make(map[K]V)
	}
	b.m[k] = v
	b.mu.Unlock()
	return v, nil
}

func (e *expander) compile(text string, mode pattern.Mode) (*pattern.Pattern, error) {
	return e.cfg.Patterns.Compile(text, mode)
}

// Match reports whether s matches the pattern text pat entirely, as case
// and [[ == ]] match: with extglob and nocasematch as the options say.
func (cfg *Config) Match(pat, s string) bool {
	var mode pattern.Mode
	if cfg.ExtGlob {
		mode |= pattern.ExtGlob
	}
	if cfg.NoCaseMatch {
		mode |= pattern.NoCase
	}
	if mode&pattern.NoCase == 0 && !pattern.HasMeta(pat, mode) {
		return pattern.Unescape(pat) == s
	}
	p, err := cfg.Patterns.Compile(pat, mode)
	if err != nil {
		return pattern.Unescape(pat) == s
	}
	return p.Match(s)
}

func (e *expander) host() Host { return e.cfg.Host }

func sortStrings(s []string) { slices.Sort(s) }
