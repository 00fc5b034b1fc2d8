package shell

import (
	"regexp"
	"sync"
)

// regexpCache keeps the compiled expressions of [[ =~ ]], so that a match
// in a loop compiles once. Pipeline stages that run in-process share it.
type regexpCache struct {
	mu sync.Mutex
	m  map[string]*regexp.Regexp
}

// maxCachedRegexps bounds the cache; it is emptied when full.
const maxCachedRegexps = 256

// compile compiles a POSIX extended regular expression, as [[ =~ ]]
// takes, falling back to Go's syntax for what POSIX mode rejects.
func (c *regexpCache) compile(expr string) (*regexp.Regexp, error) {
	c.mu.Lock()
	rx, ok := c.m[expr]
	c.mu.Unlock()
	if ok {
		return rx, nil
	}
	rx, err := regexp.CompilePOSIX(expr)
	if err != nil {
		if rx, err = regexp.Compile(expr); err != nil {
			return nil, err
		}
	}
	c.mu.Lock()
	if c.m == nil || len(c.m) >= maxCachedRegexps {
		c.m = make(map[string]*regexp.Regexp)
	}
	c.m[expr] = rx
	c.mu.Unlock()
	return rx, nil
}
