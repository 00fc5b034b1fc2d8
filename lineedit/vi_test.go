package lineedit

import (
	"bufio"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/chzyer/readline"
	"golang.org/x/sys/unix"
)

// viType runs keys (with <Esc> for Escape) through vi mode from an empty
// line in insert mode, inserting what is typed there as readline does,
// and returns the line.
func viType(keys string) string {
	var v viState
	v.reset()
	var line, kill []rune
	pos := 0
	for _, k := range strings.ReplaceAll(keys, "<Esc>", "\x1b") {
		if !v.command && k != escKey {
			v.typed(k)
		}
		res := v.key(k, line, pos, kill)
		line, pos, kill = res.line, res.pos, res.kill
	}
	return string(line)
}

// TestViLikeBash checks vi mode's commands against bash 5.2's: each
// expected line is what bash (set -o vi, no inputrc) left after the same
// keys, typed in a pty.
func TestViLikeBash(t *testing.T) {
	cases := []struct{ keys, want string }{
		{"one two three<Esc>bdw", "one two "},
		{"one two three<Esc>0dw", "two three"},
		{"one two three<Esc>0cwX", "X two three"},
		{"one two three<Esc>0dW", "two three"},
		{"one-two three<Esc>0dw", "-two three"},
		{"one-two three<Esc>0de", "-two three"},
		{"one two<Esc>0yyP", "one twoone two"},
		{"one two<Esc>0ywP", "one one two"},
		{"abc def<Esc>0dtf", "f"},
		{"abc def<Esc>0dfe", "f"},
		{"abc def<Esc>$dFb", "af"},
		{"abc def<Esc>$dTb", "abf"},
		{"a b c d<Esc>0fb;D", "a "},
		{"a b c d<Esc>$Fc,D", "a b "},
		{"abcdef<Esc>03x", "def"},
		{"abcdef<Esc>$2X", "abcf"},
		{"abc<Esc>0~~", "ABc"},
		{"abc def<Esc>0wD", "abc "},
		{"abc def<Esc>0wC!", "abc !"},
		{"abc<Esc>0sX", "Xbc"},
		{"abc def<Esc>0S!", "!"},
		{"abc def<Esc>0d$", ""},
		{"abc<Esc>0x.p", "cb"},
		{"ab cd ef<Esc>0dwwP", "cd ab ef"},
		{"ab cd ef<Esc>$bbde", "ab  ef"},
		{"abc def<Esc>0edb", "c def"},
		{"abc def<Esc>03l2rX", "abcXXef"},
		{"x y<Esc>0ey$p", "x yy"},
		{"one two<Esc>bcwX<Esc>0.", "X X"},
		{"abc<Esc>hiX<Esc>u", "abc"},
		{"one two<Esc>0d2w", ""},
		{"one two three<Esc>02dw", "three"},
		{"a b<Esc>IX<Esc>AY", "Xa bY"},
		{"one two<Esc>0ct X", "X two"},
		{"abc<Esc>0aX", "aXbc"},
		{"a.b c<Esc>0fb0w;D", "a."},
		{"one two three<Esc>0dw2w.", "two thre"},
	}
	for _, c := range cases {
		if got := viType(c.keys); got != c.want {
			t.Errorf("%q: got %q, want %q", c.keys, got, c.want)
		}
	}
}

// TestViCursorKeys checks the mapping of cursor keys' sequences, which vi
// mode reads itself.
func TestViCursorKeys(t *testing.T) {
	for _, c := range []struct {
		final  byte
		params string
		want   byte
	}{
		{'A', "", 16}, {'B', "", 14}, {'C', "", 6}, {'D', "", 2},
		{'H', "", 1}, {'F', "", 5}, {'~', "3", 4}, {'~', "1", 1}, {'~', "4", 5}, {'~', "5", 7},
	} {
		if got := cursorKey(c.final, c.params); got != c.want {
			t.Errorf("ESC [ %s%c: got %d, want %d", c.params, c.final, got, c.want)
		}
	}
}

// TestViEscapeReader checks the terminal reader in vi mode: a cursor key's
// sequence becomes one emacs key, a lone Escape (or one before another
// key) becomes viEscape and the key after it is kept.
func TestViEscapeReader(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []rune
	}{
		{"\x1b[A", []rune{readline.CharPrev}},
		{"\x1b[3~x", []rune{readline.CharDelete, 'x'}},
		{"\x1bOH", []rune{readline.CharLineStart}},
		{"\x1b", []rune{viEscape}},
		{"a\x1b0cw", []rune{'a', viEscape, '0', 'c', 'w'}},
	} {
		var fds [2]int
		if err := unix.Pipe(fds[:]); err != nil {
			t.Fatal(err)
		}
		unix.Write(fds[1], []byte(c.in))
		unix.Close(fds[1])
		var on atomic.Bool
		on.Store(true)
		in := bufio.NewReader(&ttyReader{fd: fds[0], wake: -1, vi: &on, inject: [2]int{-1, -1}})
		var got []rune
		for {
			r, _, err := in.ReadRune()
			if err != nil {
				break
			}
			got = append(got, r)
		}
		unix.Close(fds[0])
		if string(got) != string(c.want) {
			t.Errorf("%q: read %q, want %q", c.in, got, c.want)
		}
	}
}

// TestViHistoryAndComment covers what bash's vi mode does with the
// history: / and ? search it, n and N repeat, and # enters the line as a
// comment; and R, which overwrites.
func TestViHistoryAndComment(t *testing.T) {
	hist := []string{"echo one", "ls two", "echo three", "cat four"}
	for _, c := range []struct {
		keys, want string
		accept     bool
	}{
		{"x<Esc>/echo\r", "echo three", false},
		{"x<Esc>/echo\rn", "echo one", false},
		{"x<Esc>/echo\rnN", "echo three", false},
		{"x<Esc>/echo\rn?two\r", "ls two", false},
		{"x<Esc>/nosuch\r", "x", false},
		{"x<Esc>/ab\x7f\x7f\x7f", "x", false}, // erasing the / ends the search
		{"x<Esc>/echo<Esc>", "x", false},
		{"echo hi<Esc>#", "#echo hi", true},
		{"abcdef<Esc>0lRXY<Esc>", "aXYdef", false},
		{"ab<Esc>0RXYZ<Esc>", "XYZ", false},
	} {
		var v viState
		v.history = hist
		v.reset()
		var line, kill []rune
		pos, accept := 0, false
		for _, k := range strings.ReplaceAll(c.keys, "<Esc>", "\x1b") {
			if !v.command && !v.searching && k != escKey && !v.replace {
				v.typed(k)
			}
			res := v.key(k, line, pos, kill)
			line, pos, kill = res.line, res.pos, res.kill
			accept = accept || res.accept
		}
		if string(line) != c.want || accept != c.accept {
			t.Errorf("%q: got %q (accept %v), want %q (accept %v)", c.keys, line, accept, c.want, c.accept)
		}
	}
}
