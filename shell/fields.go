package shell

import (
	"os/user"
	"strings"
	"unicode/utf8"

	"mvdan.cc/sh/v3/expand"
	"mvdan.cc/sh/v3/syntax"
)

// Field splitting. mvdan.cc/sh/v3/expand performs each expansion well, but
// its field splitting departs from POSIX in corners that scripts meet: empty
// fields from non-whitespace IFS characters, "$@" next to other text, an
// empty "$@". So gosh builds the fields of a word itself: expand computes
// the value of every parameter expansion, command substitution and
// arithmetic expansion, and this file splits the results with IFS (XCU 2.6.5)
// and hands fields with unquoted pattern characters back to expand for
// pathname expansion.

// segment is a piece of a field: quoted text is never split or globbed;
// split text came from an unquoted expansion and IFS may cut it.
type segment struct {
	s      string
	quoted bool
	split  bool
}

// fieldBuilder collects a word's fields as segments.
type fieldBuilder struct {
	fields  []builtField
	cur     []segment
	present bool // the current field exists even if empty (quotes, text)
}

type builtField struct {
	segs    []segment
	present bool
}

func (b *fieldBuilder) add(s segment) {
	b.cur = append(b.cur, s)
	if s.quoted || s.s != "" && !s.split {
		b.present = true
	}
}

// boundary ends the current field where "$@" separates two elements.
func (b *fieldBuilder) boundary() {
	b.fields = append(b.fields, builtField{b.cur, b.present})
	b.cur, b.present = nil, false
}

// needsOwnSplitting reports whether a word contains an expansion whose
// result is subject to field splitting or array expansion; other words go
// to expand unchanged.
func needsOwnSplitting(w *syntax.Word) bool {
	for _, p := range w.Parts {
		switch p := p.(type) {
		case *syntax.Lit:
			if hasGlobMeta(p.Value) {
				return true // pathname expansion: see fastGlob
			}
		case *syntax.ParamExp, *syntax.CmdSubst, *syntax.ArithmExp:
			return true
		case *syntax.DblQuoted:
			for _, q := range p.Parts {
				if pe, ok := q.(*syntax.ParamExp); ok && (arrayish(pe) || isPromptOp(pe)) {
					return true
				}
			}
		}
	}
	return false
}

// arrayish reports whether a parameter expansion can produce several
// fields: $@, $*, ${a[@]}, ${a[*]}, ${!prefix@}, ${!a[@]}.
func arrayish(pe *syntax.ParamExp) bool {
	if pe.Length || pe.Width || pe.IsSet {
		return false
	}
	if pe.Param != nil && (pe.Param.Value == "@" || pe.Param.Value == "*") {
		return true
	}
	if pe.Names != 0 {
		return true
	}
	if pe.Index != nil {
		if w, ok := pe.Index.(*syntax.Word); ok {
			l := w.Lit()
			return l == "@" || l == "*"
		}
	}
	return false
}

// starJoined reports whether a quoted arrayish expansion joins its elements
// into one field ("$*", "${a[*]}", "${!p*}").
func starJoined(pe *syntax.ParamExp) bool {
	if pe.Names == syntax.NamesPrefix {
		return true
	}
	if pe.Param != nil && pe.Param.Value == "*" {
		return true
	}
	if pe.Index != nil {
		if w, ok := pe.Index.(*syntax.Word); ok {
			return w.Lit() == "*"
		}
	}
	return false
}

// wordFields expands one (brace-expanded) word into fields.
func (r *Shell) wordFields(w *syntax.Word, out []string) ([]string, error) {
	var b fieldBuilder
	if err := r.addWordParts(&b, w.Parts, true, false); err != nil {
		return nil, err
	}
	b.boundary()
	ifs := r.ifsChars()
	for _, f := range b.fields {
		for _, field := range splitField(f.segs, ifs, f.present) {
			var err error
			out, err = r.globField(field, out)
			if err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}

// addWordParts adds the segments of unquoted word parts to b. first says
// the parts start a word, where a tilde expands; inExp that they are the
// word of ${v:-word}, whose unquoted text is split like an expansion's.
func (r *Shell) addWordParts(b *fieldBuilder, parts []syntax.WordPart, first, inExp bool) error {
	cfg := r.expandConfig()
	for i, part := range parts {
		switch p := part.(type) {
		case *syntax.Lit:
			s := p.Value
			if i == 0 && first {
				if home, rest, ok := r.tilde(s, len(parts) > 1); ok {
					b.add(segment{s: home, quoted: true})
					s = rest
				}
			}
			addUnquotedLit(b, s, inExp)
		case *syntax.SglQuoted:
			s := p.Value
			if p.Dollar {
				s, _, _ = expand.Format(cfg, s, nil)
				s, _, _ = strings.Cut(s, "\x00")
			}
			b.add(segment{s: s, quoted: true})
		case *syntax.DblQuoted:
			if err := r.dblQuotedFields(b, p); err != nil {
				return err
			}
		case *syntax.ParamExp:
			if word, use, ok, err := r.chosenWord(p); err != nil {
				return err
			} else if ok && use {
				// ${v:-"a b" c}: the word keeps its own quoting.
				if err := r.addWordParts(b, word.Parts, false, true); err != nil {
					return err
				}
				continue
			} else if ok {
				// The word is not used: it is not expanded either, so
				// ${x:-$((i++))} leaves i alone when x is set.
				p = &syntax.ParamExp{Param: p.Param, Index: p.Index}
			}
			if arrayish(p) {
				elems, err := r.arrayElems(p)
				if err != nil {
					return err
				}
				for k, e := range elems {
					if k > 0 {
						b.boundary()
					}
					b.add(segment{s: e, split: true})
				}
				continue
			}
			s, err := r.paramValue(p)
			if err != nil {
				return err
			}
			b.add(segment{s: s, split: true})
		case *syntax.CmdSubst:
			var sb strings.Builder
			if err := r.cmdSubst(&sb, p); err != nil {
				return err
			}
			b.add(segment{s: strings.TrimRight(strings.ReplaceAll(sb.String(), "\x00", ""), "\n"), split: true})
		case *syntax.ArithmExp:
			n, err := expand.Arithm(cfg, p.X)
			if err != nil {
				return err
			}
			b.add(segment{s: itoa(n), split: true})
		case *syntax.ProcSubst:
			path, err := r.procSubst(p)
			if err != nil {
				return err
			}
			b.add(segment{s: path, quoted: true})
		case *syntax.ExtGlob:
			b.add(segment{s: p.Op.String() + p.Pattern.Value + ")"})
		}
	}
	return nil
}

// chosenWord decides an unquoted ${v-word}, ${v:-word}, ${v+word} or
// ${v:+word}: ok says pe is one, use whether the parameter's state selects
// the word, which is then expanded here, part by part, so that its own
// quotes survive field splitting.
func (r *Shell) chosenWord(pe *syntax.ParamExp) (word *syntax.Word, use, ok bool, err error) {
	if pe.Exp == nil || pe.Exp.Word == nil || pe.Length || pe.Width || pe.Excl || pe.Slice != nil || pe.Repl != nil || pe.Names != 0 {
		return nil, false, false, nil
	}
	op := pe.Exp.Op
	if op != syntax.DefaultUnset && op != syntax.DefaultUnsetOrNull && op != syntax.AlternateUnset && op != syntax.AlternateUnsetOrNull {
		return nil, false, false, nil
	}
	bare := &syntax.ParamExp{Param: pe.Param, Index: pe.Index}
	var set, empty bool
	if name := pe.Param.Value; pe.Index == nil && validName(name) {
		// A plain variable, the common case: asked of the table directly
		// rather than through two expansions.
		vr := r.lookupVar(name)
		set, empty = vr.IsSet(), vr.String() == ""
	} else if arrayish(bare) {
		// $@, ${a[@]}: set when there are elements; "empty" when they
		// join to nothing.
		elems, err := r.arrayElems(bare)
		if err != nil {
			return nil, false, false, err
		}
		set, empty = len(elems) > 0, strings.Join(elems, "") == ""
	} else {
		probe := &syntax.ParamExp{Param: pe.Param, Index: pe.Index,
			Exp: &syntax.Expansion{Op: syntax.AlternateUnset, Word: &syntax.Word{Parts: []syntax.WordPart{&syntax.Lit{Value: "1"}}}}}
		mark, err := r.paramValue(probe) // ${v+1}: no error under set -u
		if err != nil {
			return nil, false, false, err
		}
		set, empty = mark == "1", true
		if set {
			val, err := r.paramValue(bare)
			if err != nil {
				return nil, false, false, err
			}
			empty = val == ""
		}
	}
	switch op {
	case syntax.DefaultUnset:
		use = !set
	case syntax.DefaultUnsetOrNull:
		use = !set || empty
	case syntax.AlternateUnset:
		use = set
	case syntax.AlternateUnsetOrNull:
		use = set && !empty
	}
	if !use && !set {
		// ${u+word} of an unset u is nothing; expanding the bare u
		// instead would fail under set -u.
		return &syntax.Word{}, true, true, nil
	}
	return pe.Exp.Word, use, true, nil
}

// addUnquotedLit adds literal text, turning backslash escapes into quoted
// characters.
func addUnquotedLit(b *fieldBuilder, s string, split bool) {
	for {
		i := strings.IndexByte(s, '\\')
		if i < 0 || i == len(s)-1 {
			if s != "" {
				b.add(segment{s: s, split: split})
			}
			return
		}
		if i > 0 {
			b.add(segment{s: s[:i], split: split})
		}
		_, size := utf8.DecodeRuneInString(s[i+1:])
		b.add(segment{s: s[i+1 : i+1+size], quoted: true})
		s = s[i+1+size:]
	}
}

// dblQuotedFields adds a double-quoted part: one field's worth of quoted
// text, except that "$@" and "${a[@]}" produce one field per element.
func (r *Shell) dblQuotedFields(b *fieldBuilder, dq *syntax.DblQuoted) error {
	cfg := r.expandConfig()
	b.present = true
	if len(dq.Parts) == 0 {
		// "": an empty quoted string, which a split field keeps ($sp"").
		b.add(segment{quoted: true})
		return nil
	}
	onlyAt := len(dq.Parts) == 1
	for _, part := range dq.Parts {
		if pe, ok := part.(*syntax.ParamExp); ok && arrayish(pe) && !starJoined(pe) {
			elems, err := r.arrayElems(pe)
			if err != nil {
				return err
			}
			if onlyAt && len(elems) == 0 && len(b.cur) == 0 {
				// "$@" with no parameters is no field at all.
				b.present = false
			}
			for k, e := range elems {
				if k > 0 {
					b.boundary()
					b.present = true
				}
				b.add(segment{s: e, quoted: true})
			}
			continue
		}
		var s string
		var err error
		if pe, ok := part.(*syntax.ParamExp); ok && isPromptOp(pe) {
			s, err = r.paramValue(pe)
		} else {
			s, err = expand.Literal(cfg, &syntax.Word{Parts: []syntax.WordPart{&syntax.DblQuoted{Parts: []syntax.WordPart{part}}}})
			err = r.expandError(err)
		}
		if err != nil {
			return err
		}
		b.add(segment{s: s, quoted: true})
	}
	return nil
}

// arrayElems returns the elements an arrayish expansion yields when quoted.
func (r *Shell) arrayElems(pe *syntax.ParamExp) ([]string, error) {
	if pe.Exp == nil && pe.Slice == nil && pe.Repl == nil && !pe.Excl && pe.Names == 0 && pe.Index == nil {
		return r.params, nil
	}
	q := &syntax.Word{Parts: []syntax.WordPart{&syntax.DblQuoted{Parts: []syntax.WordPart{pe}}}}
	var elems []string
	for f, err := range expand.FieldsSeq(r.expandConfig(), q) {
		if err != nil {
			return nil, r.expandError(err)
		}
		elems = append(elems, f)
	}
	return elems, nil
}

// splitField applies IFS field splitting (XCU 2.6.5) to one field's
// segments. keepEmpty keeps a field with no characters (it had quotes).
func splitField(segs []segment, ifs string, keepEmpty bool) [][]segment {
	var out [][]segment
	var cur []segment
	started := false // the current field exists
	// Fast path: nothing to split.
	hasSplit := false
	for _, s := range segs {
		if s.split && s.s != "" {
			hasSplit = true
			break
		}
	}
	if !hasSplit || ifs == "" {
		present := keepEmpty
		for _, s := range segs {
			if s.s != "" || s.quoted {
				cur = append(cur, segment{s: s.s, quoted: s.quoted})
				present = true
			}
		}
		if present {
			return [][]segment{cur}
		}
		return nil
	}
	for _, s := range segs {
		if s.quoted || s.s == "" {
			if s.quoted {
				cur = append(cur, segment{s: s.s, quoted: true})
				started = true
			}
			continue
		}
		if !s.split {
			cur = append(cur, segment{s: s.s})
			started = true
			continue
		}
		// afterWS: the last delimiter was IFS white space that ended a
		// field, so an adjacent non-white delimiter belongs to it.
		afterWS := false
		start := 0
		text := s.s
		flush := func(end int) {
			if end > start {
				cur = append(cur, segment{s: text[start:end]})
			}
		}
		for i, c := range text {
			isIFS := strings.ContainsRune(ifs, c)
			if !isIFS {
				if !started {
					start = i
				}
				started = true
				afterWS = false
				continue
			}
			size := utf8.RuneLen(c)
			ws := c == ' ' || c == '\t' || c == '\n'
			if ws {
				if started {
					flush(i)
					out = append(out, cur)
					cur, started = nil, false
					afterWS = true
				}
				start = i + size
				continue
			}
			// A non-white IFS character always delimits a field.
			if started {
				flush(i)
				out = append(out, cur)
				cur, started = nil, false
			} else if !afterWS {
				out = append(out, nil) // an empty field
			}
			afterWS = false
			start = i + size
		}
		if started {
			flush(len(text))
		}
	}
	if started {
		out = append(out, cur)
	}
	return out
}

// globField turns a field into words: pathname expansion when it has
// unquoted pattern characters, else the field's text.
func (r *Shell) globField(field []segment, out []string) ([]string, error) {
	meta := false
	if !r.opts.noglob {
		for _, s := range field {
			if !s.quoted && hasGlobMeta(s.s) {
				meta = true
				break
			}
		}
	}
	if !meta {
		return append(out, fieldText(field)), nil
	}
	if m, ok := r.fastGlob(field); ok {
		if len(m) > 0 {
			return append(out, m...), nil
		}
		if r.opts.nullglob {
			return out, nil
		}
		return append(out, fieldText(field)), nil
	}
	// Rebuild the field as a word in which only the pattern characters are
	// unquoted, and let expand glob it.
	var parts []syntax.WordPart
	for _, s := range field {
		if s.quoted {
			parts = append(parts, &syntax.SglQuoted{Value: s.s})
			continue
		}
		text := s.s
		for text != "" {
			i := strings.IndexAny(text, "*?[]")
			if i < 0 {
				parts = append(parts, &syntax.SglQuoted{Value: text})
				break
			}
			if i > 0 {
				parts = append(parts, &syntax.SglQuoted{Value: text[:i]})
			}
			parts = append(parts, &syntax.Lit{Value: text[i : i+1]})
			text = text[i+1:]
		}
	}
	w := &syntax.Word{Parts: parts}
	for f, err := range expand.FieldsSeq(r.expandConfig(), w) {
		if err != nil {
			return nil, r.expandError(err)
		}
		out = append(out, f)
	}
	return out, nil
}

// hasGlobMeta reports whether s has a pattern character that can match: *
// or ?, or a [ with a ] after it (a lone [ is an ordinary character, so
// the test command's [ never costs a directory listing).
func hasGlobMeta(s string) bool {
	if strings.ContainsAny(s, "*?") {
		return true
	}
	i := strings.IndexByte(s, '[')
	return i >= 0 && strings.IndexByte(s[i+1:], ']') >= 0
}

func fieldText(field []segment) string {
	var sb strings.Builder
	for _, s := range field {
		sb.WriteString(s.s)
	}
	return sb.String()
}

// tilde performs tilde expansion on the leading literal of a word: ~ is
// $HOME, ~user that user's home directory.
func (r *Shell) tilde(s string, moreParts bool) (home, rest string, ok bool) {
	if !strings.HasPrefix(s, "~") {
		return "", s, false
	}
	name := s[1:]
	i := strings.IndexByte(name, '/')
	if i < 0 && moreParts {
		return "", s, false
	}
	if i >= 0 {
		name, rest = name[:i], name[i:]
	}
	if name == "" {
		vr := r.lookupVar("HOME")
		if !vr.IsSet() {
			return "", s, false
		}
		return vr.String(), rest, true
	}
	if dir := homeDirOf(name); dir != "" {
		return dir, rest, true
	}
	return "", s, false
}

// homeDirOf returns a user's home directory from the password database.
func homeDirOf(name string) string {
	u, err := user.Lookup(name)
	if err != nil {
		return ""
	}
	return u.HomeDir
}

// paramValue is the value of a parameter expansion that yields one string.
// ${var@P} (prompt expansion) is done here: expand leaves it undone.
func (r *Shell) paramValue(pe *syntax.ParamExp) (string, error) {
	if isPromptOp(pe) {
		return r.expandPrompt(r.lookupVar(pe.Param.Value).String()), nil
	}
	s, err := expand.Literal(r.expandConfig(), &syntax.Word{Parts: []syntax.WordPart{pe}})
	return s, r.expandError(err)
}

func isPromptOp(pe *syntax.ParamExp) bool {
	return pe.Exp != nil && pe.Exp.Op == syntax.OtherParamOps && pe.Exp.Word != nil &&
		pe.Exp.Word.Lit() == "P" && pe.Index == nil && pe.Param != nil
}
