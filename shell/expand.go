package shell

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"os/user"
	"strconv"
	"strings"

	"github.com/gosh-sh/gosh/expansion"
	"github.com/gosh-sh/gosh/expansion/pattern"
	"mvdan.cc/sh/v3/syntax"
)

// The shell's side of word expansion: package expansion does the work and
// calls back through host for variables, $(...) and <(...).

// expandConfig returns the shell's expansion.Config, made once per context
// and kept in step with the options.
func (r *Shell) expandConfig() *expansion.Config {
	if r.cfg == nil {
		r.cfg = &expansion.Config{
			Host:     host{r},
			HomeDir:  r.homeDir,
			DirStack: r.dirStackEntry,
			Prompt:   r.expandPrompt,
			Warn:     func(msg string) { r.errorf("%s", msg) },
			Patterns: &r.g.patterns,
		}
	}
	c := r.cfg
	c.NoUnset = r.opts.nounset
	c.NoGlob = r.opts.noglob
	c.NullGlob = r.opts.nullglob
	c.FailGlob = r.opts.failglob
	c.GlobStar = r.opts.globstar
	c.DotGlob = r.opts.dotglob
	c.NoCaseGlob = r.opts.nocaseglob
	c.NoCaseMatch = r.opts.nocasematch
	c.ExtGlob = r.opts.extglob
	c.Posix = r.opts.posix
	if c.ReadDir == nil {
		c.ReadDir = r.readDir
		c.Lstat = func(path string) (fs.FileInfo, error) { return os.Lstat(r.abs(path)) }
		c.Stat = func(path string) (fs.FileInfo, error) { return os.Stat(r.abs(path)) }
	}
	return c
}

// readDir lists a directory for globbing, resolving relative paths against
// the shell's directory. The entries come in directory order: pattern.Glob
// sorts only what matches, which is cheaper than os.ReadDir's sort of all.
func (r *Shell) readDir(path string) ([]pattern.DirEntry, error) {
	if path == "" {
		path = "."
	}
	if r.g.sandbox {
		if err := r.sandboxList(); err != nil {
			return nil, err
		}
	}
	return listDir(r.abs(path))
}

// homeDir is the home directory for ~ (HOME) and ~user (the password
// database).
func (r *Shell) homeDir(name string) (string, bool) {
	if name == "" {
		if v := r.lookupVar("HOME"); v.Set {
			return v.String(), true
		}
		name = currentUserName()
	}
	u, err := user.Lookup(name)
	if err != nil {
		return "", false
	}
	return u.HomeDir, true
}

func currentUserName() string {
	u, err := user.Current()
	if err != nil {
		return ""
	}
	return u.Username
}

// expandFields expands words into fields: brace, tilde, parameter, command
// and arithmetic expansion, field splitting, globbing and quote removal.
func (r *Shell) expandFields(words ...*syntax.Word) ([]string, error) {
	if r.g.sandbox {
		for _, w := range words {
			if hugeBraceRange(w) {
				return nil, errors.New("brace range too large for the sandbox")
			}
		}
	}
	return expansion.Fields(r.expandConfig(), words...)
}

// expandLiteral expands a word to one string, without field splitting or
// globbing: case subjects, here-strings, [[ ]] operands.
func (r *Shell) expandLiteral(w *syntax.Word) (string, error) {
	return expansion.Literal(r.expandConfig(), w)
}

// expandPattern expands a word as a pattern: quoted parts match literally.
func (r *Shell) expandPattern(w *syntax.Word) (string, error) {
	return expansion.Pattern(r.expandConfig(), w)
}

// arith evaluates an arithmetic expression.
func (r *Shell) arith(x syntax.ArithmExpr) (int, error) {
	n, err := expansion.Arith(r.expandConfig(), x)
	return int(n), err
}

// loopArith evaluates a part of for ((init; cond; post)), which set -x
// shows as a ((...)) of its own, as bash does.
func (r *Shell) loopArith(x syntax.ArithmExpr) (int, error) {
	if !r.opts.xtrace {
		return r.arith(x)
	}
	n, err := expansion.ArithTraced(r.expandConfig(), x, syntax.Pos{}, syntax.Pos{}, r.traceArith)
	return int(n), err
}

// arithString evaluates s as an arithmetic expression (declare -i, let).
func (r *Shell) arithString(s string) (int, error) {
	t := strings.TrimSpace(s)
	if digits := strings.TrimLeft(t, "+-"); len(digits) == 1 || len(digits) > 1 && digits[0] != '0' {
		// Plain decimal; 010 is octal and goes to the evaluator.
		if n, err := strconv.Atoi(t); err == nil {
			return n, nil
		}
	}
	n, err := expansion.ArithString(r.expandConfig(), s)
	return int(n), err
}

// matchPattern reports whether s matches the pattern text pat entirely.
func (r *Shell) matchPattern(pat, s string) bool { return r.expandConfig().Match(pat, s) }

// isFatal reports whether an expansion error ends a non-interactive shell
// (XCU 2.8.1: expansion errors, ${x?}, unset variables under set -u).
func isFatal(err error) bool {
	var ee *expansion.Error
	if errors.As(err, &ee) {
		return ee.Fatal
	}
	return false
}

// host is the shell as package expansion sees it.
type host struct{ r *Shell }

func (h host) Var(name string) expansion.Variable { return h.r.lookupVar(name) }

func (h host) Each(fn func(name string, vr expansion.Variable) bool) {
	for name, vr := range h.r.vars {
		if !fn(name, vr) {
			return
		}
	}
}

func (h host) SetVar(name string, vr expansion.Variable) error { return h.r.setVar(name, vr) }

func (h host) SetElem(name, key, value string) error { return h.r.setElem(name, key, value, false) }

func (h host) CmdSubst(w io.Writer, cs *syntax.CmdSubst) error { return h.r.cmdSubst(w, cs) }

func (h host) ProcSubst(ps *syntax.ProcSubst) (string, error) { return h.r.procSubst(ps) }

// cmdSubst runs $(...) in an in-process copy of the shell with fd 1
// captured; one that names $BASHPID is a process of its own (bashpid.go).
func (r *Shell) cmdSubst(w io.Writer, cs *syntax.CmdSubst) error {
	if !r.jobControl() && r.namesBashPid(cs, cs.Stmts) {
		return r.cmdSubstProcess(w, cs)
	}
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
	sub.inSubst = true
	sub.runStmts(cs.Stmts)
	sub.runExitTrap()
	out := c.finish()
	r.status = sub.status
	r.substStatus = sub.status
	r.hadSubst = true
	if sub.interrupted && r.g.interactive {
		// ^C in $(...) abandons the whole command line with 130, as in
		// bash, whose substitution shares the terminal's process group
		// with the shell: the command it is a word of does not run.
		r.interrupted = true
		return exitStatus(130)
	}
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
