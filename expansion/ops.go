package expansion

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/gosh-sh/gosh/expansion/pattern"
	"mvdan.cc/sh/v3/syntax"
)

// applyOp applies a pattern, case or @ operator to the value, to each
// element of a list.
func (e *expander) applyOp(v *value, exp *syntax.Expansion) error {
	var fn func(string) string
	switch exp.Op {
	case syntax.RemSmallPrefix, syntax.RemLargePrefix, syntax.RemSmallSuffix, syntax.RemLargeSuffix:
		pat, err := e.patternWord(exp.Word)
		if err != nil {
			return err
		}
		if fn, err = e.remover(pat, exp.Op); err != nil {
			return err
		}
	case syntax.UpperFirst, syntax.UpperAll, syntax.LowerFirst, syntax.LowerAll:
		pat, err := e.patternWord(exp.Word)
		if err != nil {
			return err
		}
		if fn, err = e.caseChanger(pat, exp.Op); err != nil {
			return err
		}
	case syntax.OtherParamOps:
		return e.transform(v, exp)
	default:
		return badSubstitution(exp.Op.String())
	}
	v.apply(fn)
	return nil
}

// apply changes the value with fn: a scalar, or each element of a list.
func (v *value) apply(fn func(string) string) {
	v.str = fn(v.str)
	if v.isList {
		out := make([]string, len(v.list))
		for i, s := range v.list {
			out[i] = fn(s)
		}
		v.list = out
	}
}

func (e *expander) patternMode() pattern.Mode {
	if e.cfg.ExtGlob {
		return pattern.ExtGlob
	}
	return 0
}

// remover makes the function of ${x#pat} ${x##pat} ${x%pat} ${x%%pat}.
func (e *expander) remover(pat string, op syntax.ParExpOperator) (func(string) string, error) {
	suffix := op == syntax.RemSmallSuffix || op == syntax.RemLargeSuffix
	longest := op == syntax.RemLargePrefix || op == syntax.RemLargeSuffix
	if !pattern.HasMeta(pat, e.patternMode()) {
		lit := pattern.Unescape(pat)
		if suffix {
			return func(s string) string { return strings.TrimSuffix(s, lit) }, nil
		}
		return func(s string) string { return strings.TrimPrefix(s, lit) }, nil
	}
	p, err := e.compile(pat, e.patternMode())
	if err != nil {
		return nil, err
	}
	if suffix {
		return func(s string) string {
			if i := p.Suffix(s, longest); i >= 0 {
				return s[:i]
			}
			return s
		}, nil
	}
	return func(s string) string {
		if n := p.Prefix(s, longest); n >= 0 {
			return s[n:]
		}
		return s
	}, nil
}

// caseChanger makes the function of ${x^pat} ${x^^pat} ${x,pat} ${x,,pat}:
// the first character, or every one, that matches pat (any character when
// pat is empty) changes case.
func (e *expander) caseChanger(pat string, op syntax.ParExpOperator) (func(string) string, error) {
	conv := unicode.ToUpper
	if op == syntax.LowerFirst || op == syntax.LowerAll {
		conv = unicode.ToLower
	}
	all := op == syntax.UpperAll || op == syntax.LowerAll
	var p *pattern.Pattern
	if pat != "" {
		var err error
		if p, err = e.compile(pat, e.patternMode()); err != nil {
			return nil, err
		}
	}
	return func(s string) string {
		var sb strings.Builder
		for i, r := range s {
			if i > 0 && !all {
				sb.WriteString(s[i:])
				break
			}
			size := utf8.RuneLen(r)
			if r == utf8.RuneError {
				_, size = utf8.DecodeRuneInString(s[i:])
			}
			if r != utf8.RuneError && (p == nil || p.Match(s[i:i+size])) {
				sb.WriteRune(conv(r))
			} else {
				sb.WriteString(s[i : i+size])
			}
		}
		return sb.String()
	}, nil
}

// slice does ${x:offset} and ${x:offset:length}: characters of a string,
// elements of a list ($@ counts $0 as element 0).
func (e *expander) slice(v *value, sl *syntax.Slice) error {
	off, err := e.arithm(sl.Offset)
	if err != nil {
		return err
	}
	length, hasLen := int64(0), sl.Length != nil
	if hasLen {
		if length, err = e.arithm(sl.Length); err != nil {
			return err
		}
	}
	if v.isList {
		if hasLen && length < 0 {
			// A list takes no negative length, unlike a string.
			return fatalf("%d: substring expression < 0", length)
		}
		list := v.list
		if v.name == "@" || v.name == "*" {
			list = append([]string{e.host().Var("0").String()}, list...)
		} else if v.vr.Kind == Indexed && v.vr.Indexes != nil {
			return e.sliceSparse(v, off, length, hasLen)
		}
		start, end, ok := sliceBounds(int64(len(list)), off, length, hasLen)
		if !ok {
			v.list = nil
			return nil
		}
		v.list = list[start:end]
		return nil
	}
	runes := []rune(v.str)
	start, end, ok := sliceBounds(int64(len(runes)), off, length, hasLen)
	if !ok {
		if hasLen && length < 0 && off <= int64(len(runes)) {
			return fatalf("%d: substring expression < 0", length)
		}
		v.str = ""
		return nil
	}
	v.str = string(runes[start:end])
	return nil
}

// sliceSparse slices a sparse array by index, as bash does: the elements
// whose index is at least offset.
func (e *expander) sliceSparse(v *value, off, length int64, hasLen bool) error {
	idx := v.vr.Indexes
	if off < 0 {
		off += int64(v.vr.MaxIndex())
		if off < 0 {
			v.list = nil
			return nil
		}
	}
	var out []string
	for i, n := range idx {
		if int64(n) < off {
			continue
		}
		if hasLen && int64(len(out)) >= length {
			break
		}
		out = append(out, v.vr.List[i])
	}
	v.list = out
	return nil
}

// sliceBounds turns an offset and length (negative ones count from the
// end) into bounds within n; ok is false for an empty or invalid range.
func sliceBounds(n, off, length int64, hasLen bool) (start, end int64, ok bool) {
	if off < 0 {
		off += n
		if off < 0 {
			return 0, 0, false
		}
	}
	if off > n {
		return 0, 0, false
	}
	end = n
	if hasLen {
		if length < 0 {
			end = n + length
			if end < off {
				return 0, 0, false
			}
		} else if off+length < n {
			end = off + length
		}
	}
	return off, end, true
}

// replace does ${x/pat/rep}, ${x//pat/rep}, ${x/#pat/rep} and
// ${x/%pat/rep}. In rep an unquoted & stands for the matched text (bash
// 5.2's patsub_replacement).
func (e *expander) replace(v *value, repl *syntax.Replace, q quoting) error {
	orig, anchor := repl.Orig, byte(0)
	if orig != nil && len(orig.Parts) > 0 {
		if lit, ok := orig.Parts[0].(*syntax.Lit); ok && lit.Value != "" && (lit.Value[0] == '#' || lit.Value[0] == '%') {
			anchor = lit.Value[0]
			parts := append([]syntax.WordPart{&syntax.Lit{Value: lit.Value[1:]}}, orig.Parts[1:]...)
			orig = &syntax.Word{Parts: parts}
		}
	}
	pat, err := e.patternWord(orig)
	if err != nil {
		return err
	}
	var with []piece
	if repl.With != nil {
		mark := len(e.pieces)
		err := e.wordParts(repl.With, tildeLeading)
		with = slices.Clone(e.pieces[mark:])
		e.pieces = e.pieces[:mark]
		if err != nil {
			return err
		}
	}
	if pat == "" && anchor == 0 {
		return nil // ${x/} and ${x//} change nothing
	}
	mode := e.patternMode()
	if e.cfg.NoCaseMatch {
		mode |= pattern.NoCase // bash: ${v/p/r} follows nocasematch, ${v#p} does not
	}
	p, err := e.compile(pat, mode)
	if err != nil {
		return err
	}
	fn := func(s string) string { return substitute(s, p, with, anchor, repl.All) }
	v.apply(fn)
	return nil
}

// substitute replaces the matches of p in s.
func substitute(s string, p *pattern.Pattern, with []piece, anchor byte, all bool) string {
	switch anchor {
	case '#':
		if n := p.Prefix(s, true); n >= 0 {
			return replacement(with, s[:n]) + s[n:]
		}
		return s
	case '%':
		if i := p.Suffix(s, true); i >= 0 {
			return s[:i] + replacement(with, s[i:])
		}
		return s
	}
	if !all {
		start, end, ok := p.Find(s, 0)
		if !ok {
			return s
		}
		return s[:start] + replacement(with, s[start:end]) + s[end:]
	}
	spans := p.FindAll(s)
	if len(spans) == 0 {
		return s
	}
	var sb strings.Builder
	from := 0
	for _, sp := range spans {
		sb.WriteString(s[from:sp[0]])
		sb.WriteString(replacement(with, s[sp[0]:sp[1]]))
		from = sp[1]
	}
	sb.WriteString(s[from:])
	return sb.String()
}

// replacement is the replacement text for one match.
func replacement(with []piece, match string) string {
	var sb strings.Builder
	for _, p := range with {
		if p.quoted || strings.IndexByte(p.s, '&') < 0 {
			sb.WriteString(p.s)
			continue
		}
		sb.WriteString(strings.ReplaceAll(p.s, "&", match))
	}
	return sb.String()
}

// transform does ${x@Q} and the other @ operators.
func (e *expander) transform(v *value, exp *syntax.Expansion) error {
	op := ""
	if exp.Word != nil {
		op = exp.Word.Lit()
	}
	var fn func(string) string
	switch op {
	case "Q":
		fn = Quote
	case "E":
		fn = ansiC
	case "P":
		fn = func(s string) string {
			if e.cfg.Prompt == nil {
				return s
			}
			// \[ and \] mark invisible text for the line editor, which
			// has no use for the marks here.
			return strings.NewReplacer("\x01", "", "\x02", "").Replace(e.cfg.Prompt(s))
		}
	case "U":
		fn = strings.ToUpper
	case "L":
		fn = strings.ToLower
	case "u":
		fn = upperFirst
	case "a":
		v.str, v.isList = v.vr.Flags(), false
		return nil
	case "A":
		if v.name == "@" || v.name == "*" {
			// The positional parameters are recreated by set.
			v.str, v.isList = "", false
			if len(v.list) > 0 {
				words := make([]string, len(v.list))
				for i, s := range v.list {
					words[i] = Quote(s)
				}
				v.str = "set -- " + strings.Join(words, " ")
			}
			return nil
		}
		if !v.vr.Declared() {
			v.str, v.isList = "", false
			return nil
		}
		if !v.set && !v.isList {
			// Declared without a value: only the attributes, if any.
			v.str = ""
			if flags := v.vr.Flags(); flags != "" {
				v.str = "declare -" + flags + " " + v.name
			}
			return nil
		}
		v.str, v.isList = assignmentText(v), false
		return nil
	case "K", "k":
		if v.isList && (v.vr.Kind == Indexed || v.vr.Kind == Associative) {
			if op == "K" {
				v.str, v.isList = keyValueText(v.vr), false
			} else {
				keys, vals := v.vr.Keys(), v.vr.Values()
				v.list = make([]string, 0, 2*len(keys))
				for i, k := range keys {
					v.list = append(v.list, k, vals[i])
				}
			}
			return nil
		}
		fn = Quote
	default:
		if !v.set && !v.isList {
			return nil // bash checks the operator only when there is a value
		}
		return badSubstitution("${" + v.name + "@" + op + "}")
	}
	if !v.set && !v.isList {
		return nil
	}
	v.apply(fn)
	return nil
}

func upperFirst(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	return string(unicode.ToUpper(r)) + s[size:]
}

// assignmentText is ${x@A}: a statement that recreates the variable, or
// for a scalar (or one element) an assignment of its value.
func assignmentText(v *value) string {
	vr := v.vr
	if (vr.Kind == Indexed || vr.Kind == Associative) && v.isList {
		return DeclareText(v.name, vr)
	}
	prefix := v.name + "="
	if flags := vr.Flags(); flags != "" {
		prefix = "declare -" + flags + " " + prefix
	}
	return prefix + Quote(v.str)
}

// DoubleQuote is bash's sh_double_quote: s in double quotes, with a
// backslash before each of $ ` " and \, as declare -p writes values.
func DoubleQuote(s string) string {
	var sb strings.Builder
	sb.WriteByte('"')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '"', '\\', '$', '`':
			sb.WriteByte('\\')
			sb.WriteByte(c)
		default:
			sb.WriteByte(c)
		}
	}
	sb.WriteByte('"')
	return sb.String()
}

// Quote quotes s so that the shell reads it back as the same word, as
// bash's ${x@Q} does: in single quotes, or in $'...' when s holds
// characters that are not printable.
func Quote(s string) string {
	if !needsANSI(s) {
		return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
	}
	var sb strings.Builder
	sb.WriteString("$'")
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		c := s[i]
		switch {
		case r == utf8.RuneError && size <= 1:
			sb.WriteString(octalEscape(c))
		case c == '\'' || c == '\\':
			sb.WriteByte('\\')
			sb.WriteByte(c)
		case c == '\n':
			sb.WriteString(`\n`)
		case c == '\t':
			sb.WriteString(`\t`)
		case c == '\r':
			sb.WriteString(`\r`)
		case c == 0x1b:
			sb.WriteString(`\E`)
		case c == '\a':
			sb.WriteString(`\a`)
		case c == '\b':
			sb.WriteString(`\b`)
		case c == '\f':
			sb.WriteString(`\f`)
		case c == '\v':
			sb.WriteString(`\v`)
		case r < 0x20 || r == 0x7f:
			sb.WriteString(octalEscape(c))
		default:
			sb.WriteString(s[i : i+size])
		}
		i += size
	}
	sb.WriteString("'")
	return sb.String()
}

// octalEscape is \NNN, three octal digits, as bash writes a byte in $'...'.
func octalEscape(c byte) string {
	return `\` + string([]byte{'0' + c>>6, '0' + c>>3&7, '0' + c&7})
}
