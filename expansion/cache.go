package expansion

import (
	"slices"
	"sync"

	"github.com/gosh-sh/gosh/expansion/pattern"
)

// PatternCache keeps compiled patterns, so that ${f%.*} or case in a loop
// compiles its pattern once. It is safe for concurrent use: in-process
// pipeline stages share one.
type PatternCache struct {
	mu sync.Mutex
	m  map[patternKey]*pattern.Pattern
}

type patternKey struct {
	text string
	mode pattern.Mode
}

// maxCachedPatterns bounds the cache; it is emptied when full.
const maxCachedPatterns = 512

// Compile returns the compiled form of text, from the cache when it can.
func (c *PatternCache) Compile(text string, mode pattern.Mode) (*pattern.Pattern, error) {
	if c == nil {
		return pattern.Compile(text, mode)
	}
	k := patternKey{text, mode}
	c.mu.Lock()
	p, ok := c.m[k]
	c.mu.Unlock()
	if ok {
		return p, nil
	}
	p, err := pattern.Compile(text, mode)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	if c.m == nil || len(c.m) >= maxCachedPatterns {
		c.m = make(map[patternKey]*pattern.Pattern)
	}
	c.m[k] = p
	c.mu.Unlock()
	return p, nil
}

func (e *expander) compile(text string, mode pattern.Mode) (*pattern.Pattern, error) {
	return e.cfg.Patterns.Compile(text, mode)
}

func (e *expander) host() Host { return e.cfg.Host }

func sortStrings(s []string) { slices.Sort(s) }
