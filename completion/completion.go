// Package completion is tab completion for the line editor: command names
// in command position, variable names after $, job specs after fg, bg,
// kill %, wait % and disown, and file names everywhere else.
//
// Completion is a pure function of the line and a Context, the few facts of
// the shell it reads (its directory, its variables, the names of its
// commands and jobs), which the shell takes at each Tab. So it is
// table-tested without a shell, and the line is drawn there: what the
// command names are (builtins, functions, aliases) is the shell's to say;
// how a line is scanned, what is offered and how it is quoted is this
// package's. It imports nothing of gosh's but expansion, for the rule of
// what a variable name is.
package completion

import (
	"fmt"
	"os"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/gosh-sh/gosh/expansion"
	"golang.org/x/sys/unix"
)

// Context is what completion needs to know of the shell.
type Context struct {
	Dir      string                      // the shell's working directory
	Home     string                      // for ~/
	Path     string                      // PATH, searched for executables
	Lookup   func(string) (string, bool) // a variable's value and whether it is set, for $VAR/ prefixes
	VarNames []string                    // the set variables, for $NA
	Commands []string                    // builtins, functions and aliases (keywords are added here)
	Jobs     []int                       // job numbers, for %N
	// JobCommands are the builtins whose operands are job specs (fg,
	// kill, ...), after which %N is offered.
	JobCommands []string
	// Tilde expands a tilde prefix (~, ~user, ~+, ~-, ~N) for reading the
	// directory a word names; nil leaves only ~ and ~/ to Home.
	Tilde func(prefix string) (string, bool)
}

// dirCommands take directories: only directories are offered after them.
var dirCommands = []string{"cd", "pushd"}

// keywords can start a command, and the word after each of them is in
// command position again.
var keywords = []string{"!", "case", "do", "done", "elif", "else", "esac", "fi", "for",
	"function", "if", "in", "then", "time", "until", "while", "{", "}", "[[", "]]"}

// wordCtx describes the word the cursor is in.
type wordCtx struct {
	raw      string // the word as typed, up to the cursor
	value    string // raw with its quoting removed
	quote    byte   // the quote still open at the cursor: 0, '\'' or '"'
	cmdPos   bool   // the word is a command name
	redirect bool   // the word follows a redirection operator
	prev     string // the command name of this simple command, if not cmdPos
	dollar   int    // index in raw of the unquoted $ starting a variable name being typed, or -1
}

// scanWord finds the word that ends at the end of head.
func scanWord(head string) wordCtx {
	w := wordCtx{cmdPos: true, dollar: -1}
	var raw, val strings.Builder
	var quote byte
	inWord := false
	nextCmd := true // the next word starts a command
	endWord := func() {
		if !inWord {
			return
		}
		word := val.String()
		switch {
		case w.redirect:
			w.redirect = false
		case nextCmd && isAssignmentWord(word):
			// FOO=bar cmd: the command is still to come
		case nextCmd:
			w.prev = word
			nextCmd = slices.Contains(keywords, word)
		}
		raw.Reset()
		val.Reset()
		inWord = false
		w.dollar = -1
	}
	for i := 0; i < len(head); i++ {
		c := head[i]
		switch {
		case quote == '\'':
			if c == '\'' {
				quote = 0
			} else {
				val.WriteByte(c)
			}
			raw.WriteByte(c)
			continue
		case quote == '"':
			raw.WriteByte(c)
			switch c {
			case '"':
				quote = 0
			case '\\':
				if i+1 < len(head) && strings.IndexByte("$`\"\\\n", head[i+1]) >= 0 {
					i++
					raw.WriteByte(head[i])
					val.WriteByte(head[i])
				} else {
					val.WriteByte(c)
				}
			case '$':
				w.dollar = raw.Len() - 1
				val.WriteByte(c)
			default:
				val.WriteByte(c)
			}
			continue
		}
		switch c {
		case ' ', '\t', '\n':
			endWord()
		case ';', '&', '|', '(', ')':
			endWord()
			nextCmd, w.redirect = true, false
			w.prev = ""
		case '<', '>':
			endWord()
			w.redirect = true
		case '\\':
			inWord = true
			raw.WriteByte(c)
			if i+1 < len(head) {
				i++
				raw.WriteByte(head[i])
				val.WriteByte(head[i])
			}
		case '\'', '"':
			inWord = true
			quote = c
			raw.WriteByte(c)
		case '$':
			inWord = true
			w.dollar = raw.Len()
			raw.WriteByte(c)
			val.WriteByte(c)
		default:
			inWord = true
			raw.WriteByte(c)
			val.WriteByte(c)
		}
	}
	w.raw, w.value, w.quote = raw.String(), val.String(), quote
	w.cmdPos = nextCmd && !w.redirect
	return w
}

func isAssignmentWord(w string) bool {
	name, _, ok := strings.Cut(w, "=")
	return ok && expansion.ValidName(name)
}

// Complete returns what may follow the cursor at byte offset pos of line:
// for each candidate the text to insert, and how many bytes before the
// cursor the candidates have in common (what a listing shows of each).
func (c *Context) Complete(line string, pos int) (suffixes []string, shared int) {
	pos = min(max(pos, 0), len(line))
	w := scanWord(line[:pos])
	if s, n, ok := c.completeVar(w); ok {
		return s, n
	}
	if slices.Contains(c.JobCommands, w.prev) && (strings.HasPrefix(w.raw, "%") || (w.raw == "" && w.prev != "kill" && w.prev != "wait")) {
		return c.completeJob(w)
	}
	if w.cmdPos && !strings.Contains(w.value, "/") && w.quote == 0 && !strings.HasPrefix(w.value, "~") {
		return c.completeCommand(w)
	}
	return c.completeFile(w, !w.cmdPos && !w.redirect && slices.Contains(dirCommands, w.prev))
}

// CompleteFiles is Complete offering file names only (complete -o
// default), or with dirsOnly directory names only (-o dirnames).
func (c *Context) CompleteFiles(line string, pos int, dirsOnly bool) ([]string, int) {
	pos = min(max(pos, 0), len(line))
	return c.completeFile(scanWord(line[:pos]), dirsOnly)
}

// completeVar completes $NA and ${NA.
func (c *Context) completeVar(w wordCtx) ([]string, int, bool) {
	if w.dollar < 0 || w.quote == '\'' {
		return nil, 0, false
	}
	typed := w.raw[w.dollar+1:]
	brace := strings.HasPrefix(typed, "{")
	prefix := strings.TrimPrefix(typed, "{")
	if prefix != "" && !expansion.ValidName(prefix) {
		return nil, 0, false
	}
	var out []string
	for _, name := range c.VarNames {
		if !strings.HasPrefix(name, prefix) {
			continue
		}
		s := name[len(prefix):]
		if brace {
			s += "}"
		}
		out = append(out, s)
	}
	if len(out) == 1 && w.quote == 0 {
		// A directory goes on with a slash; anything else ends the word.
		name := prefix + strings.TrimSuffix(out[0], "}")
		if v, _ := c.Lookup(name); v != "" && dirExists(v) {
			out[0] += "/"
		} else {
			out[0] += " "
		}
	}
	return sortUnique(out), len(typed) + 1, true
}

func (c *Context) completeJob(w wordCtx) ([]string, int) {
	var out []string
	for _, id := range c.Jobs {
		spec := "%" + strconv.Itoa(id)
		if strings.HasPrefix(spec, w.raw) {
			out = append(out, spec[len(w.raw):]+" ")
		}
	}
	return sortUnique(out), len(w.raw)
}

func (c *Context) completeCommand(w wordCtx) ([]string, int) {
	names := c.CommandNames(w.value)
	out := make([]string, 0, len(names))
	for _, n := range names {
		out = append(out, quoteRest(n[len(w.value):], 0)+" ")
	}
	return sortUnique(out), len(w.raw)
}

// CommandNames lists the command names that start with prefix: keywords,
// builtins, functions and aliases, and the executables on PATH, sorted.
func (c *Context) CommandNames(prefix string) []string {
	seen := map[string]bool{}
	var names []string
	add := func(n string) {
		if strings.HasPrefix(n, prefix) && !seen[n] {
			seen[n] = true
			names = append(names, n)
		}
	}
	for _, n := range keywords {
		add(n)
	}
	for _, n := range c.Commands {
		add(n)
	}
	for dir := range strings.SplitSeq(c.Path, ":") {
		if dir == "" {
			dir = "."
		}
		dir = c.abs(dir)
		for _, e := range list(dir) {
			n := e.Name()
			if !strings.HasPrefix(n, prefix) || seen[n] {
				continue
			}
			if unix.Access(dir+"/"+n, unix.X_OK) == nil && !dirExists(dir+"/"+n) {
				add(n)
			}
		}
	}
	return sortUnique(names)
}

// Dequote removes the quoting of a word as typed so far (an open quote
// included).
func Dequote(word string) string { return scanWord(word).value }

// completeFile completes a path, after ~/ or $VAR/ if the word starts so;
// with dirsOnly, a directory's.
func (c *Context) completeFile(w wordCtx, dirsOnly bool) ([]string, int) {
	value := c.expandStart(w.value)
	if w.value == "~" && value != w.value {
		return []string{"/"}, 0
	}
	base := value[strings.LastIndexByte(value, '/')+1:]
	var out []string
	for _, m := range c.namesStarting(value, dirsOnly) {
		n, isDir := m.name, m.isDir
		s := quoteRest(n[len(base):], w.quote)
		if isDir {
			s += "/"
		} else {
			if w.quote != 0 {
				s += string(w.quote) // close the quote, as bash does
			}
			s += " "
		}
		out = append(out, s)
	}
	// The listing shows file names: what was typed after the last slash.
	typedBase := w.raw
	if i := strings.LastIndexByte(typedBase, '/'); i >= 0 {
		typedBase = typedBase[i+1:]
	}
	return sortUnique(out), len(typedBase)
}

// Files lists the paths that start with word (compgen -f, or -d with
// dirsOnly), as typed: a tilde or $VAR prefix is expanded to read the
// directory but stays in the paths. Hidden files need a word whose last
// component starts with a dot.
func (c *Context) Files(word string, dirsOnly bool) []string {
	typedDir := word[:strings.LastIndexByte(word, '/')+1]
	var out []string
	for _, m := range c.namesStarting(c.expandStart(word), dirsOnly) {
		out = append(out, typedDir+m.name)
	}
	return sortUnique(out)
}

// nameMatch is a directory entry whose name completes a path.
type nameMatch struct {
	name  string
	isDir bool
}

// namesStarting lists the entries of the directory path names (up to its
// last slash; "." without one) that start with its last component: only
// directories with dirsOnly, and hidden ones only when that component
// starts with a dot.
func (c *Context) namesStarting(path string, dirsOnly bool) []nameMatch {
	dir, base := ".", path
	if i := strings.LastIndexByte(path, '/'); i >= 0 {
		dir, base = path[:i+1], path[i+1:]
	}
	dir = c.abs(dir)
	var out []nameMatch
	for _, e := range list(dir) {
		n := e.Name()
		if !strings.HasPrefix(n, base) || (strings.HasPrefix(n, ".") && !strings.HasPrefix(base, ".")) {
			continue
		}
		isDir := dirExists(dir + "/" + n)
		if dirsOnly && !isDir {
			continue
		}
		out = append(out, nameMatch{n, isDir})
	}
	return out
}

// IsDir reports whether a path as typed names a directory (after a tilde
// or $VAR prefix), for -o filenames.
func (c *Context) IsDir(path string) bool {
	return dirExists(c.abs(c.expandStart(path)))
}

// expandStart expands what a word starts with, ~, ~/, ~+ and the like, or
// $VAR/, to find the directory it names; what the user typed stays as it
// is in the line.
func (c *Context) expandStart(value string) string {
	switch {
	case (value == "~" || strings.HasPrefix(value, "~/")) && c.Home != "":
		return strings.TrimSuffix(c.Home, "/") + value[1:]
	case strings.HasPrefix(value, "~") && c.Tilde != nil:
		prefix, rest, _ := strings.Cut(value, "/")
		if d, ok := c.Tilde(prefix); ok && strings.Contains(value, "/") {
			return strings.TrimSuffix(d, "/") + "/" + rest
		}
	case strings.HasPrefix(value, "$"):
		name, rest, ok := strings.Cut(value[1:], "/")
		name = strings.TrimSuffix(strings.TrimPrefix(name, "{"), "}")
		if !ok || !expansion.ValidName(name) {
			break
		}
		if v, set := c.Lookup(name); set {
			return strings.TrimSuffix(v, "/") + "/" + rest
		}
	}
	return value
}

// quoteRest quotes s for insertion where the quote q (0, ' or ") is open.
func quoteRest(s string, q byte) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		ch := s[i]
		switch q {
		case '\'':
			if ch == '\'' {
				b.WriteString(`'\''`)
				continue
			}
		case '"':
			if strings.IndexByte("$`\"\\", ch) >= 0 {
				b.WriteByte('\\')
			}
		default:
			if ch < ' ' && ch != '\t' && ch != '\n' || ch == 0x7f {
				// A control byte as $'\ooo': never raw, so a backspace
				// cannot pass for the line editor's replacement mark.
				fmt.Fprintf(&b, "$'\\%03o'", ch)
				continue
			}
			if strings.IndexByte(" \t\n\\'\"$`&;|()<>*?[]{}!#~=^", ch) >= 0 {
				b.WriteByte('\\')
			}
		}
		b.WriteByte(ch)
	}
	return b.String()
}

func (c *Context) abs(p string) string {
	if strings.HasPrefix(p, "/") {
		return p
	}
	return strings.TrimSuffix(c.Dir, "/") + "/" + p
}

func list(dir string) []os.DirEntry {
	ents, _ := os.ReadDir(dir)
	return ents
}

func dirExists(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.IsDir()
}

func sortUnique(s []string) []string {
	sort.Strings(s)
	return slices.Compact(s)
}
