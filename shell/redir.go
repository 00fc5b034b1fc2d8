package shell

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"

	"mvdan.cc/sh/v3/syntax"
)

// maxFd bounds the descriptor numbers a redirection may name, as the
// kernel's open-file limit does for other shells.
const maxFd = 1<<16 - 1

// redirUndo restores a descriptor table after a command's redirections.
type redirUndo struct {
	saved  []savedFd
	opened []*os.File
}

type savedFd struct {
	fd int
	e  *fdEntry
}

// undo puts back every descriptor the redirections replaced and closes the
// files they opened.
func (r *Shell) undo(u *redirUndo) {
	if u == nil {
		return
	}
	for i := len(u.saved) - 1; i >= 0; i-- {
		r.fds.set(u.saved[i].fd, u.saved[i].e)
	}
	for _, f := range u.opened {
		f.Close()
	}
}

// redirect performs a command's redirections on the shell's descriptor
// table, in order, and returns how to undo them. With permanent (exec with
// no command) nothing is recorded for undoing: the files stay open.
func (r *Shell) redirect(redirs []*syntax.Redirect, permanent bool) (*redirUndo, error) {
	u := &redirUndo{}
	for _, rd := range redirs {
		if err := r.redirectOne(rd, u, permanent); err != nil {
			r.undo(u)
			return nil, err
		}
	}
	return u, nil
}

func (r *Shell) replaceFd(u *redirUndo, fd int, e *fdEntry, permanent bool) {
	old := r.fds.get(fd)
	if permanent {
		if old != nil && old.owner == r && old.f != nil && (e == nil || old.f != e.f) {
			if !r.fdStillUsed(fd, old) {
				old.f.Close()
			}
		}
	} else {
		u.saved = append(u.saved, savedFd{fd, old})
	}
	r.fds.set(fd, e)
}

// fdStillUsed reports whether another descriptor number refers to the same
// entry's file, so closing one number must not close the file.
func (r *Shell) fdStillUsed(fd int, e *fdEntry) bool {
	for i, x := range r.fds.e {
		if i != fd && x != nil && x.f == e.f {
			return true
		}
	}
	return false
}

func (r *Shell) redirectOne(rd *syntax.Redirect, u *redirUndo, permanent bool) error {
	fd := -1
	if rd.N != nil && strings.HasPrefix(rd.N.Value, "{") && strings.HasSuffix(rd.N.Value, "}") {
		return r.redirectNamed(rd, u, permanent)
	}
	if rd.N != nil {
		n, err := strconv.Atoi(rd.N.Value)
		if err != nil || n > maxFd {
			return fmt.Errorf("%s: Bad file descriptor", rd.N.Value)
		}
		fd = n
	}
	own := func(f *os.File) *fdEntry {
		if permanent {
			return &fdEntry{f: f, owner: r}
		}
		u.opened = append(u.opened, f)
		return &fdEntry{f: f}
	}
	switch rd.Op {
	case syntax.Hdoc, syntax.DashHdoc, syntax.WordHdoc:
		if fd < 0 {
			fd = 0
		}
		body, err := r.heredocBody(rd)
		if err != nil {
			return err
		}
		f, err := heredocFile(body)
		if err != nil {
			return fmt.Errorf("cannot make here-document: %w", err)
		}
		r.replaceFd(u, fd, own(f), permanent)
		return nil
	}
	word, err := r.expandRedirWord(rd.Word)
	if err != nil {
		return err
	}
	switch rd.Op {
	case syntax.DplIn, syntax.DplOut:
		if fd < 0 {
			fd = 0
			if rd.Op == syntax.DplOut {
				fd = 1
			}
		}
		if word == "-" {
			r.replaceFd(u, fd, nil, permanent)
			return nil
		}
		move := strings.HasSuffix(word, "-")
		src, err := strconv.Atoi(strings.TrimSuffix(word, "-"))
		if err == nil && src > maxFd {
			return fmt.Errorf("%d: Bad file descriptor", src)
		}
		if err != nil {
			if rd.Op == syntax.DplOut && rd.N == nil {
				// >&word with a file name is bash's &>word.
				return r.redirectFile(u, permanent, own, 1, word, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, true, 2)
			}
			return fmt.Errorf("%s: ambiguous redirect", word)
		}
		if src == fd {
			// n>&n and n>&n- leave the table as it is, even when n is
			// closed: bash and dash skip the dup2 onto itself.
			return nil
		}
		e := r.fds.get(src)
		if e == nil {
			return fmt.Errorf("%d: Bad file descriptor", src)
		}
		r.replaceFd(u, fd, &fdEntry{f: e.f, capture: e.capture}, permanent)
		if move {
			r.replaceFd(u, src, nil, permanent)
		}
		return nil
	}
	var flag int
	noclobber := false
	switch rd.Op {
	case syntax.RdrIn:
		flag = os.O_RDONLY
		if fd < 0 {
			fd = 0
		}
	case syntax.RdrOut:
		flag = os.O_WRONLY | os.O_CREATE | os.O_TRUNC
		noclobber = r.opts.noclobber
	case syntax.ClbOut:
		flag = os.O_WRONLY | os.O_CREATE | os.O_TRUNC
	case syntax.AppOut:
		flag = os.O_WRONLY | os.O_CREATE | os.O_APPEND
	case syntax.RdrInOut:
		flag = os.O_RDWR | os.O_CREATE
		if fd < 0 {
			fd = 0
		}
	case syntax.RdrAll:
		return r.redirectFile(u, permanent, own, 1, word, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, r.opts.noclobber, 2)
	case syntax.AppAll:
		return r.redirectFile(u, permanent, own, 1, word, os.O_WRONLY|os.O_CREATE|os.O_APPEND, false, 2)
	default:
		return fmt.Errorf("unsupported redirection %s", rd.Op)
	}
	if fd < 0 {
		fd = 1
	}
	return r.redirectFile(u, permanent, own, fd, word, flag, noclobber, -1)
}

// redirectNamed performs bash's {var}>file: the file gets a free descriptor
// of 10 or more, whose number is stored in var; {var}>&- closes the
// descriptor that var names. The descriptor outlives the command, as in
// bash.
func (r *Shell) redirectNamed(rd *syntax.Redirect, u *redirUndo, permanent bool) error {
	name := rd.N.Value[1 : len(rd.N.Value)-1]
	// The variable may be an array element: {COPROC[1]}>&-.
	base, sub, isElem := strings.Cut(name, "[")
	if isElem && !strings.HasSuffix(sub, "]") || !validName(base) {
		return fmt.Errorf("%s: Bad file descriptor", rd.N.Value)
	}
	sub = strings.TrimSuffix(sub, "]")
	if (rd.Op == syntax.DplOut || rd.Op == syntax.DplIn) && rd.Word != nil && rd.Word.Lit() == "-" {
		val := r.varValue(name)
		if isElem {
			val, _ = r.element(base, sub)
		}
		fd, err := strconv.Atoi(val)
		if err != nil {
			return fmt.Errorf("%s: Bad file descriptor", val)
		}
		r.replaceFd(u, fd, nil, true)
		return nil
	}
	fd := 10
	for r.fds.get(fd) != nil {
		fd++
	}
	n := &syntax.Lit{Value: strconv.Itoa(fd)}
	cp := *rd
	cp.N = n
	if err := r.redirectOne(&cp, u, true); err != nil {
		return err
	}
	if isElem {
		return r.setElemText(base, sub, strconv.Itoa(fd), false)
	}
	return r.setString(name, strconv.Itoa(fd))
}

// redirectFile opens path and installs it at fd (and at also, if >= 0).
func (r *Shell) redirectFile(u *redirUndo, permanent bool, own func(*os.File) *fdEntry, fd int, path string, flag int, noclobber bool, also int) error {
	f, err := r.openRedir(path, flag, noclobber)
	if err != nil {
		return err
	}
	e := own(f)
	r.replaceFd(u, fd, e, permanent)
	if also >= 0 {
		r.replaceFd(u, also, &fdEntry{f: f}, permanent)
	}
	return nil
}

// openRedir opens a redirection target relative to the shell's directory.
// noclobber refuses to truncate an existing regular file (set -C).
func (r *Shell) openRedir(path string, flag int, noclobber bool) (*os.File, error) {
	if path == "" {
		return nil, fmt.Errorf(": No such file or directory")
	}
	full := r.abs(path)
	if r.g.sandbox && flag&(os.O_WRONLY|os.O_RDWR) != 0 {
		full = os.DevNull
	}
	if noclobber {
		if fi, err := os.Stat(full); err == nil && fi.Mode().IsRegular() {
			return nil, fmt.Errorf("%s: cannot overwrite existing file", path)
		}
	}
	fd, err := syscall.Open(full, flag|syscall.O_CLOEXEC, 0o666)
	if err != nil {
		return nil, fmt.Errorf("%s: %s", path, errnoText(err))
	}
	return os.NewFile(uintptr(fd), path), nil
}

// abs resolves a path against the shell's directory; gosh never changes its
// process's directory for a subshell, so every relative path goes through
// here.
func (r *Shell) abs(path string) string {
	if filepath.IsAbs(path) || path == "" {
		return path
	}
	return r.dir + "/" + path
}

func (r *Shell) expandRedirWord(w *syntax.Word) (string, error) {
	fields, err := r.expandFields(w)
	if err != nil {
		return "", err
	}
	if len(fields) != 1 {
		return "", fmt.Errorf("%s: ambiguous redirect", strings.TrimSpace(wordText(w)))
	}
	return fields[0], nil
}

// heredocBody expands a here-document (or here-string) body; <<- strips
// leading tabs from every line.
func (r *Shell) heredocBody(rd *syntax.Redirect) (string, error) {
	body, err := r.heredocText(rd)
	if err != nil || rd.Op != syntax.DashHdoc {
		return body, err
	}
	lines := strings.SplitAfter(body, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimLeft(l, "\t")
	}
	return strings.Join(lines, ""), nil
}

func (r *Shell) heredocText(rd *syntax.Redirect) (string, error) {
	if rd.Op == syntax.WordHdoc {
		s, err := r.expandLiteral(rd.Word)
		return s + "\n", err
	}
	if rd.Hdoc == nil {
		return "", nil
	}
	quoted := false
	for _, p := range rd.Word.Parts {
		switch p.(type) {
		case *syntax.SglQuoted, *syntax.DblQuoted:
			quoted = true
		case *syntax.Lit:
			if strings.ContainsRune(p.(*syntax.Lit).Value, '\\') {
				quoted = true
			}
		}
	}
	if quoted {
		var sb strings.Builder
		for _, p := range rd.Hdoc.Parts {
			if l, ok := p.(*syntax.Lit); ok {
				sb.WriteString(l.Value)
			}
		}
		return sb.String(), nil
	}
	return expandDocument(r.expandConfig(), rd.Hdoc)
}

// heredocFile returns a readable file holding body: a pipe filled at once
// when the body fits in the pipe's buffer, else fed by a goroutine.
func heredocFile(body string) (*os.File, error) {
	pr, pw, err := osPipe()
	if err != nil {
		return nil, err
	}
	if len(body) <= 16<<10 {
		pw.WriteString(body)
		pw.Close()
		return pr, nil
	}
	go func() {
		pw.WriteString(body)
		pw.Close()
	}()
	return pr, nil
}

// errnoText is the strerror text of an error, as shells print it.
func errnoText(err error) string {
	var pe *os.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	var en syscall.Errno
	if errors.As(err, &en) {
		s := en.Error()
		if s != "" {
			return strings.ToUpper(s[:1]) + s[1:]
		}
	}
	return err.Error()
}
