package shell

import (
	"os"
	"sort"
	"strings"

	"mvdan.cc/sh/v3/pattern"
)

// fastGlob expands the commonest pathname patterns without going through
// expand: only the last path component has pattern characters (dir/*.txt,
// *.go, /etc/*.conf). It lists the directory once, without stat or sort by
// the os package, and matches names with a cached compiled pattern; expand
// would list the directory twice and compile the pattern again per word.
// ok is false when the field is not of that shape.
func (r *Shell) fastGlob(field []segment) (matches []string, ok bool) {
	if r.opts.nocaseglob || r.opts.globstar || r.opts.extglob && fieldHasExtGlob(field) {
		return nil, false
	}
	// Split the field into a literal directory prefix and the last
	// component, which must hold every unquoted pattern character.
	var full strings.Builder
	metaStart := -1
	for _, s := range field {
		if s.quoted {
			if strings.ContainsAny(s.s, "*?[]\\") && metaStart >= 0 {
				return nil, false // quoted pattern characters in the pattern part
			}
			full.WriteString(s.s)
			continue
		}
		if i := strings.IndexAny(s.s, "*?["); i >= 0 && metaStart < 0 {
			metaStart = full.Len() + i
		}
		if strings.ContainsRune(s.s, '\\') {
			return nil, false
		}
		full.WriteString(s.s)
	}
	text := full.String()
	if metaStart < 0 {
		return nil, false
	}
	slash := strings.LastIndexByte(text, '/')
	if slash >= metaStart {
		return nil, false // pattern characters in a directory component
	}
	dir, pat := "", text
	if slash >= 0 {
		dir, pat = text[:slash+1], text[slash+1:]
	}
	if pat == "" {
		return nil, false
	}
	listDir := dir
	if listDir == "" {
		listDir = "."
	}
	f, err := os.Open(r.abs(listDir))
	if err != nil {
		return nil, true
	}
	names, err := f.Readdirnames(-1)
	f.Close()
	if err != nil {
		return nil, true
	}
	match := r.g.patterns.nameMatcher(pat)
	if match == nil {
		return nil, false
	}
	dotOK := r.opts.dotglob || strings.HasPrefix(pat, ".")
	for _, n := range names {
		if n[0] == '.' && !dotOK {
			continue
		}
		if match(n) {
			matches = append(matches, dir+n)
		}
	}
	sort.Strings(matches)
	return matches, true
}

func fieldHasExtGlob(field []segment) bool {
	for _, s := range field {
		if !s.quoted && strings.ContainsRune(s.s, '(') {
			return true
		}
	}
	return false
}

// nameMatcher returns a matcher for one file-name pattern: plain string
// tests for *x, x*, *x*, else a compiled regexp, cached.
func (c *patternCache) nameMatcher(pat string) func(string) bool {
	body := strings.Trim(pat, "*")
	if !strings.ContainsAny(body, "*?[]") {
		lead, trail := strings.HasPrefix(pat, "*"), strings.HasSuffix(pat, "*") && len(pat) > 1
		switch {
		case lead && trail:
			return func(n string) bool { return strings.Contains(n, body) }
		case lead:
			return func(n string) bool { return strings.HasSuffix(n, body) }
		case trail:
			return func(n string) bool { return strings.HasPrefix(n, body) }
		}
	}
	key := patKey{"\x00name:" + pat, 0} // apart from whole-string patterns
	c.mu.Lock()
	rx, ok := c.m[key]
	c.mu.Unlock()
	if !ok {
		expr, err := pattern.Regexp(pat, pattern.EntireString|pattern.Filenames)
		if err == nil {
			rx = compileRegexp(expr)
		}
		c.put(key, rx)
	}
	if rx == nil {
		return nil
	}
	return rx.MatchString
}
