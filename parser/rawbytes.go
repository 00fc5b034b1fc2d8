package parser

import (
	"bytes"
	"errors"
	"io"
	"iter"
	"reflect"
	"slices"
	"strings"
	"unicode/utf8"

	"mvdan.cc/sh/v3/syntax"
)

// A script is bytes, and bash runs it byte for byte: a Latin-1 comment,
// string or function name is as good as ASCII. mvdan.cc/sh reads UTF-8
// only and calls anything else a syntax error, so gosh escapes the text
// before the parser reads it and gives the tree back its bytes after:
//
//   - Each byte of an invalid UTF-8 sequence becomes a marker rune, one of
//     the 128 private-use runes U+F780..U+F7FF (byte b is U+F700+b). The
//     lexer takes a marker as it takes any letter that is not ASCII.
//   - A marker rune that is really in the source is escaped too, each of its
//     three bytes on its own, so that every marker in escaped text stands
//     for one byte and the mapping can be undone whatever the script holds.
//   - A carriage return becomes a marker too (U+F70D), because the lexer
//     takes it for a blank, and drops it before a newline, where bash
//     keeps it as an ordinary byte: `echo a\r` prints a and a CR, and a
//     here-document keeps the CRs of its lines.
//   - Valid UTF-8 other than markers is left alone: text that needs no
//     escaping costs one validity check.
//
// On the way out every string in the tree (words, quoted strings,
// here-document bodies, names) gets its bytes back, and every position
// its offset and column in the original bytes (a marker is three bytes and
// stands for one), so nothing past this package sees a marker.

// markerBase + b is the marker rune of byte b (0x80..0xff, and \r).
const markerBase = 0xF700

// The UTF-8 encoding of a marker is 0xEF, then markerCtl for bytes below
// 0x40 (\r), markerLow for bytes from 0x80 to 0xbf or markerHigh for the
// rest, then a continuation byte.
const (
	markerLead = 0xEF
	markerCtl  = 0x9C
	markerLow  = 0x9E
	markerHigh = 0x9F
)

// markerLen is how many bytes a marker takes: it stands for one, so each
// adds markerLen-1 to the length of escaped text.
const markerLen = 3

// isMarker reports whether r is one of the marker runes.
func isMarker(r rune) bool { return r >= markerBase && r <= markerBase+0xff }

// needsEscape reports whether b holds invalid UTF-8, an incomplete
// sequence at its end or a marker rune: text without any is its own
// escaped form.
func needsEscape(b []byte) bool {
	return !utf8.Valid(b) || hasMarker(b) || bytes.IndexByte(b, '\r') >= 0
}

// isMarkerSecond reports whether c may be the second byte of a marker.
func isMarkerSecond(c byte) bool { return c == markerCtl || c == markerLow || c == markerHigh }

// hasMarker reports whether b holds the start of an encoded marker.
func hasMarker(b []byte) bool {
	for {
		i := bytes.IndexByte(b, markerLead)
		if i < 0 || i+1 >= len(b) {
			return false
		}
		if isMarkerSecond(b[i+1]) {
			return true
		}
		b = b[i+1:]
	}
}

// appendEscaped appends the escaped form of src to dst.
func appendEscaped(dst, src []byte) []byte {
	for i := 0; i < len(src); {
		c := src[i]
		if c == '\r' {
			dst = utf8.AppendRune(dst, markerBase+'\r')
			i++
			continue
		}
		if c < utf8.RuneSelf {
			dst = append(dst, c)
			i++
			continue
		}
		r, w := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && w == 1 || isMarker(r) {
			for _, b := range src[i : i+w] {
				dst = utf8.AppendRune(dst, markerBase+rune(b))
			}
		} else {
			dst = append(dst, src[i:i+w]...)
		}
		i += w
	}
	return dst
}

// escapeString is s escaped, or s itself when it needs no escaping.
func escapeString(s string) string {
	if !needsEscape([]byte(s)) {
		return s
	}
	return string(appendEscaped(nil, []byte(s)))
}

// markerAt reports whether a whole marker starts at b[i], and the byte it
// stands for: the marker's last byte, less 0x80 after markerCtl, plus 0x40
// after markerHigh.
func markerAt[T string | []byte](b T, i int) (byte, bool) {
	if i+markerLen > len(b) || b[i] != markerLead || b[i+2]&0xC0 != 0x80 {
		return 0, false
	}
	switch b[i+1] {
	case markerCtl:
		return b[i+2] - 0x80, true
	case markerLow:
		return b[i+2], true
	case markerHigh:
		return b[i+2] + 0x40, true
	}
	return 0, false
}

// unescapeString gives s, which comes from escaped text, its original
// bytes back.
func unescapeString(s string) string {
	if !hasMarker([]byte(s)) {
		return s
	}
	return string(appendUnescaped(make([]byte, 0, len(s)), s))
}

// appendUnescaped appends s with each marker turned back into its byte.
func appendUnescaped(dst []byte, s string) []byte {
	for i := 0; i < len(s); {
		if b, ok := markerAt(s, i); ok {
			dst = append(dst, b)
			i += markerLen
			continue
		}
		dst = append(dst, s[i])
		i++
	}
	return dst
}

// partialMarker is how many bytes at the end of b may be the start of a
// marker whose rest has not been read yet.
func partialMarker(b []byte) int {
	switch n := len(b); {
	case n >= 1 && b[n-1] == markerLead:
		return 1
	case n >= 2 && b[n-2] == markerLead && isMarkerSecond(b[n-1]):
		return 2
	}
	return 0
}

// incompleteTail is how many bytes at the end of b begin a UTF-8 sequence
// that the next bytes may complete. They must wait for those bytes: they
// are escaped as invalid only if the input ends there.
func incompleteTail(b []byte) int {
	for k := 1; k < utf8.UTFMax && k <= len(b); k++ {
		c := b[len(b)-k]
		if c < utf8.RuneSelf {
			return 0
		}
		if utf8.RuneStart(c) {
			if utf8.FullRune(b[len(b)-k:]) {
				return 0
			}
			return k
		}
	}
	return 0
}

// escapeReader is src escaped. It keeps to src's lines: when src returns at
// most a line per Read, so does it, and it reads no further ahead than a
// sequence that a line splits (never: a newline is ASCII). Text that needs
// no escaping goes straight through.
type escapeReader struct {
	src     io.Reader
	pending []byte // read from src, not escaped yet: an incomplete sequence
	out     []byte // escaped, not returned yet: out[next:]
	next    int
	err     error // src's error, returned once the rest is out
	scratch []byte
}

func (e *escapeReader) Read(p []byte) (int, error) {
	if e.next == len(e.out) && len(e.pending) == 0 && e.err == nil {
		n, err := e.src.Read(p)
		if !needsEscape(p[:n]) {
			return n, err
		}
		e.pending, e.err = append(e.pending[:0], p[:n]...), err
	}
	for e.next == len(e.out) {
		keep := 0
		if e.err == nil {
			keep = incompleteTail(e.pending)
		}
		if ready := len(e.pending) - keep; ready > 0 {
			e.out, e.next = appendEscaped(e.out[:0], e.pending[:ready]), 0
			e.pending = append(e.pending[:0], e.pending[ready:]...)
			break
		}
		if e.err != nil {
			return 0, e.err
		}
		if len(e.scratch) < len(p) {
			e.scratch = make([]byte, len(p))
		}
		n, err := e.src.Read(e.scratch)
		e.pending, e.err = append(e.pending, e.scratch[:n]...), err
		if n == 0 && err == nil {
			e.err = io.ErrNoProgress // as lineTap takes it from src
		}
	}
	n := copy(p, e.out[e.next:])
	e.next += n
	return n, nil
}

// rawMap gives a tree parsed from escaped text its original bytes back:
// strings lose their markers, and positions (offsets into the escaped
// input) become offsets and columns in the original input.
type rawMap struct {
	start     int   // offset in the escaped input where text begins
	extra     int   // how many bytes the escaped input has more than the original before start
	lineExtra int   // the part of extra on the line where start lies
	markers   []int // offsets in text of the markers it holds, ascending
	end       int   // length of text
}

// newRawMap is the map for positions in text, which begins at start in
// an escaped input that had extra bytes more than the original before it,
// lineExtra of them on start's line.
func newRawMap(text []byte, start, extra, lineExtra int) *rawMap {
	m := &rawMap{start: start, extra: extra, lineExtra: lineExtra, end: len(text)}
	for i := range markerOffsets(text) {
		m.markers = append(m.markers, i)
	}
	return m
}

// markerOffsets yields the offset of each marker in b.
func markerOffsets(b []byte) iter.Seq[int] {
	return func(yield func(int) bool) {
		for i := 0; i < len(b); {
			j := bytes.IndexByte(b[i:], markerLead)
			if j < 0 {
				return
			}
			i += j
			if _, ok := markerAt(b, i); !ok {
				i++
				continue
			}
			if !yield(i) {
				return
			}
			i += markerLen
		}
	}
}

// countMarkers is how many markers b holds.
func countMarkers(b []byte) int {
	n := 0
	for range markerOffsets(b) {
		n++
	}
	return n
}

// identity reports that the map changes nothing; a nil map does not.
func (m *rawMap) identity() bool {
	return m == nil || len(m.markers) == 0 && m.extra == 0 && m.lineExtra == 0
}

// markersBefore is how many markers text holds before its offset rel.
func (m *rawMap) markersBefore(rel int) int {
	n, _ := slices.BinarySearch(m.markers, rel)
	return n
}

// pos is p moved from the escaped input to the original.
func (m *rawMap) pos(p syntax.Pos) syntax.Pos {
	if !p.IsValid() {
		return p
	}
	rel := min(max(int(p.Offset())-m.start, 0), m.end)
	before := m.markersBefore(rel)
	offs := int(p.Offset()) - m.extra - (markerLen-1)*before
	col := int(p.Col())
	if col > 0 {
		lineStart := rel - (col - 1)
		if lineStart < 0 {
			col -= m.lineExtra
			lineStart = 0
		}
		col -= (markerLen - 1) * (before - m.markersBefore(lineStart))
	}
	return syntax.NewPos(uint(max(offs, 0)), p.Line(), uint(max(col, 0)))
}

// restore gives every string and position under node its original form.
func (m *rawMap) restore(node syntax.Node) {
	if m.identity() {
		return
	}
	visitFields(reflect.ValueOf(node), map[uintptr]bool{}, func(v reflect.Value) {
		switch {
		case v.Type() == posType:
			v.Set(reflect.ValueOf(m.pos(v.Interface().(syntax.Pos))))
		case v.Kind() == reflect.String:
			if s := v.String(); strings.IndexByte(s, markerLead) >= 0 {
				v.SetString(unescapeString(s))
			}
		}
	})
}

// restoreAll restores each statement of a list.
func (m *rawMap) restoreAll(stmts []*syntax.Stmt) {
	for _, st := range stmts {
		if st != nil {
			m.restore(st)
		}
	}
}

// err gives a syntax error its original position and text.
func (m *rawMap) err(err error) error {
	if m.identity() {
		return err
	}
	var pe syntax.ParseError
	if errors.As(err, &pe) {
		pe.Pos = m.pos(pe.Pos)
		pe.Text = unescapeString(pe.Text)
		return pe
	}
	var le syntax.LangError
	if errors.As(err, &le) {
		le.Pos = m.pos(le.Pos)
		return le
	}
	return err
}

// holdsByte reports whether a string in the tree under node holds b.
func holdsByte(node syntax.Node, b byte) bool {
	if v := reflect.ValueOf(node); !v.IsValid() || v.Kind() == reflect.Pointer && v.IsNil() {
		return false // nothing to walk: the printer says what it thinks of it
	}
	found := false
	syntax.Walk(node, func(n syntax.Node) bool {
		switch n := n.(type) {
		case *syntax.Lit:
			found = found || strings.IndexByte(n.Value, b) >= 0
		case *syntax.SglQuoted:
			found = found || strings.IndexByte(n.Value, b) >= 0
		case *syntax.Comment:
			found = found || strings.IndexByte(n.Text, b) >= 0
		}
		return !found
	})
	return found
}

// escapedCopy is a copy of the tree under node with every string escaped,
// as the parser reads it. The tree itself is not touched: the shell may be
// running it.
func escapedCopy(node syntax.Node) syntax.Node {
	return copyValue(reflect.ValueOf(node), map[uintptr]reflect.Value{}).Interface().(syntax.Node)
}

// copyValue copies v deeply, escaping strings on the way; a pointer met
// twice is copied once.
func copyValue(v reflect.Value, seen map[uintptr]reflect.Value) reflect.Value {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return v
		}
		if c, ok := seen[v.Pointer()]; ok {
			return c
		}
		c := reflect.New(v.Type().Elem())
		seen[v.Pointer()] = c
		c.Elem().Set(copyValue(v.Elem(), seen))
		return c
	case reflect.Interface:
		if v.IsNil() {
			return v
		}
		c := reflect.New(v.Type()).Elem()
		c.Set(copyValue(v.Elem(), seen))
		return c
	case reflect.Slice:
		if v.IsNil() {
			return v
		}
		c := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
		for i := range v.Len() {
			c.Index(i).Set(copyValue(v.Index(i), seen))
		}
		return c
	case reflect.String:
		c := reflect.New(v.Type()).Elem()
		c.SetString(escapeString(v.String()))
		return c
	case reflect.Struct:
		c := reflect.New(v.Type()).Elem()
		c.Set(v)
		t := v.Type()
		for i := range v.NumField() {
			if t.Field(i).IsExported() {
				c.Field(i).Set(copyValue(v.Field(i), seen))
			}
		}
		return c
	}
	return v
}
