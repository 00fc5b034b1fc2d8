package completion

// Programmable completion with bash's interface: the specifications that
// complete defines and compgen and compopt read, and the pure steps of
// using one (the words of the command being completed as COMP_WORDS shows
// them, the -X filter, the -P and -S affixes, and turning the matches into
// what the line editor inserts). Running -F functions and -C commands, and
// the actions that read the shell's state, are the evaluator's.

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// Options are the -o options of a specification.
type Options uint16

// The -o options, in the order complete -p prints them (bash's).
const (
	OptBashdefault Options = 1 << iota // fall back on the shell's own completion
	OptDefault                         // fall back on file names
	OptDirnames                        // fall back on directory names
	OptFilenames                       // the matches are file names: quote them, slash directories
	OptNoquote                         // do not quote file names
	OptNosort                          // keep the matches in the order generated
	OptNospace                         // no space after a single match
	OptPlusdirs                        // add directory names to the matches
)

var optionNames = []string{"bashdefault", "default", "dirnames", "filenames", "noquote", "nosort", "nospace", "plusdirs"}

// AllOptions has every option's bit.
const AllOptions Options = 1<<8 - 1

// OptionNames lists the -o options' names, in complete -p's order.
func OptionNames() []string { return slices.Clone(optionNames) }

// OptionNamed returns the option called name (complete -o NAME).
func OptionNamed(name string) (Options, bool) {
	i := slices.Index(optionNames, name)
	if i < 0 {
		return 0, false
	}
	return 1 << i, true
}

// Action is one -A action; the set of a specification is a bit mask.
type Action uint32

// actionNames lists the actions in the order complete -p prints them:
// first those with a letter of their own (-a ... -v), then the rest.
var actionNames = []struct {
	name   string
	letter byte
}{
	{"alias", 'a'}, {"builtin", 'b'}, {"command", 'c'}, {"directory", 'd'}, {"export", 'e'},
	{"file", 'f'}, {"group", 'g'}, {"job", 'j'}, {"keyword", 'k'}, {"service", 's'},
	{"user", 'u'}, {"variable", 'v'},
	{"arrayvar", 0}, {"binding", 0}, {"disabled", 0}, {"enabled", 0}, {"function", 0},
	{"helptopic", 0}, {"hostname", 0}, {"running", 0}, {"setopt", 0}, {"shopt", 0},
	{"signal", 0}, {"stopped", 0},
}

// AllActions has every action's bit.
const AllActions Action = 1<<24 - 1

// ActionNamed returns the action called name (-A NAME).
func ActionNamed(name string) (Action, bool) {
	for i, a := range actionNames {
		if a.name == name {
			return 1 << i, true
		}
	}
	return 0, false
}

// ActionLetter returns the action of a letter option (-a for alias, ...).
func ActionLetter(c byte) (Action, bool) {
	for i, a := range actionNames {
		if a.letter == c && c != 0 {
			return 1 << i, true
		}
	}
	return 0, false
}

// Names lists the names of the actions in the set, in complete -p's order.
func (a Action) Names() []string {
	var out []string
	for i, an := range actionNames {
		if a&(1<<i) != 0 {
			out = append(out, an.name)
		}
	}
	return out
}

// ActionLetters are the letters complete and compgen take for actions.
const ActionLetters = "abcdefgjksuv"

// Spec is one completion specification: what complete stored for a command.
type Spec struct {
	Actions  Action
	Options  Options
	Glob     string // -G
	Words    string // -W, expanded when used
	Function string // -F
	Command  string // -C
	Filter   string // -X
	Prefix   string // -P
	Suffix   string // -S
}

// SetOption applies one option of complete or compgen, as the option
// parser returned it: a letter and, for the letters that take one, a value.
func (s *Spec) SetOption(letter byte, value string) error {
	switch letter {
	case 'A':
		a, ok := ActionNamed(value)
		if !ok {
			return fmt.Errorf("%s: invalid action name", value)
		}
		s.Actions |= a
	case 'o':
		o, ok := OptionNamed(value)
		if !ok {
			return fmt.Errorf("%s: invalid option name", value)
		}
		s.Options |= o
	case 'G':
		s.Glob = value
	case 'W':
		s.Words = value
	case 'F':
		s.Function = value
	case 'C':
		s.Command = value
	case 'X':
		s.Filter = value
	case 'P':
		s.Prefix = value
	case 'S':
		s.Suffix = value
	default:
		a, ok := ActionLetter(letter)
		if !ok {
			return fmt.Errorf("-%c: invalid option", letter)
		}
		s.Actions |= a
	}
	return nil
}

// Line returns the complete command that defines s for name, as complete
// -p prints it.
func (s *Spec) Line(name string) string {
	var b strings.Builder
	b.WriteString("complete")
	for i, n := range optionNames {
		if s.Options&(1<<i) != 0 {
			b.WriteString(" -o " + n)
		}
	}
	for i, a := range actionNames {
		if s.Actions&(1<<i) == 0 {
			continue
		}
		if a.letter != 0 {
			b.WriteString(" -" + string(a.letter))
		} else {
			b.WriteString(" -A " + a.name)
		}
	}
	for _, f := range []struct {
		flag, val string
	}{{"-G", s.Glob}, {"-W", s.Words}, {"-P", s.Prefix}, {"-S", s.Suffix}, {"-X", s.Filter}, {"-C", s.Command}} {
		if f.val != "" {
			b.WriteString(" " + f.flag + " " + singleQuote(f.val))
		}
	}
	if s.Function != "" {
		b.WriteString(" -F " + s.Function)
	}
	b.WriteString(" " + DisplayName(name))
	return b.String()
}

// DisplayName is how complete -p and compopt show a name of the table:
// the special ones as the option that names them.
func DisplayName(name string) string {
	switch name {
	case DefaultSpec:
		return "-D"
	case EmptySpec:
		return "-E"
	case InitialSpec:
		return "-I"
	}
	return name
}

// Empty reports whether no specification was ever stored (complete -r of
// a name is then silent, as in bash, whose table does not exist yet).
func (t *Table) Empty() bool { return t.specs == nil }

func singleQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// The names under which the specifications of complete -D (for commands
// without one of their own), -E (the empty line) and -I (the first word)
// are kept: bash's names for them, which its messages show.
const (
	DefaultSpec = "_DefaultCmD_"
	EmptySpec   = "_EmptycmD_"
	InitialSpec = "_InitialWorD_"
)

// Table maps command names (and the three special names) to their
// specifications. The zero Table is empty and ready.
type Table struct {
	specs map[string]*Spec
}

// Set stores a copy of spec for name.
func (t *Table) Set(name string, spec Spec) {
	if t.specs == nil {
		t.specs = make(map[string]*Spec)
	}
	t.specs[name] = &spec
}

// Get returns a copy of name's specification.
func (t *Table) Get(name string) (Spec, bool) {
	s, ok := t.specs[name]
	if !ok {
		return Spec{}, false
	}
	return *s, true
}

// Remove deletes name's specification and reports whether there was one.
func (t *Table) Remove(name string) bool {
	_, ok := t.specs[name]
	delete(t.specs, name)
	return ok
}

// Clear removes every specification.
func (t *Table) Clear() { clear(t.specs) }

// Names lists the names with a specification: commands sorted, then the
// special names in the order -D, -E, -I.
func (t *Table) Names() []string {
	var names, special []string
	for n := range t.specs {
		if n == DefaultSpec || n == EmptySpec || n == InitialSpec {
			special = append(special, n)
		} else {
			names = append(names, n)
		}
	}
	slices.Sort(names)
	slices.Sort(special)
	return append(names, special...)
}

// Lookup finds the specification for a command word: its own, that of
// the word's last path component, or the default (-D) one.
func (t *Table) Lookup(command string) (Spec, bool) {
	if s, ok := t.Get(command); ok {
		return s, true
	}
	if i := strings.LastIndexByte(command, '/'); i >= 0 {
		if s, ok := t.Get(command[i+1:]); ok {
			return s, true
		}
	}
	return t.Get(DefaultSpec)
}

// Filter applies -X: each word matching pattern (where an unescaped &
// stands for the word being completed) is removed, or with a leading !
// each word not matching it. match is the shell's pattern matcher.
func Filter(words []string, pattern, cur string, match func(pat, s string) bool) []string {
	if pattern == "" {
		return words
	}
	negate := strings.HasPrefix(pattern, "!")
	if negate {
		pattern = pattern[1:]
	}
	var b strings.Builder
	for i := 0; i < len(pattern); i++ {
		switch {
		case pattern[i] == '\\' && i+1 < len(pattern) && pattern[i+1] == '&':
			b.WriteByte('&')
			i++
		case pattern[i] == '&':
			b.WriteString(cur)
		default:
			b.WriteByte(pattern[i])
		}
	}
	pattern = b.String()
	var out []string
	for _, w := range words {
		if match(pattern, w) == negate {
			out = append(out, w)
		}
	}
	return out
}

// Affix puts -P's prefix and -S's suffix around each word.
func Affix(words []string, prefix, suffix string) []string {
	if prefix == "" && suffix == "" {
		return words
	}
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = prefix + w + suffix
	}
	return out
}

// DefaultWordBreaks is COMP_WORDBREAKS's value in a new shell, as bash's.
const DefaultWordBreaks = " \t\n\"'><=;|&(:"

// Call is the command being completed, as bash describes it to a -F
// function and a -C command.
type Call struct {
	Line   string   // COMP_LINE: the command the cursor is in
	Point  int      // COMP_POINT: the cursor's byte offset in Line
	Words  []string // COMP_WORDS: Line split at blanks and COMP_WORDBREAKS
	CWord  int      // COMP_CWORD: the index in Words of the cursor's word
	Cur    string   // the text being completed, from its start to the cursor
	Quote  byte     // the quote open at the cursor: 0, '\'' or '"'
	Empty  bool     // nothing but blanks before the cursor (complete -E)
	Offset int      // where Line starts in the whole line
}

// Command returns the command name (COMP_WORDS[0]) without its quoting,
// "" if there is none.
func (c *Call) Command() string {
	if len(c.Words) == 0 {
		return ""
	}
	return scanWord(c.Words[0]).value
}

// Prev is the word before the cursor's word, "" if there is none.
func (c *Call) Prev() string {
	if c.CWord < 1 || c.CWord > len(c.Words) {
		return ""
	}
	return c.Words[c.CWord-1]
}

// commandSeparators end a command for completion's purposes, as bash's
// find_cmd_start has them.
const commandSeparators = ";|&(`\n"

// NewCall describes the command around byte offset pos of line, whose
// words break at the bytes of breaks (COMP_WORDBREAKS) and at blanks.
func NewCall(line string, pos int, breaks string) Call {
	pos = min(max(pos, 0), len(line))
	start, end := 0, len(line)
	for _, sp := range spans(line, commandSeparators) {
		if sp.delim {
			if sp.end <= pos {
				start = sp.end
			} else if sp.start >= pos && end == len(line) {
				end = sp.start
			}
		}
	}
	for start < pos && isBlank(line[start]) {
		start++
	}
	c := Call{Line: line[start:end], Point: pos - start, Offset: start, CWord: -1}
	ws := spans(c.Line, breaks)
	for _, sp := range ws {
		if c.CWord < 0 && c.Point >= sp.start && c.Point <= sp.end {
			c.CWord = len(c.Words)
		}
		if c.CWord < 0 && c.Point < sp.start {
			// The cursor is in the blanks before this word: bash counts
			// it in this word, though the text being completed is empty.
			c.CWord = len(c.Words)
		}
		c.Words = append(c.Words, c.Line[sp.start:sp.end])
	}
	if c.CWord < 0 {
		c.CWord = len(c.Words)
		c.Words = append(c.Words, "")
	}
	c.Empty = strings.TrimLeft(line[:pos], " \t\n") == ""
	c.Cur, c.Quote = currentWord(c.Line[:c.Point], breaks)
	return c
}

// span is a word of a line between start and end; delim marks a run of
// delimiters, which is a word of its own in COMP_WORDS.
type span struct {
	start, end int
	delim      bool
}

// spans splits s into words at blanks and at runs of the bytes of delims
// (each run a word of its own), keeping quoted text and what a backslash
// escapes inside a word, as bash's split_at_delims does.
func spans(s, delims string) []span {
	var out []span
	i := 0
	isDelim := func(c byte) bool { return !isBlank(c) && strings.IndexByte(delims, c) >= 0 }
	for i < len(s) {
		c := s[i]
		switch {
		case isBlank(c):
			i++
		case isDelim(c) && c != '"' && c != '\'':
			j := i
			for j < len(s) && isDelim(s[j]) && s[j] != '"' && s[j] != '\'' {
				j++
			}
			out = append(out, span{i, j, true})
			i = j
		default:
			j := skipWord(s, i, delims)
			out = append(out, span{i, j, false})
			i = j
		}
	}
	return out
}

// SplitWordList splits -W's word list at unquoted bytes of ifs (and
// blanks), as bash does before it expands each word: quotes and
// backslashes keep their text together, and stay for the expansion.
func SplitWordList(s, ifs string) []string {
	var out []string
	isSep := func(c byte) bool { return isBlank(c) || strings.IndexByte(ifs, c) >= 0 }
	for i := 0; i < len(s); {
		if isSep(s[i]) {
			i++
			continue
		}
		j := skipWord(s, i, ifs)
		if j == i { // an IFS byte skipWord does not stop at: take it
			j++
		}
		out = append(out, s[i:j])
		i = j
	}
	return out
}

// skipWord returns the end of the word that starts at i: the next
// unquoted blank or delimiter (quotes themselves do not end it).
func skipWord(s string, i int, delims string) int {
	for i < len(s) {
		c := s[i]
		switch {
		case c == '\\':
			i += 2
			continue
		case c == '\'' || c == '"':
			j := i + 1
			for j < len(s) && s[j] != c {
				if c == '"' && s[j] == '\\' {
					j++
				}
				j++
			}
			i = j + 1
			continue
		case isBlank(c) || strings.IndexByte(delims, c) >= 0:
			return i
		}
		i++
	}
	return min(i, len(s))
}

// currentWord is the text being completed at the end of head, as readline
// finds it: after the last unquoted word break, or after the quote that is
// still open.
func currentWord(head, breaks string) (string, byte) {
	start := 0
	var quote byte
	for i := 0; i < len(head); i++ {
		c := head[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			} else if c == '\\' && quote == '"' {
				i++
			}
		case c == '\\':
			i++
		case c == '\'' || c == '"':
			quote = c
			start = i + 1
		case isBlank(c) || strings.IndexByte(breaks, c) >= 0:
			start = i + 1
		}
	}
	return head[min(start, len(head)):], quote
}

func isBlank(c byte) bool { return c == ' ' || c == '\t' || c == '\n' }

// Insertion describes how matches go into the line: as file names
// (quoted, directories with a slash), without the space after a single
// match, and how to tell a directory.
type Insertion struct {
	Filenames bool
	Noquote   bool
	Nospace   bool
	Nosort    bool              // keep the order of the matches
	IsDir     func(string) bool // for Filenames: is the match a directory
}

// Listing is what a second Tab lists for matches, as bash shows them:
// each match as it is, not quoted, also one that does not start with the
// word; with -o filenames only the last part of a path, and a slash after
// a directory. Sorted, unless nosort.
func (in Insertion) Listing(matches []string) []string {
	var out []string
	for _, m := range matches {
		d := m
		if in.Filenames {
			trimmed := strings.TrimSuffix(m, "/")
			d = trimmed[strings.LastIndexByte(trimmed, '/')+1:]
			if len(trimmed) < len(m) || in.IsDir != nil && in.IsDir(m) {
				d += "/"
			}
		}
		out = append(out, d)
	}
	if in.Nosort {
		return firstOfEach(out)
	}
	return sortUnique(out)
}

// firstOfEach removes the repeats from list, keeping its order.
func firstOfEach(list []string) []string {
	seen := map[string]bool{}
	return slices.DeleteFunc(list, func(s string) bool {
		dup := seen[s]
		seen[s] = true
		return dup
	})
}

// Suffixes turns the matches for call into what the line editor inserts
// after the cursor for each, and how many bytes before the cursor the
// listing shows. A match that does not start with the text being completed
// cannot be inserted by appending: alone, it replaces that text (as the
// line editor's backspaces before it say); among others it is left out.
func (in Insertion) Suffixes(call Call, matches []string) ([]string, int) {
	cur := call.Cur
	value := scanWord(cur).value
	if call.Quote != 0 {
		value = cur
	}
	var out []string
	single := len(slices.Compact(slices.Sorted(slices.Values(matches)))) == 1
	for _, m := range matches {
		var s string
		switch {
		case strings.HasPrefix(m, value) && in.Filenames && !in.Noquote:
			s = quoteRest(m[len(value):], call.Quote)
		case strings.HasPrefix(m, cur):
			s = m[len(cur):]
		case strings.HasPrefix(m, value):
			s = m[len(value):]
		case single:
			// Replace what was typed: a backspace for each of its runes.
			s = strings.Repeat("\b", utf8.RuneCountInString(cur)) + m
			if in.Filenames && !in.Noquote {
				s = strings.Repeat("\b", utf8.RuneCountInString(cur)) + quoteRest(m, call.Quote)
			}
		default:
			continue
		}
		dir := in.Filenames && in.IsDir != nil && in.IsDir(m)
		switch {
		case dir:
			if !strings.HasSuffix(m, "/") {
				s += "/"
			}
		case single && !in.Nospace:
			if call.Quote != 0 {
				s += string(call.Quote)
			}
			s += " "
		}
		out = append(out, s)
	}
	shared := len(cur)
	if in.Filenames {
		if i := strings.LastIndexByte(cur, '/'); i >= 0 {
			shared = len(cur) - i - 1
		}
	}
	if in.Nosort {
		return firstOfEach(out), shared
	}
	return sortUnique(out), shared
}
