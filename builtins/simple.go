package builtins

import (
	"fmt"
	"path/filepath"
	"strings"
	"syscall"
)

// trueBuiltin ignores its arguments and succeeds.
func trueBuiltin(Context, []string) int { return 0 }

// falseBuiltin ignores its arguments and fails.
func falseBuiltin(Context, []string) int { return 1 }

// pwd prints the current directory: with -L (the default) the logical
// path the shell tracks, with -P the path with symbolic links resolved.
// The last of -L and -P wins; extra operands are ignored, as in bash.
func pwd(c Context, args []string) int {
	opts, _, ok := ParseArgs(c, args, "LP")
	if !ok {
		return StatusUsage
	}
	physical := false
	for _, o := range opts {
		physical = o.Letter == 'P'
	}
	dir := c.Dir()
	// Like bash, -L trusts the tracked directory without stat'ing it (a
	// removed directory still prints) but only if it is absolute and has
	// no "." or ".." components that would make it a lie.
	if physical || !cleanAbs(dir) {
		p, err := filepath.EvalSymlinks(dir)
		if err != nil {
			c.Errorf("pwd: error retrieving current directory: getcwd: cannot access parent directories: %s",
				strerror(err))
			return 1
		}
		dir = p
	}
	return out(c, "pwd", []byte(dir+"\n"))
}

// cleanAbs reports whether dir is absolute and free of ".", ".." and
// empty components.
func cleanAbs(dir string) bool {
	if !strings.HasPrefix(dir, "/") {
		return false
	}
	return dir == "/" || filepath.Clean(dir) == dir
}

// times prints the user and system CPU times of the shell and then of its
// waited-for children, in bash's "0m0.001s 0m0.002s" format.
func times(c Context, args []string) int {
	if _, _, ok := ParseArgs(c, args, ""); !ok {
		return StatusUsage
	}
	var self, children syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &self); err != nil {
		c.Errorf("times: %s", strerror(err))
		return 1
	}
	if err := syscall.Getrusage(syscall.RUSAGE_CHILDREN, &children); err != nil {
		c.Errorf("times: %s", strerror(err))
		return 1
	}
	s := fmt.Sprintf("%s %s\n%s %s\n", cpuTime(self.Utime), cpuTime(self.Stime),
		cpuTime(children.Utime), cpuTime(children.Stime))
	return out(c, "times", []byte(s))
}

// cpuTime formats tv as bash's print_timeval does: minutes, then seconds
// with milliseconds (truncated, not rounded).
func cpuTime(tv syscall.Timeval) string {
	ms := int64(tv.Sec)*1000 + int64(tv.Usec)/1000
	return fmt.Sprintf("%dm%d.%03ds", ms/60000, ms/1000%60, ms%1000)
}
