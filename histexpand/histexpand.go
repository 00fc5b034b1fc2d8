// Package histexpand does bash's history expansion (`!!`, `!$`, `^old^new`,
// word designators and modifiers) on one input line. It is pure: the
// history, the histchars and what carries over from line to line (the last
// substitution and search) are given by the caller, and nothing is printed.
//
// It follows GNU readline's history_expand as bash configures it for an
// interactive shell: single quotes and a backslash stop expansion, the
// expansion character is literal before a blank, `=`, or (with extglob)
// `(`, in `[!...]`, `${!name}` and `$!`, and the comment character at the
// start of a word ends expansion for the rest of the line.
package histexpand

import (
	"strconv"
	"strings"
)

// Chars are the three characters of bash's histchars variable.
type Chars struct {
	Expansion byte // starts a history expansion: '!'
	Subst     byte // quick substitution at the start of a line: '^'
	Comment   byte // at the start of a word, ends expansion: '#'; 0 for none
}

// DefaultChars is what histchars means when it is unset.
var DefaultChars = Chars{Expansion: '!', Subst: '^', Comment: '#'}

// ParseChars reads the histchars variable: an empty value gives the
// defaults, as in bash; a short one leaves the remaining characters at
// their defaults, except that the comment character then goes away.
func ParseChars(histchars string) Chars {
	if histchars == "" {
		return DefaultChars
	}
	c := Chars{Expansion: histchars[0], Subst: DefaultChars.Subst}
	if len(histchars) > 1 {
		c.Subst = histchars[1]
	}
	if len(histchars) > 2 {
		c.Comment = histchars[2]
	}
	return c
}

// Memory is what carries over from one expansion to the next, as in
// readline: the last :s substitution (for :& and an empty pattern) and the
// last !?string? search (for :%).
type Memory struct {
	lhs, rhs    string
	search      string
	searchMatch string
}

// Options describe the history and the shell's settings.
type Options struct {
	// Chars are the histchars; the zero value means DefaultChars.
	Chars Chars
	// Base is the event number of hist[0] (1 until old entries are dropped).
	Base int
	// Extglob makes the expansion character literal before `(`, where it
	// starts a pattern `!(...)`.
	Extglob bool
	// Memory, if not nil, carries the last substitution and search between
	// calls.
	Memory *Memory
	// InSingleQuote says the line continues a single-quoted string begun
	// on a line before (see OpenSingleQuote): up to its closing quote
	// nothing is expanded, as in bash.
	InSingleQuote bool
}

// OpenSingleQuote reports whether text (the lines of a command read so
// far) ends inside a single-quoted string, by the quoting rules expansion
// follows.
func OpenSingleQuote(text string) bool {
	return singleQuotedAt(text+"!", len(text))
}

// Error is a failed expansion: Text is the part of the line bash quotes
// in its message ("!nosuch"), Reason what went wrong ("event not found").
type Error struct {
	Text, Reason string
}

func (e *Error) Error() string { return e.Text + ": " + e.Reason }

// The reasons bash gives.
const (
	ReasonEventNotFound = "event not found"
	ReasonBadWordSpec   = "bad word specifier"
	ReasonSubstFailed   = "substitution failed"
	ReasonBadModifier   = "unrecognized history modifier"
	ReasonNoPrevSubst   = "no previous substitution"
)

// Expand expands the history references in line against hist (oldest
// first). changed reports whether anything was expanded (the shell then
// echoes the result); printOnly whether a :p modifier asked for the result
// to be printed (and saved in the history) but not run. On error the line
// is not to be run.
func Expand(line string, hist []string, opts *Options) (expanded string, changed, printOnly bool, err error) {
	x := &expander{hist: hist, opts: *opts, mem: opts.Memory}
	if x.opts.Chars == (Chars{}) {
		x.opts.Chars = DefaultChars
	}
	if x.mem == nil {
		x.mem = &Memory{}
	}
	return x.expand(line)
}

type expander struct {
	hist []string
	opts Options
	mem  *Memory
	from int // where quoting starts afresh: past a continued quote
}

// wordDelimiters separate the words of a history entry (readline's
// history_word_delimiters).
const wordDelimiters = " \t\n;&()|<>"

// searchDelimiters end the string of !string (bash's
// history_search_delimiter_chars).
const searchDelimiters = ";&()|<>"

// noExpandAfter are the characters after which the expansion character is
// literal (readline's history_no_expand_chars).
const noExpandAfter = " \t\n\r="

func (x *expander) expand(line string) (string, bool, bool, error) {
	ch := x.opts.Chars
	s := line
	if len(s) > 0 && s[0] == ch.Subst {
		// ^old^new^ is !!:s^old^new^.
		s = string([]byte{ch.Expansion, ch.Expansion, ':', 's'}) + s
	}
	if strings.IndexByte(s, ch.Expansion) < 0 {
		return line, false, false, nil
	}
	var out strings.Builder
	changed, printOnly := false, false
	dquote := false
	start := 0
	if x.opts.InSingleQuote {
		start = singleQuoteEnd(s, 0, false)
		out.WriteString(s[:start])
		x.from = start
	}
	for i := start; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\\':
			out.WriteByte(c)
			if i+1 < len(s) {
				i++
				out.WriteByte(s[i])
			}
		case c == '"':
			dquote = !dquote
			out.WriteByte(c)
		case c == '\'' && !dquote:
			end := singleQuoteEnd(s, i+1, i > 0 && s[i-1] == '$')
			out.WriteString(s[i:end])
			i = end - 1
		case c == ch.Expansion:
			var next byte
			if i+1 < len(s) {
				next = s[i+1]
			}
			if next == 0 || strings.IndexByte(noExpandAfter, next) >= 0 || dquote && next == '"' || x.inhibited(s, i) {
				out.WriteByte(c)
				continue
			}
			quote := byte(0)
			if dquote {
				quote = '"'
			}
			text, end, p, err := x.one(s, i, quote, out.String())
			if err != nil {
				return "", false, false, err
			}
			out.WriteString(text)
			changed = true
			printOnly = printOnly || p
			i = end - 1
		case ch.Comment != 0 && c == ch.Comment && !dquote && (i == 0 || strings.IndexByte(wordDelimiters, s[i-1]) >= 0):
			out.WriteString(s[i:])
			i = len(s)
		default:
			out.WriteByte(c)
		}
	}
	if !changed {
		return line, false, false, nil
	}
	return out.String(), true, printOnly, nil
}

// singleQuoteEnd returns the index just past the single-quoted string whose
// text starts at i (after the opening quote); in $'...' (ansiC) a backslash
// quotes the next character. An unclosed quote runs to the end.
func singleQuoteEnd(s string, i int, ansiC bool) int {
	for ; i < len(s); i++ {
		if ansiC && s[i] == '\\' {
			i++
			continue
		}
		if s[i] == '\'' {
			return i + 1
		}
	}
	return len(s)
}

// inhibited reports whether the expansion character at s[i] is part of
// shell syntax that bash leaves alone (bash_history_inhibit_expansion):
// `[!...]`, `${!name}`, `$!`, and with extglob `!(...)`.
func (x *expander) inhibited(s string, i int) bool {
	rest := s[i+1:]
	switch {
	case i > 0 && s[i-1] == '[' && strings.IndexByte(rest, ']') >= 0:
		return true
	case i > 1 && s[i-1] == '{' && s[i-2] == '$' && strings.IndexByte(rest, '}') >= 0:
		return true
	case i > 1 && s[i-1] == '$':
		return true
	case x.opts.Extglob && rest != "" && rest[0] == '(' && strings.IndexByte(rest[1:], ')') >= 0:
		return true
	}
	return singleQuotedAt(s[x.from:], i-x.from)
}

// singleQuotedAt reports whether s[i] is inside single quotes once command
// substitutions are taken into account: in "$(echo '!!')" the quotes are
// live again, though the expansion loop, which sees only double quotes,
// would not know it (bash's skip_to_histexp).
func singleQuotedAt(s string, i int) bool {
	// ctx is a stack of what the scan is inside: '"' double quotes, '('
	// a $( ) command substitution, '`' backquotes.
	var ctx []byte
	top := func() byte {
		if len(ctx) == 0 {
			return 0
		}
		return ctx[len(ctx)-1]
	}
	for k := 0; k < i; k++ {
		c := s[k]
		switch {
		case c == '\\':
			k++
		case c == '\'' && top() != '"':
			end := singleQuoteEnd(s, k+1, k > 0 && s[k-1] == '$')
			if end > i {
				return true
			}
			k = end - 1
		case c == '"' && top() == '"':
			ctx = ctx[:len(ctx)-1]
		case c == '"':
			ctx = append(ctx, '"')
		case c == '$' && byteAt(s, k+1) == '(':
			ctx = append(ctx, '(')
			k++
		case c == '(' && top() == '(':
			ctx = append(ctx, '(')
		case c == ')' && top() == '(':
			ctx = ctx[:len(ctx)-1]
		case c == '`' && top() == '`':
			ctx = ctx[:len(ctx)-1]
		case c == '`':
			ctx = append(ctx, '`')
		}
	}
	return false
}

// one expands the history reference at s[start] (the expansion character),
// returning its text and the index just past it. quote is '"' inside
// double quotes (a `"` then ends a search string); sofar is the expanded
// line up to here, for !#.
func (x *expander) one(s string, start int, quote byte, sofar string) (text string, end int, printOnly bool, err error) {
	i := start + 1
	var event string
	var ok bool
	switch {
	case s[i] == x.opts.Chars.Expansion:
		// Checked first so that a histchars of "%" still has %% (and ^
		// quick substitution, which becomes %%:s^...).
		event, ok = x.previous()
		i++
	case strings.IndexByte(":$*%^", s[i]) >= 0:
		event, ok = x.previous()
	case s[i] == '#':
		event, ok = sofar, true
		i++
	default:
		event, i, ok = x.event(s, i, quote)
	}
	if !ok {
		return "", 0, false, &Error{Text: s[start:i], Reason: ReasonEventNotFound}
	}
	words, wi, ok := x.wordSpec(s, i, event)
	if !ok {
		return "", 0, false, &Error{Text: s[i:wi], Reason: ReasonBadWordSpec}
	}
	i = wi
	text = event
	if words != nil {
		text = *words
	}
	return x.modifiers(s, i, text)
}

func (x *expander) previous() (string, bool) {
	if len(x.hist) == 0 {
		return "", false
	}
	return x.hist[len(x.hist)-1], true
}

// event reads an event designator at s[i] (after the expansion character):
// !, a number, -number, ?string[?] or a prefix string.
func (x *expander) event(s string, i int, quote byte) (string, int, bool) {
	j := i
	if s[j] == '-' {
		j++
	}
	if j < len(s) && isDigit(s[j]) {
		for j < len(s) && isDigit(s[j]) {
			j++
		}
		n, err := strconv.Atoi(s[i:j])
		if err != nil {
			return "", j, false
		}
		idx := n - x.opts.Base
		if n < 0 {
			idx = len(x.hist) + n
		}
		if idx < 0 || idx >= len(x.hist) {
			return "", j, false
		}
		return x.hist[idx], j, true
	}
	substring := s[i] == '?'
	if substring {
		i++
	}
	j = i
	for ; j < len(s); j++ {
		c := s[j]
		if c == '\n' || substring && c == '?' {
			break
		}
		if !substring && (c == ' ' || c == '\t' || c == ':' ||
			j > i && c == '-' || c != '-' && strings.IndexByte("^$*%", c) >= 0 ||
			strings.IndexByte(searchDelimiters, c) >= 0 || quote != 0 && c == quote) {
			break
		}
	}
	str := s[i:j]
	end := j
	if substring && end < len(s) && s[end] == '?' {
		end++
	}
	if str == "" {
		// An empty string searches for the last one again.
		str = x.mem.search
	}
	if str == "" {
		return "", end, false
	}
	x.mem.search = str
	for k := len(x.hist) - 1; k >= 0; k-- {
		e := x.hist[k]
		if substring {
			if strings.Contains(e, str) {
				x.mem.searchMatch = matchedWord(e, str, x.opts.Chars.Comment)
				return e, end, true
			}
		} else if strings.HasPrefix(e, str) {
			return e, end, true
		}
	}
	return "", end, false
}

// matchedWord is the word of entry that contains str, for :%.
func matchedWord(entry, str string, comment byte) string {
	for _, w := range tokenize(entry, comment) {
		if strings.Contains(w, str) {
			return w
		}
	}
	return str
}

// wordSpec reads an optional word designator at s[i]. words is nil when
// there is none (the whole event is meant); ok is false for a designator
// that selects no words. end is past what was read.
func (x *expander) wordSpec(s string, i int, event string) (words *string, end int, ok bool) {
	start := i
	colon := false
	if i < len(s) && s[i] == ':' {
		i++
		colon = true
	}
	at := func(k int) byte {
		if k < len(s) {
			return s[k]
		}
		return 0
	}
	switch at(i) {
	case '%':
		w := x.mem.searchMatch
		return &w, i + 1, true
	case '*':
		w, ok := argExtract(1, lastWord, event, x.opts.Chars.Comment)
		if !ok {
			w = ""
		}
		return &w, i + 1, true
	case '$':
		w, ok := argExtract(lastWord, lastWord, event, x.opts.Chars.Comment)
		return &w, i + 1, ok
	}
	first, last := 0, 0
	switch c := at(i); {
	case c == '-':
		first = 0
	case c == '^':
		first = 1
		i++
	case isDigit(c) && colon:
		first, i = number(s, i)
	default:
		// No word designator (after a colon, a modifier may follow).
		return nil, start, true
	}
	switch c := at(i); {
	case c == '^':
		last = 1
		i++
	case c == '*':
		last = lastWord
		i++
	case c != '-':
		last = first
	default:
		i++
		switch c := at(i); {
		case isDigit(c):
			last, i = number(s, i)
		case c == '$':
			last = lastWord
			i++
		case c == '^':
			last = 1
			i++
		default:
			last = allButLast
		}
	}
	w, ok := argExtract(first, last, event, x.opts.Chars.Comment)
	return &w, i, ok
}

// The special word numbers of argExtract.
const (
	lastWord   = -1 // $
	allButLast = -2 // n- : up to the word before the last
)

// argExtract returns words first to last of entry, joined by spaces.
func argExtract(first, last int, entry string, comment byte) (string, bool) {
	words := tokenize(entry, comment)
	n := len(words)
	switch last {
	case lastWord:
		last = n - 1
	case allButLast:
		last = n - 2
	}
	if first == lastWord {
		first = n - 1
	}
	if first >= n || last >= n || first < 0 || last < 0 || first > last {
		return "", false
	}
	return strings.Join(words[first:last+1], " "), true
}

// modifiers applies the :h :t :r :e :p :q :x :s :& modifiers at s[i].
func (x *expander) modifiers(s string, i int, text string) (string, int, bool, error) {
	start := i
	printOnly := false
	quoting := byte(0)
	for i < len(s) && s[i] == ':' {
		global := false
		c := byteAt(s, i+1)
		if c == 'g' || c == 'a' {
			global = true
			i++
			c = byteAt(s, i+1)
		}
		switch c {
		case 'q', 'x':
			quoting = c
		case 'p':
			printOnly = true
		case 't':
			if k := strings.LastIndexByte(text, '/'); k >= 0 {
				text = text[k+1:]
			}
		case 'h':
			if k := strings.LastIndexByte(text, '/'); k >= 0 {
				text = text[:k]
			}
		case 'r':
			if k := strings.LastIndexByte(text, '.'); k >= 0 {
				text = text[:k]
			}
		case 'e':
			if k := strings.LastIndexByte(text, '.'); k >= 0 {
				text = text[k:]
			}
		case 's', '&':
			if c == 's' {
				if i+2 >= len(s) {
					i += 2
					continue // no delimiter: nothing to do
				}
				delim := s[i+2]
				i += 3
				lhs, ok := substPattern(s, &i, delim, false)
				if ok {
					x.mem.lhs = lhs
				} else if x.mem.lhs == "" {
					x.mem.lhs = x.mem.search
				}
				rhs, _ := substPattern(s, &i, delim, true)
				x.mem.rhs = expandAmpersand(rhs, x.mem.lhs)
			} else {
				i += 2
			}
			if x.mem.lhs == "" {
				return "", 0, false, &Error{Text: s[start:i], Reason: ReasonNoPrevSubst}
			}
			var ok bool
			text, ok = substitute(text, x.mem.lhs, x.mem.rhs, global)
			if !ok {
				return "", 0, false, &Error{Text: s[start:i], Reason: ReasonSubstFailed}
			}
			continue // i is already past the substitution
		default:
			if c == 0 {
				return "", 0, false, &Error{Text: "", Reason: ReasonBadModifier}
			}
			return "", 0, false, &Error{Text: string(c), Reason: ReasonBadModifier}
		}
		i += 2
	}
	switch quoting {
	case 'q':
		text = singleQuote(text)
	case 'x':
		words := tokenize(text, x.opts.Chars.Comment)
		for k, w := range words {
			words[k] = singleQuote(w)
		}
		text = strings.Join(words, " ")
	}
	return text, i, printOnly, nil
}

// substPattern reads the pattern of :s at s[*i] up to delim (a backslash
// quotes the delimiter) and moves *i past the delimiter. ok is false for
// an empty left-hand side, which means "the last one".
func substPattern(s string, i *int, delim byte, rhs bool) (string, bool) {
	var b strings.Builder
	k := *i
	for ; k < len(s) && s[k] != delim; k++ {
		if s[k] == '\\' && k+1 < len(s) && s[k+1] == delim {
			k++
		}
		b.WriteByte(s[k])
	}
	empty := k == *i
	if k < len(s) {
		k++
	}
	*i = k
	return b.String(), !empty || rhs
}

// expandAmpersand replaces & in a substitution's right-hand side with the
// left-hand side; \& is a plain &.
func expandAmpersand(rhs, lhs string) string {
	if !strings.Contains(rhs, "&") {
		return rhs
	}
	var b strings.Builder
	for k := 0; k < len(rhs); k++ {
		switch {
		case rhs[k] == '\\' && k+1 < len(rhs) && rhs[k+1] == '&':
			b.WriteByte('&')
			k++
		case rhs[k] == '&':
			b.WriteString(lhs)
		default:
			b.WriteByte(rhs[k])
		}
	}
	return b.String()
}

// substitute replaces the first (or with global every) lhs in text.
func substitute(text, lhs, rhs string, global bool) (string, bool) {
	if !strings.Contains(text, lhs) {
		return text, false
	}
	if global {
		return strings.ReplaceAll(text, lhs, rhs), true
	}
	return strings.Replace(text, lhs, rhs, 1), true
}

// singleQuote quotes s for the shell as one word, as :q does.
func singleQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

func byteAt(s string, i int) byte {
	if i < len(s) {
		return s[i]
	}
	return 0
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func number(s string, i int) (int, int) {
	n := 0
	for i < len(s) && isDigit(s[i]) {
		n = n*10 + int(s[i]-'0')
		i++
	}
	return n, i
}

// tokenize splits a history entry into words as readline does: at blanks
// and at the shell's operators, keeping quoted strings, $( ) and the like
// whole; a word that starts with the comment character ends the list.
func tokenize(s string, comment byte) []string {
	var words []string
	i := 0
	for i < len(s) {
		for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n') {
			i++
		}
		if i >= len(s) || comment != 0 && s[i] == comment {
			break
		}
		start := i
		i = tokenEnd(s, start)
		if i == start {
			i++
			for i < len(s) && strings.IndexByte(wordDelimiters, s[i]) >= 0 {
				i++
			}
		}
		words = append(words, s[start:i])
	}
	return words
}

// tokenEnd returns the end of the word that starts at s[i]
// (readline's history_tokenize_word).
func tokenEnd(s string, i int) int {
	at := func(k int) byte { return byteAt(s, k) }
	var delim, open byte
	nest := 0
	if strings.IndexByte("()\n", s[i]) >= 0 {
		return i + 1
	}
	if isDigit(s[i]) {
		j := i
		for j < len(s) && isDigit(s[j]) {
			j++
		}
		if j == len(s) {
			return j
		}
		i = j
		if s[j] != '<' && s[j] != '>' {
			return wordEnd(s, i, delim, open, nest)
		}
	}
	if strings.IndexByte("<>;&|", s[i]) >= 0 {
		c, peek := s[i], at(i+1)
		switch {
		case peek == c:
			if peek == '<' && (at(i+2) == '-' || at(i+2) == '<') {
				i++
			}
			return i + 2
		case peek == '&' && (c == '>' || c == '<'):
			j := i + 2
			for j < len(s) && isDigit(s[j]) {
				j++
			}
			if at(j) == '-' {
				j++
			}
			return j
		case peek == '>' && c == '&' || peek == '|' && c == '>':
			return i + 2
		case peek == '(' && (c == '>' || c == '<'):
			return wordEnd(s, i+2, ')', '(', 1)
		}
		return i + 1
	}
	return wordEnd(s, i, delim, open, nest)
}

// wordEnd scans a word from s[i], inside the quote or nesting given.
func wordEnd(s string, i int, delim, open byte, nest int) int {
	const quotes = "\"'`"
	if delim == 0 && i < len(s) && strings.IndexByte(quotes, s[i]) >= 0 {
		delim = s[i]
		i++
	}
	for ; i < len(s); i++ {
		c := s[i]
		if c == '\\' && delim != '\'' && (delim != '"' || i+1 < len(s) && strings.IndexByte("\\`\"$\n", s[i+1]) >= 0) {
			i++
			continue
		}
		switch {
		case nest > 0 && c == open:
			nest++
			continue
		case nest > 0 && c == delim:
			nest--
			if nest == 0 {
				delim = 0
			}
			continue
		case delim != 0 && c == delim:
			delim = 0
			continue
		}
		if nest == 0 && delim == 0 && strings.IndexByte("<>$!@?+*", c) >= 0 && byteAt(s, i+1) == '(' {
			i++
			delim, open, nest = ')', '(', 1
			continue
		}
		if delim == 0 && strings.IndexByte(wordDelimiters, c) >= 0 {
			break
		}
		if delim == 0 && strings.IndexByte(quotes, c) >= 0 {
			delim = c
		}
	}
	return min(i, len(s))
}
