package parser

import (
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"mvdan.cc/sh/v3/syntax"
)

// mapAliases is an alias table for tests.
type mapAliases map[string]string

func (m mapAliases) Lookup(name string) (string, bool) { v, ok := m[name]; return v, ok }
func (m mapAliases) None() bool                        { return len(m) == 0 }

// commands reads src through a Source and returns each command as it was
// handed over, printed on one line, with the error that ended the input.
func commands(t *testing.T, r io.Reader, aliases Aliases) ([]string, error) {
	t.Helper()
	var got []string
	s := NewSource(r, "t")
	if aliases != nil {
		s.Aliases = aliases
	}
	err := s.Run(func(stmts []*syntax.Stmt) bool {
		got = append(got, PrintOneLine(&syntax.File{Stmts: stmts}))
		return true
	})
	return got, err
}

func TestSourceCommands(t *testing.T) {
	for _, tc := range []struct {
		name    string
		src     string
		aliases mapAliases
		want    []string
		err     string // ErrorLine of the error, "" for none
	}{
		{name: "a line is one command", src: "a; b\nc\n", want: []string{"a; b", "c"}},
		{name: "blank lines and comments are skipped", src: "\n# c\na\n\n", want: []string{"a"}},
		{name: "a last line without newline", src: "a\nb", want: []string{"a", "b"}},
		{name: "a backslash that ends the input is literal", src: "echo a\\", want: []string{"echo a\\\\"}},
		{name: "an escaped backslash ends the input", src: "echo a\\\\", want: []string{"echo a\\\\"}},
		{name: "a compound command spans lines", src: "if x\nthen y\nfi\nz\n", want: []string{"if x; then y; fi", "z"}},
		{name: "here-document body belongs to its line", src: "cat <<E; echo a\nbody\nE\nb\n", want: []string{"cat <<E; echo a\nbody\nE", "b"}},
		{name: "a syntax error stops at its line", src: "a\nb; fi\nc\n", want: []string{"a"}, err: "t:2:4: syntax error: `fi` can only be used to end an `if`"},
		{name: "error line counts after a repair", src: "((a) | b)\nc\nd; fi\n", want: []string{"( (a) | b)", "c"}, err: "t:3:4: syntax error: `fi` can only be used to end an `if`"},
		{name: "let takes words", src: "false && let --\nlet x 1>&2\nlet \"x=5\" 'y = x*2'\n", want: []string{"false && let --", "let x 1>&2", `let "x=5" 'y = x*2'`}},
		{name: "let in a function body", src: "f() { let x=1; }\n", want: []string{"f() { let x=1; }"}},
		{name: "(( that is not arithmetic is two subshells", src: "((echo a; echo b) | cat)\n", want: []string{"( (echo a; echo b) | cat)"}},
		{name: "$(( that is not arithmetic is a command substitution", src: "echo $((echo a) | tr a b) $((1+2))\n", want: []string{"echo $( (echo a) | tr a b) $((1 + 2))"}},
		{name: "each (( that fails is repaired", src: "((echo a) | cat); ((x = 1)); ((echo b) )\n", want: []string{"( (echo a) | cat); ((x = 1)); ( (echo b) )"}},
		{name: "$(( closed by )) stays arithmetic, an error when evaluated as bash has it", src: "echo $((echo a))\n", want: []string{"echo $((\"echo a\"))"}},
		{name: "(( that closes on a later line", src: "((echo a\n) | cat)\nb\n", want: []string{"( (echo a) | cat)", "b"}},
		{name: "$(( that closes by )) on a later line stays arithmetic, evaluated as text", src: "echo $((\n1 # c\n))\n", want: []string{"echo $((\"\n1 # c\n\"))"}},
		{name: "(( arithmetic stays", src: "((x = 1 + 2))\n", want: []string{"((x = 1 + 2))"}},
		{name: "a function ends at its body before &&", src: "f() { echo body; } && echo after\n", want: []string{"f() { echo body; } && echo after"}},
		{name: "alias applies from the next line", src: "x; x\nx\n", aliases: mapAliases{"x": "echo hi"}, want: []string{"echo hi; echo hi", "echo hi"}},
		{name: "alias does not recurse", src: "ls a\n", aliases: mapAliases{"ls": "ls -F"}, want: []string{"ls -F a"}},
		{name: "alias with trailing blank", src: "s ll\n", aliases: mapAliases{"s": "sudo ", "ll": "ls -l"}, want: []string{"sudo ls -l"}},
		{name: "quoted word is not an alias", src: "'x' \\x\n", aliases: mapAliases{"x": "echo hi"}, want: []string{"'x' \\x"}},
		{name: "alias opens a brace group", src: "LEFT echo one; echo two; }\n", aliases: mapAliases{"LEFT": "{"}, want: []string{"{ echo one; echo two; }"}},
		{name: "empty alias before (( ))", src: "a (( v = 0 ))\n", aliases: mapAliases{"a": ""}, want: []string{"((v = 0))"}},
		{name: "alias chain through a for loop that does not parse unexpanded", src: "FOR2 eye2 IN 1 2; do echo $i; done\n",
			aliases: mapAliases{"FOR1": "for ", "FOR2": "FOR1 ", "eye1": "i ", "eye2": "eye1 ", "IN": "in "},
			want:    []string{"for i in 1 2; do echo $i; done"}},
		{name: "alias opens a loop closed later", src: "e_ $i\ndone\nz\n", aliases: mapAliases{"e_": "for i in 1 2; do echo"}, want: []string{"for i in 1 2; do echo $i; done", "z"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var aliases Aliases
			if tc.aliases != nil {
				aliases = tc.aliases
			}
			got, err := commands(t, strings.NewReader(tc.src), aliases)
			gotErr := ""
			if err != nil {
				gotErr = ErrorLine(err)
			}
			if strings.Join(got, "\n--\n") != strings.Join(tc.want, "\n--\n") || gotErr != tc.err {
				t.Errorf("commands(%q) = %q, %q; want %q, %q", tc.src, got, gotErr, tc.want, tc.err)
			}
		})
	}
}

// TestSourceReadsAsItRuns checks that a command is handed over before the
// line after it is read: the reader fails the test if it is asked for more
// than the lines the commands so far needed.
func TestSourceReadsAsItRuns(t *testing.T) {
	lines := []string{"a\n", "if x\n", "then y\n", "fi\n", "cat <<E\n", "body\n", "E\n", "b\n"}
	// after[i] is how many lines may have been read when command i is run.
	after := []int{1, 4, 7, 8}
	r := &countingReader{lines: lines}
	s := NewSource(r, "t")
	i := 0
	err := s.Run(func([]*syntax.Stmt) bool {
		if r.read != after[i] {
			t.Errorf("command %d ran after %d lines were read, want %d", i, r.read, after[i])
		}
		i++
		return true
	})
	if err != nil || i != len(after) {
		t.Errorf("ran %d commands, error %v; want %d and none", i, err, len(after))
	}
}

// countingReader returns one line per Read and counts them.
type countingReader struct {
	lines []string
	read  int
}

func (c *countingReader) Read(p []byte) (int, error) {
	if c.read == len(c.lines) {
		return 0, io.EOF
	}
	c.read++
	return copy(p, c.lines[c.read-1]), nil
}

// TestSourceOneByte checks a reader that returns a byte at a time, as the
// shell's reader of a shared pipe does.
func TestSourceOneByte(t *testing.T) {
	got, err := commands(t, iotest.OneByteReader(strings.NewReader("a; b\nc <<E\nx\nE\nd")), nil)
	want := []string{"a; b", "c <<E\nx\nE", "d"}
	if err != nil || strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got %q, %v; want %q", got, err, want)
	}
}

// TestSourcePositions checks that lines are counted from the start of the
// input across rewrites and FirstLine.
func TestSourcePositions(t *testing.T) {
	s := NewSource(strings.NewReader("a\nlet x=1; b\n\nc\n"), "t")
	s.FirstLine = 10
	var lines []uint
	s.Run(func(stmts []*syntax.Stmt) bool {
		for _, st := range stmts {
			lines = append(lines, st.Pos().Line())
		}
		return true
	})
	if want := []uint{10, 11, 11, 13}; !equalUints(lines, want) {
		t.Errorf("lines %v, want %v", lines, want)
	}
}

func equalUints(a, b []uint) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestParseRepairs(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"let --", "let --"},
		{"echo 'let x' ; let y 1>&2", "echo 'let x'; let y 1>&2"},
		{"((echo a) )", "( (echo a) )"},
		{"f() (:) | cat", "f() (:) | cat"},
		{"g() { :; } >/dev/null && echo after", "g() { :; } >/dev/null && echo after"},
	} {
		f, err := Parse(tc.src+"\n", "t")
		if err != nil {
			t.Errorf("Parse(%q): %v", tc.src, err)
			continue
		}
		if got := PrintOneLine(f); got != tc.want {
			t.Errorf("Parse(%q) = %q, want %q", tc.src, got, tc.want)
		}
	}
	f, err := Parse("f() { :; } && echo after\n", "t")
	if err != nil {
		t.Fatal(err)
	}
	bc, ok := f.Stmts[0].Cmd.(*syntax.BinaryCmd)
	if !ok {
		t.Fatalf("f() {...} && echo: %T, want the definition inside a && list", f.Stmts[0].Cmd)
	}
	if _, ok := bc.X.Cmd.(*syntax.FuncDecl); !ok {
		t.Errorf("left of &&: %T, want *syntax.FuncDecl", bc.X.Cmd)
	}
}
