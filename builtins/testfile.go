package builtins

import (
	"os"
	"runtime"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"
)

// resolve makes a relative path relative to the shell's directory, since
// the shell does not chdir its process for subshells. It only prefixes:
// cleaning "a/../b" lexically would be wrong when a is a symlink.
func resolve(c Context, path string) string {
	if path == "" || path[0] == '/' {
		return path
	}
	dir := c.Dir()
	if strings.HasSuffix(dir, "/") {
		return dir + path
	}
	return dir + "/" + path
}

// devFD maps /dev/fd/N, /dev/stdin, /dev/stdout and /dev/stderr to the
// shell's descriptor N, which after redirections need not be the
// process's. ok is false for any other path.
func devFD(path string) (fd int, ok bool) {
	switch path {
	case "/dev/stdin":
		return 0, true
	case "/dev/stdout":
		return 1, true
	case "/dev/stderr":
		return 2, true
	}
	if n, found := strings.CutPrefix(path, "/dev/fd/"); found {
		if v, err := strconv.Atoi(n); err == nil && v >= 0 && strconv.Itoa(v) == n {
			return v, true
		}
	}
	return 0, false
}

// fileFD returns f's descriptor without os.File.Fd's side effect of
// switching the file to blocking mode, which would leak to every process
// sharing it. The caller must keep f reachable (runtime.KeepAlive) while
// it uses the number, since the Context owns f and may not otherwise.
func fileFD(f *os.File) (int, bool) {
	rc, err := f.SyscallConn()
	if err != nil {
		return -1, false
	}
	fd := -1
	if rc.Control(func(d uintptr) { fd = int(d) }) != nil {
		return -1, false
	}
	return fd, fd >= 0
}

// stat stats path as the shell sees it; follow selects stat over lstat.
func stat(c Context, path string, follow bool) (unix.Stat_t, bool) {
	var st unix.Stat_t
	if fd, ok := devFD(path); ok && follow {
		f := c.File(fd)
		if f == nil {
			return st, false
		}
		fd, ok := fileFD(f)
		ok = ok && unix.Fstat(fd, &st) == nil
		runtime.KeepAlive(f)
		return st, ok
	}
	var err error
	if follow {
		err = unix.Stat(resolve(c, path), &st)
	} else {
		err = unix.Lstat(resolve(c, path), &st)
	}
	return st, err == nil
}

// access checks permission with the effective ids, as test must (and
// root's -x needs some execute bit, which the kernel decides).
func access(c Context, path string, mode uint32) bool {
	if fd, ok := devFD(path); ok {
		f := c.File(fd)
		if f == nil {
			return false
		}
		fd, ok := fileFD(f)
		if !ok {
			return false
		}
		defer runtime.KeepAlive(f)
		if mode == unix.X_OK {
			return unix.Faccessat(unix.AT_FDCWD, "/proc/self/fd/"+strconv.Itoa(fd), mode, unix.AT_EACCESS) == nil
		}
		fl, err := unix.FcntlInt(uintptr(fd), unix.F_GETFL, 0)
		if err != nil {
			return false
		}
		acc := fl & unix.O_ACCMODE
		if mode == unix.R_OK {
			return acc == unix.O_RDONLY || acc == unix.O_RDWR
		}
		return acc == unix.O_WRONLY || acc == unix.O_RDWR
	}
	return unix.Faccessat(unix.AT_FDCWD, resolve(c, path), mode, unix.AT_EACCESS) == nil
}

// unaryTest evaluates a unary primary on its operand.
func unaryTest(c Context, op, arg string) bool {
	switch op[1] {
	case 'z':
		return arg == ""
	case 'n':
		return arg != ""
	case 'v':
		return varIsSet(c, arg)
	case 'o':
		return c.SetOption(arg)
	case 'R':
		return false // gosh has no namerefs
	case 't':
		n, ok := legalNumber(arg)
		if !ok || n < 0 || n > 1<<20 {
			return false
		}
		return isTerminal(c.File(int(n)))
	case 'r':
		return access(c, arg, unix.R_OK)
	case 'w':
		return access(c, arg, unix.W_OK)
	case 'x':
		return access(c, arg, unix.X_OK)
	case 'h', 'L':
		st, ok := stat(c, arg, false)
		return ok && st.Mode&unix.S_IFMT == unix.S_IFLNK
	}
	st, ok := stat(c, arg, true)
	if !ok {
		return false
	}
	switch op[1] {
	case 'a', 'e':
		return true
	case 'b':
		return st.Mode&unix.S_IFMT == unix.S_IFBLK
	case 'c':
		return st.Mode&unix.S_IFMT == unix.S_IFCHR
	case 'd':
		return st.Mode&unix.S_IFMT == unix.S_IFDIR
	case 'f':
		return st.Mode&unix.S_IFMT == unix.S_IFREG
	case 'p':
		return st.Mode&unix.S_IFMT == unix.S_IFIFO
	case 'S':
		return st.Mode&unix.S_IFMT == unix.S_IFSOCK
	case 'g':
		return st.Mode&unix.S_ISGID != 0
	case 'u':
		return st.Mode&unix.S_ISUID != 0
	case 'k':
		return st.Mode&unix.S_ISVTX != 0
	case 's':
		return st.Size > 0
	case 'O':
		return int(st.Uid) == unix.Geteuid()
	case 'G':
		return int(st.Gid) == unix.Getegid()
	case 'N':
		return timespecAfter(st.Mtim, st.Atim)
	}
	return false
}

// varIsSet is -v: a variable, a positional parameter, or an array element
// (the subscript is dropped: a builtin cannot see array elements).
// varIsSet is -v: name may be an array element, name[sub], which the
// shell's Var resolves.
func varIsSet(c Context, name string) bool {
	if n, err := strconv.Atoi(name); err == nil && n >= 0 {
		return n == 0 || n <= len(c.Params())
	}
	_, ok := c.Var(name)
	return ok
}

func timespecAfter(a, b unix.Timespec) bool {
	return a.Sec > b.Sec || a.Sec == b.Sec && a.Nsec > b.Nsec
}

// fileCompare is -nt, -ot and -ef. As in bash, an existing file is newer
// than a missing one.
func fileCompare(c Context, a, op, b string) bool {
	sa, okA := stat(c, a, true)
	sb, okB := stat(c, b, true)
	switch op {
	case "-nt":
		return okA && (!okB || timespecAfter(sa.Mtim, sb.Mtim))
	case "-ot":
		return okB && (!okA || timespecAfter(sb.Mtim, sa.Mtim))
	}
	return okA && okB && sa.Dev == sb.Dev && sa.Ino == sb.Ino
}

// isTerminal reports whether f is open on a terminal.
func isTerminal(f *os.File) bool {
	if f == nil {
		return false
	}
	fd, ok := fileFD(f)
	if !ok {
		return false
	}
	_, err := unix.IoctlGetTermios(fd, unix.TCGETS)
	runtime.KeepAlive(f)
	return err == nil
}
