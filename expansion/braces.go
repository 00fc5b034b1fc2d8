package expansion

import (
	"strconv"
	"strings"

	"mvdan.cc/sh/v3/syntax"
)

// maxBraceFields bounds what one word's brace expansion may produce, so
// that a{1..999999999} fails instead of eating all memory.
const maxBraceFields = 1 << 20

// braces does bash's brace expansion, the first step of all (it is not in
// POSIX): a word with a{b,c}d becomes the words abd and acd, and {1..3}
// becomes 1 2 3. It returns the word itself when it has no braces.
func braces(w *syntax.Word) ([]*syntax.Word, error) {
	if !mayHaveBraces(w) {
		return []*syntax.Word{w}, nil
	}
	cp := &syntax.Word{Parts: append([]syntax.WordPart(nil), w.Parts...)}
	if !syntax.SplitBraces(cp) {
		return []*syntax.Word{w}, nil
	}
	var out []*syntax.Word
	if err := expandBraces(cp.Parts, nil, &out); err != nil {
		return nil, err
	}
	return out, nil
}

// mayHaveBraces is a quick test that skips SplitBraces's copy for words
// with no literal '{'.
func mayHaveBraces(w *syntax.Word) bool {
	for _, p := range w.Parts {
		if l, ok := p.(*syntax.Lit); ok && strings.IndexByte(l.Value, '{') >= 0 {
			return true
		}
	}
	return false
}

// expandBraces appends to out every word that parts (after prefix) stand
// for, expanding the leftmost brace expression first and the rest
// recursively, as bash does.
func expandBraces(parts, prefix []syntax.WordPart, out *[]*syntax.Word) error {
	for i, p := range parts {
		br, ok := p.(*syntax.BraceExp)
		if !ok {
			continue
		}
		head := append(append([]syntax.WordPart(nil), prefix...), parts[:i]...)
		rest := parts[i+1:]
		alts, ok := braceAlternatives(br)
		if !ok {
			// Not a valid sequence: the braces stay as written.
			head = append(head, &syntax.Lit{Value: braceText(br)})
			return expandBraces(rest, head, out)
		}
		for _, alt := range alts {
			if len(*out) > maxBraceFields {
				return fatalf("brace expansion: too many words")
			}
			// The alternative may hold braces of its own: {a,{b,c}}.
			next := append(append([]syntax.WordPart(nil), alt...), rest...)
			if err := expandBraces(next, head, out); err != nil {
				return err
			}
		}
		return nil
	}
	*out = append(*out, &syntax.Word{Parts: joinLits(append(append([]syntax.WordPart(nil), prefix...), parts...))})
	return nil
}

// joinLits merges neighbouring literals, so that the word ~{a,b} becomes
// the literal ~a, whose tilde prefix is "a".
func joinLits(parts []syntax.WordPart) []syntax.WordPart {
	out := parts[:0]
	for _, p := range parts {
		if l, ok := p.(*syntax.Lit); ok && len(out) > 0 {
			if prev, ok := out[len(out)-1].(*syntax.Lit); ok {
				out[len(out)-1] = &syntax.Lit{ValuePos: prev.ValuePos, ValueEnd: l.ValueEnd, Value: prev.Value + l.Value}
				continue
			}
		}
		out = append(out, p)
	}
	return out
}

// braceAlternatives lists the parts that each alternative of a brace
// expression stands for.
func braceAlternatives(br *syntax.BraceExp) ([][]syntax.WordPart, bool) {
	if !br.Sequence {
		alts := make([][]syntax.WordPart, len(br.Elems))
		for i, el := range br.Elems {
			alts[i] = el.Parts
		}
		return alts, true
	}
	words, ok := braceSequence(br)
	if !ok {
		return nil, false
	}
	alts := make([][]syntax.WordPart, len(words))
	for i, s := range words {
		alts[i] = []syntax.WordPart{&syntax.Lit{Value: s}}
	}
	return alts, true
}

// braceSequence expands {x..y[..incr]}: integers (zero-padded to the
// wider end when either end has a leading zero) or single letters. The
// sign of incr is ignored; the direction comes from x and y.
func braceSequence(br *syntax.BraceExp) ([]string, bool) {
	lits := make([]string, len(br.Elems))
	for i, el := range br.Elems {
		s, ok := litText(el)
		if !ok {
			return nil, false
		}
		lits[i] = s
	}
	if len(lits) < 2 || len(lits) > 3 {
		return nil, false
	}
	step := int64(1)
	if len(lits) == 3 {
		n, err := strconv.ParseInt(lits[2], 10, 64)
		if err != nil {
			return nil, false
		}
		if n < 0 {
			n = -n
		}
		if n != 0 {
			step = n
		}
	}
	from, err1 := strconv.ParseInt(lits[0], 10, 64)
	to, err2 := strconv.ParseInt(lits[1], 10, 64)
	if err1 == nil && err2 == nil {
		width := 0
		if zeroPadded(lits[0]) || zeroPadded(lits[1]) {
			width = max(len(lits[0]), len(lits[1]))
		}
		count := (absDiff(from, to))/step + 1
		if count > maxBraceFields {
			return nil, false
		}
		out := make([]string, 0, count)
		for i, n := int64(0), from; i < count; i++ {
			out = append(out, padInt(n, width))
			if from <= to {
				n += step
			} else {
				n -= step
			}
		}
		return out, true
	}
	if len(lits[0]) == 1 && len(lits[1]) == 1 && isASCIILetter(lits[0][0]) && isASCIILetter(lits[1][0]) {
		a, b := int64(lits[0][0]), int64(lits[1][0])
		var out []string
		for i, n := int64(0), a; i <= absDiff(a, b)/step; i++ {
			out = append(out, string(rune(n)))
			if a <= b {
				n += step
			} else {
				n -= step
			}
		}
		return out, true
	}
	return nil, false
}

func zeroPadded(s string) bool {
	s = strings.TrimPrefix(s, "-")
	return len(s) > 1 && s[0] == '0'
}

func padInt(n int64, width int) string {
	s := strconv.FormatInt(n, 10)
	if len(s) >= width {
		return s
	}
	neg := n < 0
	if neg {
		s = s[1:]
	}
	s = strings.Repeat("0", width-len(s)-btoi(neg)) + s
	if neg {
		s = "-" + s
	}
	return s
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

func absDiff(a, b int64) int64 {
	if a > b {
		return a - b
	}
	return b - a
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// litText is the text of a word made of one literal.
func litText(w *syntax.Word) (string, bool) {
	if w == nil || len(w.Parts) != 1 {
		return "", false
	}
	l, ok := w.Parts[0].(*syntax.Lit)
	if !ok {
		return "", false
	}
	return l.Value, true
}

// braceText prints a brace expression back as source text.
func braceText(br *syntax.BraceExp) string {
	var sb strings.Builder
	sb.WriteByte('{')
	sep := ","
	if br.Sequence {
		sep = ".."
	}
	for i, el := range br.Elems {
		if i > 0 {
			sb.WriteString(sep)
		}
		syntax.NewPrinter().Print(&sb, el)
	}
	sb.WriteByte('}')
	return sb.String()
}
