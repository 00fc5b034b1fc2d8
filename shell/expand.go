package shell

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strconv"
	"strings"

	"mvdan.cc/sh/v3/expand"
	"mvdan.cc/sh/v3/syntax"
)

// expandConfig returns the shell's expand.Config, made once per context and
// kept in step with the options.
func (r *Shell) expandConfig() *expand.Config {
	if r.cfg == nil {
		r.cfg = &expand.Config{
			Env:       env{r},
			CmdSubst:  r.cmdSubst,
			ProcSubst: r.procSubst,
		}
	}
	c := r.cfg
	c.NoUnset = r.opts.nounset
	c.NullGlob = r.opts.nullglob
	c.GlobStar = r.opts.globstar
	c.DotGlob = r.opts.dotglob
	c.NoCaseGlob = r.opts.nocaseglob
	c.ExtGlob = r.opts.extglob
	if r.opts.noglob {
		c.ReadDir2 = nil
	} else if c.ReadDir2 == nil {
		c.ReadDir2 = r.readDir
	}
	return c
}

// readDir lists a directory for globbing, resolving relative paths against
// the shell's directory.
func (r *Shell) readDir(path string) ([]fs.DirEntry, error) {
	return os.ReadDir(r.abs(path))
}

// isPlainLit reports whether a word is one literal that no expansion can
// change: the common case, which skips expand entirely.
func isPlainLit(w *syntax.Word) (string, bool) {
	if len(w.Parts) != 1 {
		return "", false
	}
	lit, ok := w.Parts[0].(*syntax.Lit)
	if !ok {
		return "", false
	}
	v := lit.Value
	for i := 0; i < len(v); i++ {
		switch v[i] {
		case '*', '?', '[', '{', '~', '\\', '\x00':
			return "", false
		}
	}
	return v, true
}

// expandFields expands words into fields: brace, tilde, parameter, command
// and arithmetic expansion, field splitting, globbing and quote removal.
func (r *Shell) expandFields(words ...*syntax.Word) (_ []string, err error) {
	defer catchExpandPanic(&err)
	if len(words) == 1 {
		if s, ok := isPlainLit(words[0]); ok {
			return []string{s}, nil
		}
	}
	fields := make([]string, 0, len(words))
	cfg := r.expandConfig()
	for _, w := range words {
		if r.g.sandbox && hugeBraceRange(w) {
			return nil, errors.New("brace range too large for the sandbox")
		}
		if s, ok := isPlainLit(w); ok {
			fields = append(fields, s)
			continue
		}
		if s, ok, err := r.fastParam(w, true); ok {
			if err != nil {
				return nil, err
			}
			fields = append(fields, s...)
			continue
		}
		if needsOwnSplitting(w) {
			var err error
			bw := *w // SplitBraces rewrites the parts it is given
			words := []*syntax.Word{&bw}
			if syntax.SplitBraces(&bw) {
				words = expand.Braces(&bw)
			}
			for _, bw := range words {
				if fields, err = r.wordFields(bw, fields); err != nil {
					return nil, err
				}
			}
			continue
		}
		for f, err := range expand.FieldsSeq(cfg, w) {
			if err != nil {
				return nil, r.expandError(err)
			}
			fields = append(fields, f)
		}
	}
	return fields, nil
}

// expandLiteral expands a word to one string, without field splitting or
// globbing: assignment values, case subjects, here-strings.
func (r *Shell) expandLiteral(w *syntax.Word) (_ string, err error) {
	defer catchExpandPanic(&err)
	if w == nil {
		return "", nil
	}
	if s, ok := isPlainLit(w); ok {
		return s, nil
	}
	if s, ok, err := r.fastParam(w, false); ok {
		if err != nil {
			return "", err
		}
		return strings.Join(s, " "), nil
	}
	if hasPromptOp(w.Parts) {
		return r.literalParts(w.Parts, false)
	}
	s, err := expand.Literal(r.expandConfig(), quoteEscapedLits(w))
	return s, r.expandError(err)
}

// quoteEscapedLits returns w with each unquoted literal that holds a
// backslash escape (x=a\\b) turned into the single-quoted text it stands
// for: expand.Literal keeps such backslashes, where quote removal takes
// them out. In a literal that starts with ~, the part up to the first slash
// (included) stays a literal, so that its tilde still expands.
func quoteEscapedLits(w *syntax.Word) *syntax.Word {
	var parts []syntax.WordPart
	for i, p := range w.Parts {
		lit, ok := p.(*syntax.Lit)
		if !ok || !strings.Contains(lit.Value, `\`) {
			if parts != nil {
				parts = append(parts, p)
			}
			continue
		}
		if parts == nil {
			parts = append([]syntax.WordPart(nil), w.Parts[:i]...)
		}
		v := lit.Value
		if i == 0 && strings.HasPrefix(v, "~") {
			slash := strings.IndexByte(v, '/')
			if slash < 0 || strings.Contains(v[:slash], `\`) {
				parts = append(parts, p) // ~user\x: left as it is
				continue
			}
			parts = append(parts, &syntax.Lit{ValuePos: lit.ValuePos, ValueEnd: lit.ValueEnd, Value: v[:slash+1]})
			v = v[slash+1:]
		}
		parts = append(parts, &syntax.SglQuoted{Left: lit.ValuePos, Right: lit.ValueEnd, Value: unescapePattern(v)})
	}
	if parts == nil {
		return w
	}
	return &syntax.Word{Parts: parts}
}

// hasPromptOp reports whether parts use ${var@P}, which expand leaves
// undone.
func hasPromptOp(parts []syntax.WordPart) bool {
	for _, p := range parts {
		switch p := p.(type) {
		case *syntax.ParamExp:
			if isPromptOp(p) {
				return true
			}
		case *syntax.DblQuoted:
			if hasPromptOp(p.Parts) {
				return true
			}
		}
	}
	return false
}

// literalParts expands parts one by one into a single string.
func (r *Shell) literalParts(parts []syntax.WordPart, quoted bool) (string, error) {
	var sb strings.Builder
	for _, p := range parts {
		switch p := p.(type) {
		case *syntax.ParamExp:
			if isPromptOp(p) {
				s, err := r.paramValue(p)
				if err != nil {
					return "", err
				}
				sb.WriteString(s)
				continue
			}
		case *syntax.DblQuoted:
			s, err := r.literalParts(p.Parts, true)
			if err != nil {
				return "", err
			}
			sb.WriteString(s)
			continue
		}
		var w *syntax.Word
		if quoted {
			w = &syntax.Word{Parts: []syntax.WordPart{&syntax.DblQuoted{Parts: []syntax.WordPart{p}}}}
		} else {
			w = &syntax.Word{Parts: []syntax.WordPart{p}}
		}
		s, err := expand.Literal(r.expandConfig(), w)
		if err != nil {
			return "", r.expandError(err)
		}
		sb.WriteString(s)
	}
	return sb.String(), nil
}

// expandPattern expands a word as a pattern: quoted parts match literally.
func (r *Shell) expandPattern(w *syntax.Word) (_ string, err error) {
	defer catchExpandPanic(&err)
	if s, ok := isPlainLit(w); ok {
		return s, nil
	}
	s, err := expand.Pattern(r.expandConfig(), w)
	return s, r.expandError(err)
}

// catchExpandPanic turns a panic inside mvdan.cc/sh/v3/expand (it panics on
// a few malformed expansions, such as ${x@Z}) into an ordinary error.
func catchExpandPanic(err *error) {
	if p := recover(); p != nil {
		*err = fmt.Errorf("bad substitution (%v)", p)
	}
}

// arith evaluates an arithmetic expression.
func (r *Shell) arith(x syntax.ArithmExpr) (_ int, err error) {
	defer catchExpandPanic(&err)
	return expand.Arithm(r.expandConfig(), x)
}

// expandError turns expand's errors into the shell's.
func (r *Shell) expandError(err error) error {
	if err == nil {
		return nil
	}
	var ue expand.UnsetParameterError
	if errors.As(err, &ue) {
		return fatalExpansion{err}
	}
	return err
}

// fatalExpansion is an expansion error after which a non-interactive shell
// exits (POSIX: ${x?} and unset variables under set -u).
type fatalExpansion struct{ err error }

func (e fatalExpansion) Error() string { return e.err.Error() }

// cmdSubst runs $(...) in an in-process copy of the shell with fd 1 captured.
func (r *Shell) cmdSubst(w io.Writer, cs *syntax.CmdSubst) error {
	sub := r.copyForSubshell()
	c := &capture{}
	sub.fds.set(1, &fdEntry{capture: c})
	sub.noErrExit = 0
	if file, ok := catRedirect(cs.Stmts); ok {
		// $(<file) is the file's contents, without running anything.
		s, err := sub.expandRedirWord(file)
		if err != nil {
			r.failf(1, "%v", err)
			return nil
		}
		data, err := os.ReadFile(r.abs(s))
		if err != nil {
			r.failf(1, "%s: %s", s, errnoText(err))
			return nil
		}
		_, err = w.Write(data)
		return err
	}
	if !r.opts.posix {
		// bash does not keep set -e inside $(...) unless inherit_errexit.
		sub.opts.errexit = r.opts.errexit && r.opts.inheritErrexit
	}
	sub.runStmts(cs.Stmts)
	sub.runExitTrap()
	out := c.finish()
	r.status = sub.status
	r.substStatus = sub.status
	r.hadSubst = true
	_, err := io.WriteString(w, out)
	return err
}

// catRedirect recognises $(<file): one statement that is only an input
// redirection.
func catRedirect(stmts []*syntax.Stmt) (*syntax.Word, bool) {
	if len(stmts) != 1 {
		return nil, false
	}
	st := stmts[0]
	if st.Cmd != nil || len(st.Redirs) != 1 || st.Negated || st.Background {
		return nil, false
	}
	rd := st.Redirs[0]
	if rd.Op != syntax.RdrIn || rd.N != nil && rd.N.Value != "0" {
		return nil, false
	}
	return rd.Word, true
}

// procSubst runs <(...) or >(...) concurrently, connected by a pipe that the
// command sees as /dev/fd/N.
func (r *Shell) procSubst(ps *syntax.ProcSubst) (string, error) {
	pr, pw, err := osPipe()
	if err != nil {
		return "", err
	}
	sub := r.copyForSubshell()
	mine, theirs := pr, pw // <(cmd): cmd writes, we read
	if ps.Op == syntax.CmdOut {
		mine, theirs = pw, pr
		sub.fds.set(0, &fdEntry{f: pr})
	} else {
		sub.fds.set(1, &fdEntry{f: pw})
	}
	fd := int(mine.Fd())
	r.fds.set(fd, &fdEntry{f: mine, owner: r})
	r.procSubsts = append(r.procSubsts, mine)
	r.g.substs.Add(1)
	go func() {
		defer r.g.substs.Done()
		sub.runStmts(ps.Stmts)
		theirs.Close()
	}()
	return "/dev/fd/" + strconv.Itoa(fd), nil
}

// closeProcSubsts closes our ends of the process substitutions made since
// the first `from` were: once the command that used them is done, the
// process behind >(...) must see EOF.
func (r *Shell) closeProcSubsts(from int) {
	if len(r.procSubsts) <= from {
		return
	}
	for _, f := range r.procSubsts[from:] {
		fd := int(f.Fd())
		if e := r.fds.get(fd); e != nil && e.f == f {
			r.fds.set(fd, nil)
		}
		f.Close()
	}
	r.procSubsts = r.procSubsts[:from]
}

// fastParam expands the commonest words without going through expand: a
// lone "$name" or $name, and prefix/suffix removal with a pattern, caching
// the compiled pattern (expand compiles a regexp on every use). ok is false
// when the word is not of such a shape.
func (r *Shell) fastParam(w *syntax.Word, split bool) (fields []string, ok bool, err error) {
	var pe *syntax.ParamExp
	quoted := false
	switch len(w.Parts) {
	case 1:
		switch p := w.Parts[0].(type) {
		case *syntax.ParamExp:
			pe = p
		case *syntax.DblQuoted:
			if len(p.Parts) == 1 {
				pe, _ = p.Parts[0].(*syntax.ParamExp)
				quoted = true
			}
		}
	}
	if pe == nil || pe.Excl || pe.Length || pe.Width || pe.IsSet || pe.Index != nil || pe.Slice != nil ||
		pe.Repl != nil || pe.Names != 0 || pe.Param == nil {
		return nil, false, nil
	}
	name := pe.Param.Value
	switch name {
	case "@", "*", "LINENO":
		return nil, false, nil
	}
	vr := r.lookupVar(name)
	if vr.Kind != expand.String || !vr.Set {
		return nil, false, nil
	}
	val := vr.Str
	if pe.Exp != nil {
		switch pe.Exp.Op {
		case syntax.RemSmallPrefix, syntax.RemLargePrefix, syntax.RemSmallSuffix, syntax.RemLargeSuffix:
		default:
			return nil, false, nil
		}
		if pe.Exp.Word == nil {
			return nil, false, nil
		}
		pat, ok := isPlainLit(pe.Exp.Word)
		if !ok {
			if pe.Exp.Word == nil || len(pe.Exp.Word.Parts) != 1 {
				return nil, false, nil
			}
			lit, isLit := pe.Exp.Word.Parts[0].(*syntax.Lit)
			if !isLit || strings.ContainsAny(lit.Value, "\\{~") {
				return nil, false, nil
			}
			pat = lit.Value
		}
		val = r.g.patterns.trim(val, pat, pe.Exp.Op)
	}
	if quoted || !split {
		return []string{val}, true, nil
	}
	if val == "" {
		return nil, true, nil
	}
	// Unquoted: split on IFS, glob the fields. Only take the fast way when
	// neither can change anything.
	if strings.ContainsAny(val, r.ifsChars()+"*?[\\") {
		return nil, false, nil
	}
	return []string{val}, true, nil
}

func (r *Shell) ifsChars() string {
	vr := r.vars["IFS"]
	if !vr.Set {
		return " \t\n"
	}
	return vr.Str
}

// wordText is a word's source text, for messages.
func wordText(w *syntax.Word) string {
	if w == nil {
		return ""
	}
	var sb strings.Builder
	syntax.NewPrinter().Print(&sb, w)
	return sb.String()
}

func itoa(n int) string { return strconv.Itoa(n) }

func atoiDefault(s string, def int) int {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		return def
	}
	return n
}

// arithString evaluates s as an arithmetic expression (declare -i, let).
func (r *Shell) arithString(s string) (_ int, err error) {
	defer catchExpandPanic(&err)
	if n, err := strconv.Atoi(strings.TrimSpace(s)); err == nil {
		return n, nil
	}
	if strings.TrimSpace(s) == "" {
		return 0, nil
	}
	p := syntax.NewParser(syntax.Variant(syntax.LangBash))
	expr, err := p.Arithmetic(strings.NewReader(s))
	if err != nil {
		return 0, fmt.Errorf("%s: syntax error in expression", s)
	}
	return expand.Arithm(r.expandConfig(), expr)
}
