package parser

import (
	"bytes"
	"cmp"
	"errors"
	"io"

	"mvdan.cc/sh/v3/syntax"
)

// Aliases is the alias table as a command is read.
type Aliases interface {
	// Lookup returns the text of the alias called name, if there is one
	// and aliases are being expanded.
	Lookup(name string) (string, bool)
	// None reports that no alias would be expanded, so that a command
	// need not be searched for them.
	None() bool
}

// Source reads shell source and hands it over one complete command at a
// time, as bash and dash read scripts: a "command" here is everything up to
// the newline that ends a complete statement list (with the bodies of any
// here-documents it opened), so `a; b` on one line is read, then run,
// before the next line is read. Nothing after that newline is read before
// the command has run: a script on a slow pipe runs each line as it arrives,
// a script of any length runs in constant memory, and a script read from a
// descriptor that its commands also read (stdin) leaves them the rest when
// the reader never returns more than a line per Read.
//
// Each command goes through bash's read-time decisions before it is handed
// over (see rewrite.go): aliases are expanded with the table as it is when
// the command is read, `let` takes words, a function definition ends at its
// body, and `((` that is not arithmetic opens two subshells.
//
// The input may hold any bytes, as a script may: they reach the commands
// unchanged (see rawbytes.go).
type Source struct {
	// Name is the file name in syntax errors ("" for -c and stdin).
	Name string
	// Aliases expands aliases; nil means none are.
	Aliases Aliases
	// Echo, when set, is given the input as it is read, line by line
	// (the shell's -v).
	Echo func(text []byte)
	// FirstLine is the line number of the first line read (eval's text
	// counts from the line of the eval); 0 means 1.
	FirstLine int

	in *lineTap
}

// NewSource returns a Source reading r. r may return more than a line per
// Read (a file that nothing else reads); a reader that must not consume
// past the current line (shared stdin) must return at most one.
func NewSource(r io.Reader, name string) *Source {
	return &Source{Name: name, in: &lineTap{src: &escapeReader{src: r}}}
}

// Run reads the source command by command and calls fn with the
// statements of each, until the input ends, fn returns false, or a syntax
// error: that error is returned (with the file name, and line and column
// counted from the start of the input), and nothing of the command that
// holds it has run.
func (s *Source) Run(fn func([]*syntax.Stmt) bool) error {
	s.in.echo = s.Echo
	for {
		restart, err := s.runParser(fn)
		if err != nil {
			return withName(err, s.Name)
		}
		if !restart {
			return nil
		}
	}
}

// runParser runs one mvdan.cc/sh parser over the input from where the last
// one stopped. A fresh parser is needed when a rewrite had to read lines
// the parser has not seen (an alias that opens a loop), or after a syntax
// error that a bash fallback repaired; restart then reports true.
//
// The statements handed to fn, and the error, are in the original bytes of
// the input (see rawbytes.go).
func (s *Source) runParser(fn func([]*syntax.Stmt) bool) (restart bool, err error) {
	p := New()
	base := s.in.pos()
	base.line += max(s.FirstLine-1, 0)
	s.in.mark()
	// After a syntax error, mvdan may report it a second time even when told
	// to stop (a statement yielded with the error), and Go panics when an
	// iterator calls a loop body that has returned: the loop goes on to its
	// end, which comes at once (the parser reads nothing more after an
	// error), and the error is dealt with after it.
	var failed, repaired bool
	var fixed []*syntax.Stmt
	for stmts, perr := range p.InteractiveSeq(s.in) {
		if failed {
			continue
		}
		if perr != nil {
			failed = true
			err = shiftError(perr, base)
			at := s.in.markPos()
			at.line += max(s.FirstLine-1, 0)
			s.in.finishLine()
			partial := compact(stmts)
			for _, st := range partial {
				shiftNode(st, base)
			}
			var later error
			fixed, repaired, later = repairCommand(s.in, s.in.current(), at, partial, s.Aliases)
			raw := s.in.rawMap()
			if !repaired {
				err = raw.err(cmp.Or(later, err))
				continue
			}
			raw.restoreAll(fixed)
			s.in.mark()
			continue
		}
		if p.Incomplete() {
			// Statements before a line that leaves another open (a
			// here-document body follows): they come again, with the
			// rest, once the command is complete.
			continue
		}
		at := s.in.markPos()
		at.line += max(s.FirstLine-1, 0)
		if len(stmts) == 0 {
			s.in.mark()
			continue
		}
		if base.line != 0 || base.offs != 0 {
			for _, st := range stmts {
				shiftNode(st, base)
			}
		}
		out, readMore, err := rewriteCommand(s.in, s.in.current(), at, stmts, s.Aliases)
		raw := s.in.rawMap()
		if err != nil {
			return false, raw.err(err)
		}
		raw.restoreAll(out)
		s.in.mark()
		if readMore {
			return fn(out), nil
		}
		if !fn(out) {
			return false, nil
		}
	}
	if failed && repaired {
		return fn(fixed), nil
	}
	return false, err
}

// errorOffset is where in the input a syntax error is.
func errorOffset(err error) int {
	var pe syntax.ParseError
	if errors.As(err, &pe) {
		return int(pe.Pos.Offset())
	}
	var le syntax.LangError
	if errors.As(err, &le) {
		return int(le.Pos.Offset())
	}
	return 0
}

// compact drops the nil that mvdan's parser appends for a failed statement.
func compact(stmts []*syntax.Stmt) []*syntax.Stmt {
	var out []*syntax.Stmt
	for _, st := range stmts {
		if st != nil {
			out = append(out, st)
		}
	}
	return out
}

// textPos is a place in the input: lines before it and bytes before it.
type textPos struct {
	line int
	offs int
}

// lineTap sits between the source and mvdan's parser. It hands the parser
// at most one line per Read, so the parser never holds input beyond the
// newline that ends a command, and it keeps the text of the command being
// read, for the rewrites that re-parse it. A last line without a newline
// gets one, so that the parser finishes its command.
type lineTap struct {
	src    io.Reader
	buf    []byte // read from src and not yet handed out: buf[next:]
	next   int
	err    error // src's error, returned once buf is drained
	text   []byte
	start  textPos // where text begins
	now    textPos // how much has been handed out
	lastNL bool    // the last byte handed out was a newline
	added  bool    // the input has ended, and its last line has been ended
	echo   func([]byte)
	// The input is escaped (rawbytes.go), and offsets count escaped bytes:
	// extra is how many bytes the escaped input has more than the original
	// before start, lineExtra the part of them on start's line, and
	// echoHeld the start of a marker not yet echoed.
	extra, lineExtra int
	echoHeld         []byte
}

const tapBlock = 32 << 10

func (t *lineTap) Read(p []byte) (int, error) {
	for t.next >= len(t.buf) {
		if t.err != nil {
			if t.now.offs == 0 || t.lastNL || t.added {
				return 0, t.err
			}
			t.endLastLine()
			continue
		}
		if cap(t.buf) == 0 {
			t.buf = make([]byte, tapBlock)
		}
		n, err := t.src.Read(t.buf[:cap(t.buf)])
		t.buf, t.next = t.buf[:n], 0
		if err != nil {
			t.err = err
		} else if n == 0 {
			t.err = io.ErrNoProgress
		}
	}
	line := t.buf[t.next:]
	if i := bytes.IndexByte(line, '\n'); i >= 0 {
		line = line[:i+1]
	}
	n := copy(p, line)
	t.next += n
	t.hand(p[:n])
	return n, nil
}

// endLastLine ends a last line that has no newline, so that the parser
// finishes its command: the newline is added to what is left to hand out.
// A backslash that ends the input is a literal character, as in bash, and
// not an escaped newline: it is escaped first.
func (t *lineTap) endLastLine() {
	end := "\n"
	if n := len(t.text) - len(bytes.TrimRight(t.text, `\`)); n%2 == 1 {
		end = "\\\n"
	}
	t.buf, t.next, t.added = append(t.buf[:0], end...), 0, true
}

// hand records bytes given to the parser.
func (t *lineTap) hand(b []byte) {
	switch {
	case t.echo == nil:
	case !t.added:
		t.echoOriginal(b)
	case b[len(b)-1] == '\n':
		t.echo([]byte{'\n'}) // set -v ends the last line, without an added backslash
	}
	t.text = append(t.text, b...)
	t.now.offs += len(b)
	t.now.line += bytes.Count(b, []byte{'\n'})
	t.lastNL = b[len(b)-1] == '\n'
}

// echoOriginal echoes b, which the parser may have cut in the middle of a
// marker, in the original bytes: a marker's start waits for its end.
func (t *lineTap) echoOriginal(b []byte) {
	if len(t.echoHeld) == 0 && !hasMarker(b) && partialMarker(b) == 0 {
		t.echo(b)
		return
	}
	b = append(t.echoHeld, b...)
	keep := partialMarker(b)
	t.echo(appendUnescaped(nil, string(b[:len(b)-keep])))
	t.echoHeld = append([]byte(nil), b[len(b)-keep:]...)
}

func (t *lineTap) pos() textPos     { return t.now }
func (t *lineTap) markPos() textPos { return t.start }

// mark ends the text of one command; the next begins here, in the same
// array.
func (t *lineTap) mark() {
	if n := countMarkers(t.text); n > 0 || t.lineExtra > 0 {
		t.extra += (markerLen - 1) * n
		if i := bytes.LastIndexByte(t.text, '\n'); i >= 0 {
			t.lineExtra = (markerLen - 1) * countMarkers(t.text[i+1:])
		} else {
			t.lineExtra += (markerLen - 1) * n
		}
	}
	t.text = t.text[:0]
	t.start = t.now
}

// rawMap is the map that gives what was parsed from the current text its
// original bytes; nil when it would change nothing.
func (t *lineTap) rawMap() *rawMap {
	if t.extra == 0 && t.lineExtra == 0 && !hasMarker(t.text) {
		return nil
	}
	return newRawMap(t.text, t.start.offs, t.extra, t.lineExtra)
}

// current returns what was handed out since the mark. It is good until
// the next mark; reading more appends after it.
func (t *lineTap) current() []byte { return t.text }

// finishLine hands out the rest of the current line, for a rewrite that
// re-reads the command from its text.
func (t *lineTap) finishLine() {
	var b [512]byte
	for len(t.text) > 0 && !t.lastNL {
		if _, err := t.Read(b[:]); err != nil {
			return
		}
	}
}

// readLine hands out one more line, for a command that a rewrite left
// open; false at the end of the input.
func (t *lineTap) readLine() bool {
	var b [512]byte
	for {
		n, err := t.Read(b[:])
		if err != nil {
			return false
		}
		if b[n-1] == '\n' {
			return true
		}
	}
}
