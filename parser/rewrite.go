package parser

import (
	"bytes"
	"slices"
	"strings"

	"mvdan.cc/sh/v3/syntax"
)

// bash takes some decisions while it reads a command that mvdan.cc/sh
// takes differently or cannot express. gosh repairs them here, on the text
// of one command and the tree parsed from it, without forking the library:
//
//   - Aliases are expanded as the command is read: the alias's text
//     replaces the word and the command is parsed again, so an alias can
//     hold any syntax (`alias LEFT='{'`), and an alias defined on a line
//     applies from the next line on. A word that came from alias a is not
//     expanded as a again; an alias ending in a blank makes the next word
//     a candidate too (POSIX XCU 2.3.1).
//   - `let` takes words, expanded at run time: mvdan parses its arguments
//     as arithmetic, so `let --` and `let x 1>&2` are syntax errors and
//     `let "x=5"` assigns nothing. The keyword is re-read as `\let`, a
//     plain command that runs the let builtin; the word is then given back
//     its plain spelling, so that printing the tree shows `let`.
//   - `((` whose inner parenthesis closes alone is two subshells, and
//     `$((` so a command substitution of a subshell, when the arithmetic
//     does not parse: `((echo a; echo b) | cat)`. A `((` closed by `))`
//     stays arithmetic, as in bash.
//   - $((...)) whose text parses only once expanded ($((x$i = 1))) is
//     read as one double-quoted word, evaluated as text (arithtext.go).
//   - A subscript that is not arithmetic (m[x y]=1) is quoted (assoc.go).
//   - An empty offset or length of a slice (${s: }, ${a[@]::}) is given
//     the 0 bash takes it for (slice.go).
//   - A function definition ends at its body: `f() { :; } && echo after`
//     defines f and runs echo, where mvdan makes `&& echo after` part of f.
//     Redirections written after the body stay with the body, as in bash.

// maxRewrites bounds the rounds of alias expansion of one command, which
// the no-recursion rule already makes finite.
const maxRewrites = 100

// letCommand is what a `let` keyword is re-read as: a quoted word, so
// that the parser takes it as the name of a command.
const letCommand = `\let`

// rewriteCommand applies bash's read-time decisions to stmts, the
// statements parsed from text, which begins at place at in the input. When
// the rewritten command is incomplete it reads more lines from in (nil: it
// may not), and readMore reports that it did.
func rewriteCommand(in *lineTap, text []byte, at textPos, stmts []*syntax.Stmt, aliases Aliases) (out []*syntax.Stmt, readMore bool, err error) {
	if !mayNeedEdits(text, aliases) {
		return stmts, false, nil
	}
	w := &rewriter{in: in, at: at, aliases: aliases, text: text}
	out, err = w.run(stmts, w.findEdits(stmts))
	return out, w.readMore, err
}

// repairCommand tries bash's fallbacks on a command that did not parse:
// aliases in the statements parsed before the error (partial), `let` read
// as a command, and then, error by error, the last `((` before the error
// read as two subshells. ok is false when nothing makes the command parse;
// then later is the error to report instead of the first one, if any: the
// error after quoting a subscript or an arithmetic text, which bash reads
// that way unconditionally, so that m[a b]=1; if reports the `if`.
func repairCommand(in *lineTap, text []byte, at textPos, partial []*syntax.Stmt, aliases Aliases) (stmts []*syntax.Stmt, ok bool, later error) {
	text = slices.Clone(text)
	probe := &rewriter{at: at, aliases: aliases, text: text}
	aliasEdits := probe.findEdits(partial)
	letEdits := scanLets(text)
	tries := [][]edit{aliasEdits, letEdits, slices.Concat(aliasEdits, letEdits), {}}
	for i, edits := range tries {
		if len(edits) == 0 && i < len(tries)-1 {
			continue
		}
		if in != nil {
			text = in.current() // a try that read more lines leaves them read
		}
		w := &rewriter{in: in, at: at, aliases: aliases, text: slices.Clone(text)}
		w.apply(edits)
		wordRepairs := false
		for range maxRewrites {
			stmts, err := w.parse()
			if err == nil {
				if out, err := w.run(stmts, w.findEdits(stmts)); err == nil {
					return out, true, nil
				}
				break
			}
			if wordRepairs && len(edits) == 0 {
				later = err
			}
			errAt := errorOffset(err) - at.offs
			paren, found := lastDoubleParen(w.text, errAt)
			if found == parenOpen && w.readLine() {
				continue // where the (( closes is on a line not read yet
			}
			if found != parenSubshells {
				if arith, ok := arithmeticAsText(w.text, errAt); ok {
					w.apply([]edit{arith})
					wordRepairs = true
					continue
				}
				if slice, ok := emptySliceOperand(w.text, err, errAt); ok {
					w.apply([]edit{slice}) // ${s::} as ${s::0} (slice.go)
					wordRepairs = true
					continue
				}
				if sub, ok := subscriptQuoting(w.text, errAt); ok {
					w.apply([]edit{sub}) // m[x y]=1: the key as a word (assoc.go)
					wordRepairs = true
					continue
				}
				break
			}
			w.apply([]edit{paren})
		}
	}
	// An alias that holds syntax (`alias LEFT='{'`) can keep the command
	// from parsing until it is expanded: expand aliases by their place in
	// the text, round by round, until the command parses.
	if in != nil {
		text = in.current()
	}
	w := &rewriter{in: in, at: at, aliases: aliases, text: slices.Clone(text)}
	for range maxRewrites {
		edits := w.lexicalAliasEdits()
		if len(edits) == 0 {
			break
		}
		w.apply(edits)
		if stmts, err := w.parse(); err == nil {
			out, err := w.run(stmts, w.findEdits(stmts))
			return out, err == nil, nil
		}
	}
	return nil, false, later
}

// edit replaces text[start:end] with repl. name is the alias it expands,
// "" for other edits.
type edit struct {
	start, end int
	repl       string
	name       string
}

// span is text that came from expanding aliases; names are the aliases it
// is inside of, which it may not expand again.
type span struct {
	start, end int
	names      []string
	trailing   bool // the alias ended in a blank: the next word is a candidate
	fresh      bool // made in the last round
}

type rewriter struct {
	in       *lineTap
	at       textPos
	aliases  Aliases
	text     []byte
	spans    []span
	readMore bool
}

// run applies edits and parses the text again, until a parse asks for no
// more edits, then makes the tree's last repairs.
func (w *rewriter) run(stmts []*syntax.Stmt, edits []edit) ([]*syntax.Stmt, error) {
	for round := 0; len(edits) > 0; round++ {
		if round == maxRewrites {
			return nil, syntax.ParseError{Pos: syntax.NewPos(uint(w.at.offs), uint(w.at.line+1), 1), Text: "alias expansion too deep"}
		}
		w.apply(edits)
		var err error
		if stmts, err = w.parse(); err != nil {
			return nil, err
		}
		edits = w.findEdits(stmts)
	}
	if mayNeedEdits(w.text, w.aliases) {
		for _, st := range stmts {
			finishTree(st)
		}
	}
	return stmts, nil
}

// parse parses the edited text, reading more input while it is incomplete.
func (w *rewriter) parse() ([]*syntax.Stmt, error) {
	for {
		f, err := New().Parse(bytes.NewReader(w.text), "")
		if err != nil && Incomplete(err) && w.readLine() {
			continue
		}
		if err != nil {
			return nil, shiftError(err, w.at)
		}
		for _, st := range f.Stmts {
			shiftNode(st, w.at)
		}
		return f.Stmts, nil
	}
}

// mayNeedEdits is a quick look at a command's text, so that most commands
// are not walked: only a `let`, an alias or a function definition asks for
// work.
func mayNeedEdits(text []byte, aliases Aliases) bool {
	return aliases != nil && !aliases.None() ||
		bytes.Contains(text, []byte("let")) ||
		bytes.Contains(text, []byte("(")) || bytes.Contains(text, []byte("function"))
}

// readLine adds the next line of the input to the text; false when it
// may not read or the input has ended.
func (w *rewriter) readLine() bool {
	if w.in == nil {
		return false
	}
	n := len(w.in.current())
	if !w.in.readLine() {
		return false
	}
	w.text = append(w.text, w.in.current()[n:]...)
	w.readMore = true
	return true
}

// offset is where the position p falls in the command's text.
func (w *rewriter) offset(p syntax.Pos) int { return int(p.Offset()) - w.at.offs }

// findEdits lists what the tree asks to be rewritten: `let` keywords, and
// words that name aliases where aliases are expanded.
func (w *rewriter) findEdits(stmts []*syntax.Stmt) []edit {
	var edits []edit
	var wordAt map[int]*syntax.Word // words by offset, when a span asks for the next one
	if slices.ContainsFunc(w.spans, func(s span) bool { return s.fresh && s.trailing }) {
		wordAt = map[int]*syntax.Word{}
	}
	for _, st := range stmts {
		syntax.Walk(st, func(node syntax.Node) bool {
			switch n := node.(type) {
			case *syntax.LetClause:
				if o := w.offset(n.Let); o >= 0 && o+3 <= len(w.text) && string(w.text[o:o+3]) == "let" {
					edits = append(edits, edit{start: o, end: o + 3, repl: letCommand})
				}
			case *syntax.CallExpr:
				if len(n.Args) > 0 {
					if e, ok := w.aliasEdit(n.Args[0]); ok {
						edits = append(edits, e)
					}
				}
			case *syntax.Word:
				if wordAt != nil {
					wordAt[w.offset(n.Pos())] = n
				}
			}
			return true
		})
	}
	for _, s := range w.spans {
		if !s.fresh || !s.trailing {
			continue
		}
		if word, ok := wordAt[w.afterTrailingBlank(s)]; ok {
			if e, ok := w.aliasEdit(word); ok {
				edits = append(edits, e)
			}
		}
	}
	slices.SortFunc(edits, func(a, b edit) int { return a.start - b.start })
	return slices.CompactFunc(edits, func(a, b edit) bool { return a.start == b.start })
}

// aliasEdit is the edit that expands word, if it is an unquoted name of an
// alias that the text around it does not already come from.
func (w *rewriter) aliasEdit(word *syntax.Word) (edit, bool) {
	if w.aliases == nil || len(word.Parts) != 1 {
		return edit{}, false
	}
	lit, ok := word.Parts[0].(*syntax.Lit)
	if !ok || lit.Value == "" || strings.ContainsAny(lit.Value, `\'"`) {
		return edit{}, false
	}
	start, end := w.offset(word.Pos()), w.offset(word.End())
	if start < 0 || end > len(w.text) || string(w.text[start:end]) != lit.Value {
		return edit{}, false
	}
	return w.aliasEditAt(start, end)
}

// aliasEditAt is the edit that expands the word text[start:end], if it
// names an alias that the text around it does not already come from.
func (w *rewriter) aliasEditAt(start, end int) (edit, bool) {
	name := string(w.text[start:end])
	for _, s := range w.spans {
		if s.start <= start && start < s.end && slices.Contains(s.names, name) {
			return edit{}, false
		}
	}
	val, ok := w.aliases.Lookup(unescapeString(name))
	if !ok {
		return edit{}, false
	}
	// The alias's text goes into escaped text (see rawbytes.go).
	return edit{start: start, end: end, repl: escapeString(val), name: name}, true
}

// afterTrailingBlank is the offset of the word that follows s, an alias
// that ended in a blank: blanks and escaped newlines are skipped.
func (w *rewriter) afterTrailingBlank(s span) int {
	next := s.end
	for next < len(w.text) {
		if isBlank(w.text[next]) {
			next++
		} else if bytes.HasPrefix(w.text[next:], []byte("\\\n")) {
			next += 2 // an escaped newline joins the lines
		} else {
			break
		}
	}
	return next
}

// lexicalAliasEdits finds aliases by their place in text that does not
// parse: plain words where a command may start, and words after an alias
// that ended in a blank.
func (w *rewriter) lexicalAliasEdits() []edit {
	if w.aliases == nil || w.aliases.None() {
		return nil
	}
	follows := map[int]bool{}
	for _, s := range w.spans {
		if s.fresh && s.trailing {
			follows[w.afterTrailingBlank(s)] = true
		}
	}
	var edits []edit
	scanUnquoted(w.text, func(i int) {
		if i > 0 && !isWordEnd(w.text[i-1]) || isWordEnd(w.text[i]) {
			return
		}
		j := i
		for j < len(w.text) && !isWordEnd(w.text[j]) {
			j++
		}
		if j < len(w.text) && strings.IndexByte(`\'"$`+"`", w.text[j]) >= 0 {
			return // the word goes on with quotes or an expansion
		}
		if commandStart(w.text, i) || follows[i] {
			if e, ok := w.aliasEditAt(i, j); ok {
				edits = append(edits, e)
			}
		}
	})
	return edits
}

// isWordEnd reports whether c cannot be part of a plain word.
func isWordEnd(c byte) bool { return strings.IndexByte(" \t\n;&|()<>\\'\"`$", c) >= 0 }

// apply makes the edits, last first so that earlier offsets hold, and
// keeps the alias spans in step with the text.
func (w *rewriter) apply(edits []edit) {
	for i := range w.spans {
		w.spans[i].fresh = false
	}
	for _, e := range slices.Backward(edits) {
		delta := len(e.repl) - (e.end - e.start)
		var inside []string
		for i := range w.spans {
			s := &w.spans[i]
			switch {
			case s.start >= e.end:
				s.start += delta
				s.end += delta
			case s.start <= e.start && e.end <= s.end:
				s.end += delta
				inside = append(inside, s.names...)
			}
		}
		w.text = slices.Concat(w.text[:e.start], []byte(e.repl), w.text[e.end:])
		if e.name != "" {
			w.spans = append(w.spans, span{
				start: e.start, end: e.start + len(e.repl),
				names:    append(inside, e.name),
				trailing: strings.HasSuffix(e.repl, " ") || strings.HasSuffix(e.repl, "\t"),
				fresh:    true,
			})
		}
	}
}

// finishTree makes the repairs that need no text: `\let` gets back its
// plain spelling, and a function definition ends at its body.
func finishTree(st *syntax.Stmt) {
	syntax.Walk(st, func(node syntax.Node) bool {
		switch n := node.(type) {
		case *syntax.CallExpr:
			if len(n.Args) > 0 && len(n.Args[0].Parts) == 1 {
				if lit, ok := n.Args[0].Parts[0].(*syntax.Lit); ok && lit.Value == letCommand {
					lit.Value = "let"
				}
			}
		case *syntax.Stmt:
			endFuncAtBody(n)
		}
		return true
	})
}

// endFuncAtBody turns `f() BODY OP rest`, which mvdan reads as a function
// whose body is `BODY OP rest`, into `(f() BODY) OP rest`: the definition
// is the first command of the pipeline or list, as in bash.
func endFuncAtBody(st *syntax.Stmt) {
	fd, ok := st.Cmd.(*syntax.FuncDecl)
	if !ok || fd.Body == nil {
		return
	}
	list, ok := fd.Body.Cmd.(*syntax.BinaryCmd)
	if !ok || fd.Body.Negated || len(fd.Body.Redirs) > 0 {
		return
	}
	first := list
	for {
		x, ok := first.X.Cmd.(*syntax.BinaryCmd)
		if !ok || first.X.Negated || len(first.X.Redirs) > 0 {
			break
		}
		first = x
	}
	def := *fd
	def.Body = first.X
	first.X = &syntax.Stmt{Position: st.Position, Cmd: &def}
	st.Cmd = list
}

// scanLets finds `let` words where a command may start, outside quotes,
// for a command that did not parse: bash reads `let --` or `let x 1>&2`
// as a command with words.
func scanLets(text []byte) []edit {
	var edits []edit
	scanUnquoted(text, func(i int) {
		if bytes.HasPrefix(text[i:], []byte("let")) && commandStart(text, i) &&
			i+3 < len(text) && isBlank(text[i+3]) {
			edits = append(edits, edit{start: i, end: i + 3, repl: letCommand})
		}
	})
	return edits
}

// parenFound says what lastDoubleParen found.
type parenFound int

const (
	parenNone      parenFound = iota
	parenSubshells            // a (( whose inner parenthesis closes alone
	parenOpen                 // a (( that does not close in the text read so far
)

// lastDoubleParen finds the last `((` that starts by offset errAt, where a
// command may start, or `$((`, outside quotes: bash reads `((` whose inner
// parenthesis closes alone, `((a) | b)`, as two subshells, and `$((` so
// as a command substitution that starts with a subshell. A `((` closed by
// `))` is arithmetic, and wrong: `$((echo a))`.
func lastDoubleParen(text []byte, errAt int) (edit, parenFound) {
	last, found := edit{}, parenNone
	scanUnquoted(text[:min(max(errAt+2, 0), len(text))], func(i int) {
		if !bytes.HasPrefix(text[i:], []byte("((")) ||
			!(i > 0 && text[i-1] == '$' || commandStart(text, i) && (i == 0 || text[i-1] != '(')) {
			return
		}
		switch doubleParenClose(text, i) {
		case closedAlone:
			last, found = edit{start: i, end: i + 2, repl: "( ("}, parenSubshells
		case notClosed:
			found = parenOpen
		default:
			found = parenNone
		}
	})
	return last, found
}

// parenClose is how the inner parenthesis of a `((` closes.
type parenClose int

const (
	notClosed parenClose = iota
	closedAlone
	closedDouble
)

// doubleParenClose finds how the `((` at text[i] closes: by `))`, as
// arithmetic does, or by a `)` alone, as a subshell inside a subshell.
func doubleParenClose(text []byte, i int) parenClose {
	depth, how := 2, notClosed
	body := text[i+2:]
	scanUnquoted(body, func(j int) {
		if how != notClosed {
			return
		}
		switch body[j] {
		case '(':
			depth++
		case ')':
			if depth--; depth == 1 {
				how = closedAlone
				if j+1 < len(body) && body[j+1] == ')' {
					how = closedDouble
				}
			}
		}
	})
	return how
}

// scanUnquoted calls fn with each offset of text outside quotes and
// comments, roughly as the shell's lexer sees them.
func scanUnquoted(text []byte, fn func(i int)) {
	for i := 0; i < len(text); i++ {
		switch c := text[i]; c {
		case '\\':
			i++
		case '\'':
			if j := bytes.IndexByte(text[i+1:], '\''); j >= 0 {
				i += j + 1
			}
		case '"':
			for i++; i < len(text) && text[i] != '"'; i++ {
				if text[i] == '\\' {
					i++
				}
			}
		case '#':
			if i == 0 || isBlank(text[i-1]) || text[i-1] == '\n' {
				if j := bytes.IndexByte(text[i:], '\n'); j >= 0 {
					i += j
				} else {
					return
				}
			}
		default:
			fn(i)
		}
	}
}

// commandStart reports whether a command may begin at text[i]: after an
// operator, a newline or a reserved word that opens a command list.
func commandStart(text []byte, i int) bool {
	j := i
	for j > 0 && isBlank(text[j-1]) {
		j--
	}
	if j == 0 {
		return true
	}
	if strings.IndexByte(";&|(){\n!", text[j-1]) >= 0 {
		return true
	}
	k := j
	for k > 0 && !isBlank(text[k-1]) && text[k-1] != '\n' && text[k-1] != ';' {
		k--
	}
	switch string(text[k:j]) {
	case "then", "do", "else", "elif", "if", "while", "until", "time":
		return true
	}
	return false
}

func isBlank(c byte) bool { return c == ' ' || c == '\t' }
