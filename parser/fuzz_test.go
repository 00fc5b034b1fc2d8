package parser

import (
	"bytes"
	"io"
	"reflect"
	"slices"
	"testing"
	"testing/iotest"

	"mvdan.cc/sh/v3/syntax"
)

// FuzzParseBytes feeds the parser's entries any bytes, mostly not UTF-8
// (the corpus is in testdata/fuzz/FuzzParseBytes; `go test` runs it, and
// `go test -run '^$' -fuzz FuzzParseBytes ./parser` grows it). Whatever the
// input:
//   - no entry panics or hangs;
//   - escaping is undone exactly, and no marker rune reaches a tree or an
//     error from input that held none;
//   - every position in a tree is in the original input, and its offset
//     agrees with its line and column (when no rewrite edited the text);
//   - reading the input at once or a byte at a time hands over the same
//     commands, and a tree that parses prints to text that parses again.
func FuzzParseBytes(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		src := string(data)
		if got := appendUnescaped(nil, string(appendEscaped(nil, data))); !bytes.Equal(got, data) {
			t.Fatalf("escaping %q and back gives %q", data, got)
		}
		// The lexer drops NUL bytes, as bash does, which may join the
		// bytes around one into a marker.
		markersIn := countMarkers(bytes.ReplaceAll(data, []byte{0}, nil)) > 0
		// Offsets and columns disagree where a rewrite edited the text (a
		// let, a $((...)) or a subscript quoted: m[a b] is parsed as
		// m["a b"], and offsets after it are those of the repaired text;
		// an empty slice operand given its 0: ${s::} as ${s::0}),
		// and in mvdan's own positions after an escaped newline.
		edited := bytes.Contains(data, []byte("let")) || bytes.Contains(data, []byte("((")) ||
			bytes.Contains(data, []byte("[")) || mayFillSlice(data) ||
			bytes.Contains(data, []byte("\\\n")) || bytes.Contains(data, []byte("\\\r\n"))

		file, err := Parse(src, "f")
		checkTree(t, data, file, markersIn, !edited)
		checkError(t, err, markersIn)

		whole, wholeErr := sourceCommands(t, data, bytes.NewReader(data), markersIn, !edited)
		byByte, byteErr := sourceCommands(t, data, iotest.OneByteReader(bytes.NewReader(data)), markersIn, !edited)
		// mvdan reads backslashes in backquotes, and a NUL after one,
		// differently when its buffer ends there (commands and error
		// positions): quirks of its own, with or without escaping.
		if !bytes.ContainsAny(data, "`\x00") && (!slices.Equal(whole, byByte) || errText(wholeErr) != errText(byteErr)) {
			t.Fatalf("%q read at once: %q, %v; a byte at a time: %q, %v", data, whole, wholeErr, byByte, byteErr)
		}

		if w, err := ParseDocument(src); err == nil {
			checkTree(t, data, w, markersIn, false)
		}

		if err == nil {
			printed := Print(file)
			again, err := Parse(printed, "f")
			if err == nil {
				Print(again)
			}
		}
	})
}

// sourceCommands reads data from r through a Source and checks each tree
// it hands over; it returns them printed.
func sourceCommands(t *testing.T, data []byte, r io.Reader, markersIn, exact bool) ([]string, error) {
	t.Helper()
	var got []string
	err := NewSource(r, "f").Run(func(stmts []*syntax.Stmt) bool {
		for _, st := range stmts {
			checkTree(t, data, st, markersIn, exact)
		}
		got = append(got, PrintOneLine(&syntax.File{Stmts: stmts}))
		return true
	})
	checkError(t, err, markersIn)
	return got, err
}

// checkTree checks a tree parsed from data: no marker in its strings
// unless data had one, every position within data and, when exact, each
// position's offset where its line and column say.
func checkTree(t *testing.T, data []byte, node syntax.Node, markersIn, exact bool) {
	t.Helper()
	var lineStarts []int
	if exact {
		lineStarts = []int{0}
		for i, c := range data {
			if c == '\n' {
				lineStarts = append(lineStarts, i+1)
			}
		}
	}
	visitFields(reflect.ValueOf(node), map[uintptr]bool{}, func(v reflect.Value) {
		if v.Kind() == reflect.String {
			if !markersIn && countMarkers([]byte(v.String())) > 0 {
				t.Fatalf("%q: a marker reached the tree: %q", data, v.String())
			}
			return
		}
		p := v.Interface().(syntax.Pos)
		if !p.IsValid() || p.IsRecovered() {
			return
		}
		// The end of the input may be given a backslash and a newline,
		// and a repair that quotes text ($((x$i)) as $(("x$i")), m[a b]
		// as m["a b"]) or splits it (((a) b) as ( (a) b)) moves what
		// follows it on: its positions are those of the repaired text,
		// which only error columns show.
		limit := len(data) + 2
		if bytes.Contains(data, []byte("((")) || bytes.Contains(data, []byte("[")) {
			limit = 2*len(data) + 2
		}
		if mayFillSlice(data) {
			limit += bytes.Count(data, []byte(":")) // a 0 after a colon
		}
		if int(p.Offset()) > limit {
			t.Fatalf("%q: position %s at offset %d, past the end (%d)", data, p, p.Offset(), len(data))
		}
		// The end of the input may have been given a newline (and a
		// backslash there escaped) that the input does not hold.
		if exact && p.Col() > 0 && int(p.Line()) <= len(lineStarts) && int(p.Offset()) < len(data) {
			if want := lineStarts[p.Line()-1] + int(p.Col()) - 1; want != int(p.Offset()) {
				t.Fatalf("%q: position %s at offset %d, want %d", data, p, p.Offset(), want)
			}
		}
	})
}

// checkError checks that a syntax error holds no marker unless the input
// had one.
func checkError(t *testing.T, err error, markersIn bool) {
	t.Helper()
	if err != nil && !markersIn && countMarkers([]byte(errText(err))) > 0 {
		t.Fatalf("a marker reached the error: %q", errText(err))
	}
}

// errText is ErrorLine, or "" for no error.
func errText(err error) string {
	if err == nil {
		return ""
	}
	return ErrorLine(err)
}

// mayFillSlice reports whether the repair of an empty slice operand
// (slice.go) may have inserted text into data.
func mayFillSlice(data []byte) bool {
	return bytes.Contains(data, []byte("${")) && bytes.Contains(data, []byte(":"))
}
