package parser

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"mvdan.cc/sh/v3/syntax"
)

// rawEntries are the ways a script's text reaches the parser: each parses
// src and returns the tree, as the shell would run it.
var rawEntries = []struct {
	name  string
	parse func(src string) (*syntax.File, error)
}{
	{"Parse", func(src string) (*syntax.File, error) { return Parse(src, "t") }},
	{"ParseAliases", func(src string) (*syntax.File, error) {
		return ParseAliases(src, "t", mapAliases{"unused": "x"})
	}},
	{"Source", func(src string) (*syntax.File, error) { return sourceFile(strings.NewReader(src)) }},
	{"Source one byte at a time", func(src string) (*syntax.File, error) {
		return sourceFile(iotest.OneByteReader(strings.NewReader(src)))
	}},
	{"Source with aliases", func(src string) (*syntax.File, error) {
		s := NewSource(strings.NewReader(src), "t")
		s.Aliases = mapAliases{"unused": "x"}
		return sourceRun(s)
	}},
}

// sourceFile reads r through a Source and returns every command it handed
// over as one file.
func sourceFile(r io.Reader) (*syntax.File, error) {
	return sourceRun(NewSource(r, "t"))
}

func sourceRun(s *Source) (*syntax.File, error) {
	f := &syntax.File{}
	err := s.Run(func(stmts []*syntax.Stmt) bool {
		f.Stmts = append(f.Stmts, stmts...)
		return true
	})
	return f, err
}

// firstLit is the value of the first Lit in the tree whose value is not
// one of skip.
func firstLit(f *syntax.File, skip ...string) string {
	found, val := false, ""
	syntax.Walk(f, func(node syntax.Node) bool {
		if lit, ok := node.(*syntax.Lit); ok && !found && !strings.Contains(strings.Join(skip, "\x00"), lit.Value) {
			found, val = true, lit.Value
		}
		return !found
	})
	return val
}

// TestRawBytesRoundTrip puts each byte that is not UTF-8 on its own
// (0x80-0xff), and a carriage return, in each place a script may hold it,
// and checks that every entry parses it and gives it back unchanged: in
// the node that holds it and in the printed tree.
func TestRawBytesRoundTrip(t *testing.T) {
	for _, tc := range []struct {
		name string
		src  string // @ is where the byte goes
		want string // what get returns, with @ for the byte
		get  func(*syntax.File) string
	}{
		{name: "comment", src: "# a@b\necho x # @\n", want: "echo x",
			get: func(f *syntax.File) string { return PrintOneLine(f) }},
		{name: "single-quoted string", src: "echo 'a@b'\n", want: "a@b",
			get: func(f *syntax.File) string {
				return f.Stmts[0].Cmd.(*syntax.CallExpr).Args[1].Parts[0].(*syntax.SglQuoted).Value
			}},
		{name: "ANSI-C string", src: "echo $'a@b\\n'\n", want: "a@b\\n",
			get: func(f *syntax.File) string {
				return f.Stmts[0].Cmd.(*syntax.CallExpr).Args[1].Parts[0].(*syntax.SglQuoted).Value
			}},
		{name: "double-quoted string", src: "echo \"a@b$x\"\n", want: "a@b",
			get: func(f *syntax.File) string {
				dq := f.Stmts[0].Cmd.(*syntax.CallExpr).Args[1].Parts[0].(*syntax.DblQuoted)
				return dq.Parts[0].(*syntax.Lit).Value
			}},
		{name: "unquoted word", src: "echo a@b @\n", want: "a@b @",
			get: func(f *syntax.File) string {
				args := f.Stmts[0].Cmd.(*syntax.CallExpr).Args
				return args[1].Lit() + " " + args[2].Lit()
			}},
		{name: "assignment value", src: "y=@; z=a@\n", want: "@ a@",
			get: func(f *syntax.File) string {
				return f.Stmts[0].Cmd.(*syntax.CallExpr).Assigns[0].Value.Lit() + " " +
					f.Stmts[1].Cmd.(*syntax.CallExpr).Assigns[0].Value.Lit()
			}},
		{name: "here-document", src: "cat <<E\nhd @ $x\n@\nE\necho after\n", want: "hd @ ",
			get: func(f *syntax.File) string {
				return f.Stmts[0].Redirs[0].Hdoc.Parts[0].(*syntax.Lit).Value
			}},
		{name: "quoted here-document", src: "cat <<'E@'\n@ $x\nE@\n", want: "@ $x\n|E@",
			get: func(f *syntax.File) string {
				rd := f.Stmts[0].Redirs[0]
				return rd.Hdoc.Lit() + "|" + rd.Word.Parts[0].(*syntax.SglQuoted).Value
			}},
		{name: "function name", src: "f@() { echo @; }\n", want: "f@() { echo @; }",
			get: func(f *syntax.File) string {
				return f.Stmts[0].Cmd.(*syntax.FuncDecl).Name.Value + "() " + PrintOneLine(f.Stmts[0].Cmd.(*syntax.FuncDecl).Body)
			}},
		{name: "function keyword", src: "function g@ { :; }\n", want: "g@",
			get: func(f *syntax.File) string { return f.Stmts[0].Cmd.(*syntax.FuncDecl).Name.Value }},
		{name: "case pattern", src: "case $x in @*|a@) echo @;; esac\n", want: "@*|a@",
			get: func(f *syntax.File) string {
				item := f.Stmts[0].Cmd.(*syntax.CaseClause).Items[0]
				return item.Patterns[0].Lit() + "|" + item.Patterns[1].Lit()
			}},
		{name: "test expression", src: "[[ $x == @* ]]\n", want: "@*",
			get: func(f *syntax.File) string {
				return f.Stmts[0].Cmd.(*syntax.TestClause).X.(*syntax.BinaryTest).Y.(*syntax.Word).Lit()
			}},
		{name: "parameter expansion word", src: "echo ${x:-@} ${x/@/a@}\n", want: "@ @ a@",
			get: func(f *syntax.File) string {
				args := f.Stmts[0].Cmd.(*syntax.CallExpr).Args
				pe, pe2 := args[1].Parts[0].(*syntax.ParamExp), args[2].Parts[0].(*syntax.ParamExp)
				return pe.Exp.Word.Lit() + " " + pe2.Repl.Orig.Lit() + " " + pe2.Repl.With.Lit()
			}},
		{name: "command substitution", src: "echo $(echo @) `echo a@`\n", want: "echo @ | echo a@",
			get: func(f *syntax.File) string {
				args := f.Stmts[0].Cmd.(*syntax.CallExpr).Args
				return PrintOneLine(args[1].Parts[0].(*syntax.CmdSubst).Stmts[0]) + " | " +
					PrintOneLine(args[2].Parts[0].(*syntax.CmdSubst).Stmts[0])
			}},
		{name: "redirection target", src: "echo >o@ 2>>'@'\n", want: "o@ @",
			get: func(f *syntax.File) string {
				rs := f.Stmts[0].Redirs
				return rs[0].Word.Lit() + " " + rs[1].Word.Parts[0].(*syntax.SglQuoted).Value
			}},
		{name: "array", src: "a=(@ x@)\n", want: "@ x@",
			get: func(f *syntax.File) string {
				elems := f.Stmts[0].Cmd.(*syntax.CallExpr).Assigns[0].Array.Elems
				return elems[0].Value.Lit() + " " + elems[1].Value.Lit()
			}},
	} {
		for _, entry := range rawEntries {
			t.Run(tc.name+"/"+entry.name, func(t *testing.T) {
				// \r: a blank to the lexer, an ordinary byte to bash.
				for _, b := range append([]int{'\r'}, byteRange(0x80, 0xff)...) {
					raw := string([]byte{byte(b)})
					src := strings.ReplaceAll(tc.src, "@", raw)
					f, err := entry.parse(src)
					if err != nil {
						t.Fatalf("byte %#x: %q: %v", b, src, err)
					}
					want := strings.ReplaceAll(tc.want, "@", raw)
					if got := tc.get(f); got != want {
						t.Fatalf("byte %#x: %q gave %q, want %q", b, src, got, want)
					}
					printed := Print(f)
					again, err := Parse(printed, "t")
					if err != nil {
						t.Fatalf("byte %#x: printed %q does not parse: %v", b, printed, err)
					}
					if got := Print(again); got != printed {
						t.Fatalf("byte %#x: printed %q, parsed and printed again %q", b, printed, got)
					}
				}
			})
		}
	}
}

// byteRange is the bytes from lo to hi.
func byteRange(lo, hi int) []int {
	var bs []int
	for b := lo; b <= hi; b++ {
		bs = append(bs, b)
	}
	return bs
}

// TestRawBytesMixed mixes bytes that are not UTF-8 with valid multibyte
// UTF-8, with the marker runes themselves and their neighbours, and with
// sequences cut short, and checks that every entry keeps them all.
func TestRawBytesMixed(t *testing.T) {
	for _, word := range []string{
		"é€😀\xff\xe9",              // valid, then invalid
		"\xe2\x82",                 // a euro sign cut short
		"\xe2\x82\xe2\x82\xac",     // cut short, then whole
		"a\xf0\x9f\x98",            // an emoji cut short
		"\xef\x9e\x80\xef\x9f\xbf", // U+F780 and U+F7FF: markers in the source
		"\xef\x9e\x80\xff",         // a marker in the source, then the byte it stands for
		"\xef\x9c\x80\xef\x9e",     // U+F700 (not a marker), then a marker cut short
		"\xef\xbf\xbd\xed\xa0\x80", // U+FFFD, then an encoded surrogate
		"\xc0\xaf\xe0\x80\xaf",     // overlong encodings of /
		"\xf4\x90\x80\x80",         // above U+10FFFF
		"x\xef",                    // a marker's first byte at the end
	} {
		src := "echo " + word + " '" + word + "' \"" + word + "\"\n"
		for _, entry := range rawEntries {
			t.Run(fmt.Sprintf("%q/%s", word, entry.name), func(t *testing.T) {
				f, err := entry.parse(src)
				if err != nil {
					t.Fatalf("%q: %v", src, err)
				}
				args := f.Stmts[0].Cmd.(*syntax.CallExpr).Args
				got := []string{args[1].Lit(), args[2].Parts[0].(*syntax.SglQuoted).Value,
					args[3].Parts[0].(*syntax.DblQuoted).Parts[0].(*syntax.Lit).Value}
				for i, g := range got {
					if g != word {
						t.Errorf("%q: word %d is %q, want %q", src, i+1, g, word)
					}
				}
				if printed := Print(f) + "\n"; printed != src {
					t.Errorf("printed %q, want %q", printed, src)
				}
			})
		}
	}
}

// TestRawBytesPositions checks that offsets and columns count the original
// bytes, in the tree and in syntax errors, also for commands after one
// that held raw bytes.
func TestRawBytesPositions(t *testing.T) {
	// Line 2 starts at offset 12; its x is at column 6, offset 17.
	src := "echo \xe9\xe9 \xef\x9e\x80\n\xe9 \xe9\xff x\n"
	for _, entry := range rawEntries {
		t.Run(entry.name, func(t *testing.T) {
			f, err := entry.parse(src)
			if err != nil {
				t.Fatal(err)
			}
			x := f.Stmts[1].Cmd.(*syntax.CallExpr).Args[2]
			if p := x.Pos(); p.Offset() != 17 || p.Line() != 2 || p.Col() != 6 {
				t.Errorf("x at offset %d, %d:%d; want 17, 2:6", p.Offset(), p.Line(), p.Col())
			}
			if e := x.End(); e.Offset() != 18 || e.Col() != 7 {
				t.Errorf("x ends at offset %d, column %d; want 18, 7", e.Offset(), e.Col())
			}
			marker := f.Stmts[0].Cmd.(*syntax.CallExpr).Args[2]
			if p, e := marker.Pos(), marker.End(); p.Offset() != 8 || p.Col() != 9 || e.Offset() != 11 {
				t.Errorf("the marker rune in the source spans %d-%d at column %d; want 8-11 at 9", p.Offset(), e.Offset(), p.Col())
			}
		})
	}
	for _, tc := range []struct{ src, err string }{
		{"echo \xe9\xe9; fi\n", "t:1:10: syntax error: `fi` can only be used to end an `if`"},
		{"# \xe9\xe9\xe9\n\xe9\xe9; fi\n", "t:2:5: syntax error: `fi` can only be used to end an `if`"},
		{"echo \xe9\n\xe9 ${a\xe9}\n", "t:2:6: syntax error: not a valid parameter expansion operator: `\xe9`"},
		{"echo '\xef\x9e\x80'; fi\n", "t:1:13: syntax error: `fi` can only be used to end an `if`"},
	} {
		for _, entry := range rawEntries {
			_, err := entry.parse(tc.src)
			if got := ErrorLine(withName(err, "t")); got != tc.err {
				t.Errorf("%s(%q): %q, want %q", entry.name, tc.src, got, tc.err)
			}
		}
	}
}

// TestRawBytesAliases checks that an alias's name and text may hold any
// bytes.
func TestRawBytesAliases(t *testing.T) {
	aliases := mapAliases{"\xe9": "echo \xff", "x": "\xe9 '\xfe' "}
	got, err := commands(t, strings.NewReader("\xe9 a\nx \xe9\n"), aliases)
	want := []string{"echo \xff a", "echo \xff '\xfe' echo \xff"}
	if err != nil || strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got %q, %v; want %q", got, err, want)
	}
	f, err := ParseAliases("\xe9 b\n", "t", aliases)
	if err != nil || PrintOneLine(f) != "echo \xff b" {
		t.Errorf("ParseAliases: %q, %v; want %q", PrintOneLine(f), err, "echo \xff b")
	}
}

// TestRawBytesEcho checks that set -v shows the lines as they are, when
// the parser's reads cut them in the middle of a marker.
func TestRawBytesEcho(t *testing.T) {
	var line []byte
	for b := 0x80; b <= 0xff; b++ {
		line = append(line, byte(b))
	}
	src := "# " + string(line) + "\necho '" + strings.Repeat(string(line), 20) + "\xef\x9e\x80'\n"
	for _, r := range []io.Reader{strings.NewReader(src), iotest.OneByteReader(strings.NewReader(src))} {
		var echoed bytes.Buffer
		s := NewSource(r, "t")
		s.Echo = func(b []byte) { echoed.Write(b) }
		if _, err := sourceRun(s); err != nil {
			t.Fatal(err)
		}
		if echoed.String() != src {
			t.Errorf("echoed %q, want %q", echoed.String(), src)
		}
	}
}

// TestParseDocumentRawBytes checks the entry for prompts and PS4.
func TestParseDocumentRawBytes(t *testing.T) {
	w, err := ParseDocument("\xe9$x\xff")
	if err != nil {
		t.Fatal(err)
	}
	if len(w.Parts) != 3 || w.Parts[0].(*syntax.Lit).Value != "\xe9" || w.Parts[2].(*syntax.Lit).Value != "\xff" {
		t.Errorf("ParseDocument: %#v", w.Parts)
	}
	if p := w.Parts[2].Pos(); p.Offset() != 3 || p.Col() != 4 {
		t.Errorf("\\xff at offset %d column %d, want 3 and 4", p.Offset(), p.Col())
	}
}

// TestEscapeReader checks the escaping reader against escaping all of the
// input at once, with reads of every size, and that it keeps to the lines
// of a reader that returns one line per Read.
func TestEscapeReader(t *testing.T) {
	src := []byte("a\xe2\x82\xac\xe2\x82\n\xef\x9e\x80é\xff\n\xf0\x9f\x98\x80\xf0\x9f")
	want := appendEscaped(nil, src)
	for size := 1; size <= len(want)+1; size++ {
		for _, r := range []io.Reader{bytes.NewReader(src), iotest.OneByteReader(bytes.NewReader(src)), iotest.HalfReader(bytes.NewReader(src))} {
			e := &escapeReader{src: r}
			var got []byte
			buf := make([]byte, size)
			for {
				n, err := e.Read(buf)
				got = append(got, buf[:n]...)
				if err != nil {
					break
				}
			}
			if !bytes.Equal(got, want) {
				t.Fatalf("reads of %d: %q, want %q", size, got, want)
			}
		}
	}
	lines := &countingReader{lines: []string{"echo \xe9\n", "b\n"}}
	e := &escapeReader{src: lines}
	buf := make([]byte, 100)
	n, _ := e.Read(buf)
	if string(buf[:n]) != "echo \uf7e9\n" || lines.read != 1 {
		t.Errorf("first read %q after %d lines, want one line", buf[:n], lines.read)
	}
	if got := string(appendUnescaped(nil, string(want))); got != string(src) {
		t.Errorf("unescaped %q, want %q", got, src)
	}
}

// TestSourceErrorReportedTwice reads text that mvdan's lexer rejects
// (bytes that are not UTF-8, without the escaping): it reports the error
// with the statement before it and then once more, after the loop has
// stopped, which made Go panic ("range function continued iteration").
// Source lets the iteration finish and reports the error once.
func TestSourceErrorReportedTwice(t *testing.T) {
	s := &Source{Name: "t", in: &lineTap{src: strings.NewReader("echo a; y=\xff\necho b\n")}}
	ran := 0
	err := s.Run(func([]*syntax.Stmt) bool { ran++; return true })
	if got, want := errText(err), "t:1:11: syntax error: invalid UTF-8 encoding"; got != want || ran != 0 {
		t.Errorf("ran %d commands, error %q; want none and %q", ran, got, want)
	}
}

// TestPrintRawBytes checks that printing keeps every byte, 0xff too (the
// printer's tabwriter takes it as its escape character), without touching
// the tree it prints.
func TestPrintRawBytes(t *testing.T) {
	f, err := Parse("f\xff() { echo \xff'\xfe' \"\xef\x9e\x80\" \xe9\t; }\n", "t")
	if err != nil {
		t.Fatal(err)
	}
	before := f.Stmts[0].Cmd.(*syntax.FuncDecl).Name.Value
	if got, want := PrintOneLine(f), "f\xff() { echo \xff'\xfe' \"\xef\x9e\x80\" \xe9; }"; got != want {
		t.Errorf("PrintOneLine = %q, want %q", got, want)
	}
	if got, want := Print(f.Stmts[0]), "f\xff() { echo \xff'\xfe' \"\xef\x9e\x80\" \xe9; }"; got != want {
		t.Errorf("Print = %q, want %q", got, want)
	}
	if after := f.Stmts[0].Cmd.(*syntax.FuncDecl).Name.Value; after != before || before != "f\xff" {
		t.Errorf("the function's name was %q, then %q after printing; want f\\xff", before, after)
	}
	if got := Print(nil); got != "" {
		t.Errorf("Print(nil) = %q", got)
	}
}
