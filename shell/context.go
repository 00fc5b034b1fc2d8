package shell

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"

	"github.com/gosh-sh/gosh/builtins"
	"github.com/gosh-sh/gosh/expansion"
	"github.com/gosh-sh/gosh/jobs"
)

// builtinCtx is the builtins.Context a regular builtin sees.
type builtinCtx struct {
	r    *Shell
	name string
}

var _ builtins.Context = builtinCtx{}

func (c builtinCtx) Stdin() io.Reader {
	if e := c.r.fds.get(0); e != nil {
		if f := e.file(); f != nil {
			return f
		}
	}
	return eofReader{}
}

func (c builtinCtx) Stdout() io.Writer { return epipeWriter{c.r, c.r.fdWriter(1)} }
func (c builtinCtx) Stderr() io.Writer { return c.r.fdWriter(2) }

func (c builtinCtx) File(fd int) *os.File {
	if e := c.r.fds.get(fd); e != nil {
		return e.file()
	}
	return nil
}

func (c builtinCtx) Var(name string) (string, bool) {
	if i := strings.IndexByte(name, '['); i > 0 && strings.HasSuffix(name, "]") {
		return c.r.element(name[:i], name[i+1:len(name)-1])
	}
	vr := c.r.lookupVar(name)
	return vr.String(), vr.Set
}

func (c builtinCtx) SetVar(name, value string) error { return c.r.setString(name, value) }

func (c builtinCtx) SetArray(name string, values []string) error {
	if c.r.vars[name].ReadOnly {
		return ReadonlyError{name}
	}
	vr := c.r.vars[name]
	values, err := c.r.attrValues(vr, values)
	if err != nil {
		return err
	}
	vr.Set, vr.Kind, vr.List, vr.Indexes, vr.Str = true, expansion.Indexed, append([]string{}, values...), nil, ""
	return c.r.setVar(name, vr)
}

func (c builtinCtx) UnsetVar(name string) error { return c.r.unsetVar(name) }
func (c builtinCtx) Dir() string                { return c.r.dir }
func (c builtinCtx) Interactive() bool          { return c.r.g.interactive }

func (c builtinCtx) Shopt(name string) bool { return c.r.opts.shoptOn(name) }

func (c builtinCtx) SetOption(name string) bool {
	opt := findOption(setOptions, name)
	return opt != nil && *opt.field(&c.r.opts)
}
func (c builtinCtx) Params() []string       { return c.r.params }

func (c builtinCtx) Errorf(format string, args ...any) { c.r.errorf(format, args...) }

func (c builtinCtx) ResolveJob(spec string) (int, error) {
	j, err := c.r.findJob(spec)
	if err != nil {
		return 0, err
	}
	if j.Pgid != 0 {
		return j.Pgid, nil
	}
	if len(j.Procs) > 0 {
		return -j.Procs[0].Pid, nil // no group of its own: signal the process
	}
	return 0, fmt.Errorf("%s: no such job", spec)
}

func (c builtinCtx) ContinueIfStopped(pid int) { c.r.g.jobs.ContinueIfStopped(pid) }

// Kill sends kill's signals; see killSelfAware.
func (c builtinCtx) Kill(pid int, sig syscall.Signal) error { return c.r.killSelfAware(pid, sig) }

func (c builtinCtx) Interrupted() <-chan struct{} {
	if c.r.g.sigs == nil {
		return nil
	}
	return c.r.g.sigs.interruptChan()
}

// eofReader is the input of a builtin whose fd 0 is closed.
type eofReader struct{}

func (eofReader) Read([]byte) (int, error) { return 0, io.EOF }

// epipeWriter notes a write to a broken pipe: a subshell that meets one
// ends there with status 141, as a forked shell would die of SIGPIPE.
type epipeWriter struct {
	r *Shell
	w io.Writer
}

func (e epipeWriter) Write(p []byte) (int, error) {
	n, err := e.w.Write(p)
	if err != nil && errors.Is(err, syscall.EPIPE) {
		e.r.brokenPipe = true
	}
	return n, err
}

// fdWriter returns the writer for descriptor fd (discarding if closed).
// In a subshell that runs in the shell's process, a write that meets a
// broken pipe is counted (see diesOf): the kernel sent the process a
// SIGPIPE with it, which must end the subshell, not the shell.
func (r *Shell) fdWriter(fd int) io.Writer {
	if e := r.fds.get(fd); e != nil {
		if r.subshell {
			return epipeCounter{&r.g.epipes, e.writer()}
		}
		return e.writer()
	}
	return closedWriter{fd}
}

// epipeCounter counts the writes that fail with EPIPE.
type epipeCounter struct {
	n *atomic.Int32
	w io.Writer
}

func (e epipeCounter) Write(p []byte) (int, error) {
	n, err := e.w.Write(p)
	if err != nil && errors.Is(err, syscall.EPIPE) {
		e.n.Add(1)
	}
	return n, err
}

type closedWriter struct{ fd int }

func (w closedWriter) Write([]byte) (int, error) { return 0, syscall.EBADF }

func (r *Shell) stdout() io.Writer { return epipeWriter{r, r.fdWriter(1)} }
func (r *Shell) stderr() io.Writer { return r.fdWriter(2) }

// runBuiltin runs a builtins.Func in this shell.
func (r *Shell) runBuiltin(f builtins.Func, args []string) int {
	r.brokenPipe = false
	status := f(builtinCtx{r: r, name: args[0]}, args)
	r.afterBuiltin()
	return status
}

// afterBuiltin ends a subshell whose output pipe broke.
func (r *Shell) afterBuiltin() {
	if r.brokenPipe && r.subshell {
		r.exit(128 + int(syscall.SIGPIPE))
	}
}

// findJob resolves a job spec (%N, %+, %-, %str, %?str) or a pid.
func (r *Shell) findJob(spec string) (*jobs.Job, error) {
	t := r.g.jobs
	list := t.Jobs()
	if len(spec) > 0 && spec[0] != '%' {
		pid, err := strconv.Atoi(spec)
		if err != nil {
			return nil, fmt.Errorf("%s: no such job", spec)
		}
		for _, j := range list {
			for _, p := range j.Procs {
				if p.Pid == pid {
					return j, nil
				}
			}
		}
		return nil, fmt.Errorf("%s: no such job", spec)
	}
	entries := t.SpecEntries(list)
	i, err := jobs.ResolveSpec(spec, entries)
	if err != nil {
		return nil, err
	}
	return list[i], nil
}

// element is name[sub] for test -v and [[ -v ]]: an indexed array's
// element by arithmetic index (negative counts from the end), an
// associative array's by key, and for a string, index 0 is the string.
func (r *Shell) element(name, sub string) (string, bool) {
	vr := r.lookupVar(name)
	switch vr.Kind {
	case expansion.Associative:
		v, ok := vr.Map[sub]
		return v, ok
	case expansion.Indexed:
		if sub == "@" || sub == "*" {
			return strings.Join(vr.List, " "), len(vr.List) > 0
		}
		i, err := r.arithString(sub)
		if err != nil {
			return "", false
		}
		idx := vr.Indexes // nil: List is dense, index i is List[i]
		if i < 0 {
			n := len(vr.List)
			if idx != nil && len(idx) > 0 {
				n = idx[len(idx)-1] + 1
			}
			if i += n; i < 0 {
				return "", false
			}
		}
		if idx == nil {
			if i < len(vr.List) {
				return vr.List[i], true
			}
			return "", false
		}
		for k, j := range idx {
			if j == i {
				return vr.List[k], true
			}
		}
		return "", false
	}
	if i, err := r.arithString(sub); err == nil && i == 0 && vr.Set {
		return vr.String(), true
	}
	return "", false
}
