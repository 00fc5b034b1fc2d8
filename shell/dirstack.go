package shell

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/gosh-sh/gosh/expansion"
)

// The directory stack of pushd, popd and dirs is the variable DIRSTACK,
// as bash shows it: element 0 is the current directory, the others the
// directories pushed. Keeping the stack in the variable table means a
// subshell inherits it with the rest; element 0 is read from the shell's
// directory at every lookup, so cd needs no hook.

// dirStack returns the whole stack, the current directory first.
func (r *Shell) dirStack() []string {
	saved := r.vars["DIRSTACK"]
	stack := []string{r.dir}
	if saved.Kind == expansion.Indexed && len(saved.List) > 1 {
		stack = append(stack, saved.Values()[1:]...)
	}
	return stack
}

// dirStackVar is DIRSTACK as expansion sees it.
func (r *Shell) dirStackVar() expansion.Variable {
	vr := r.vars["DIRSTACK"]
	if vr.Declared() && vr.Kind != expansion.Indexed {
		return vr // assigned a string: no longer the stack
	}
	vr.Set, vr.Kind, vr.List, vr.Indexes = true, expansion.Indexed, r.dirStack(), nil
	return vr
}

// setDirStack stores the stack; stack[0] is the current directory.
func (r *Shell) setDirStack(stack []string) {
	vr := r.vars["DIRSTACK"]
	vr.Set, vr.Kind, vr.List, vr.Indexes, vr.Str = true, expansion.Indexed, slices.Clone(stack), nil, ""
	r.vars["DIRSTACK"] = vr
}

// dirStackEntry is ~N, ~+N (from the top) and ~-N (from the bottom).
func (r *Shell) dirStackEntry(n int, fromEnd bool) (string, bool) {
	stack := r.dirStack()
	if fromEnd {
		n = len(stack) - 1 - n
	}
	if n < 0 || n >= len(stack) {
		return "", false
	}
	return stack[n], true
}

// stackIndex reads +N or -N, an index into a stack of size n.
func stackIndex(arg string, n int) (int, bool) {
	if len(arg) < 2 || arg[0] != '+' && arg[0] != '-' {
		return 0, false
	}
	k, err := strconv.Atoi(arg[1:])
	if err != nil || k < 0 || k >= n {
		return 0, false
	}
	if arg[0] == '-' {
		k = n - 1 - k
	}
	return k, true
}

// isStackIndex reports whether arg looks like +N or -N.
func isStackIndex(arg string) bool {
	if len(arg) < 2 || arg[0] != '+' && arg[0] != '-' {
		return false
	}
	_, err := strconv.Atoi(arg[1:])
	return err == nil
}

// chdirFor changes directory for pushd or popd, with their name in errors.
func (r *Shell) chdirFor(cmd, dir string) bool {
	return r.biCd([]string{cmd, "--", dir}) == 0
}

func (r *Shell) biPushd(args []string) int {
	noCd := false
	var operands []string
	for i, a := range args[1:] {
		if a == "--" {
			operands = append(operands, args[i+2:]...)
			break
		}
		if a == "-n" {
			noCd = true
			continue
		}
		if strings.HasPrefix(a, "-") && len(a) > 1 && !isStackIndex(a) {
			r.errorf("pushd: %s: invalid option", a)
			r.errorf("pushd: usage: pushd [-n] [+N | -N | dir]")
			return 2
		}
		operands = append(operands, a)
	}
	if len(operands) > 1 {
		r.errorf("pushd: too many arguments")
		return 1
	}
	stack := r.dirStack()
	switch {
	case len(operands) == 0:
		if len(stack) < 2 {
			r.errorf("pushd: no other directory")
			return 1
		}
		if noCd {
			stack[1], stack[2%len(stack)] = stack[2%len(stack)], stack[1]
			break
		}
		old, target := stack[0], stack[1]
		if !r.chdirFor("pushd", target) {
			return 1
		}
		stack[0], stack[1] = r.dir, old
	case isStackIndex(operands[0]):
		k, ok := stackIndex(operands[0], len(stack))
		if !ok {
			r.errorf("pushd: %s: directory stack index out of range", operands[0])
			return 1
		}
		rotated := append(slices.Clone(stack[k:]), stack[:k]...)
		if !noCd && k != 0 {
			if !r.chdirFor("pushd", rotated[0]) {
				return 1
			}
			rotated[0] = r.dir
		}
		if noCd {
			// -n +N rotates only the pushed directories.
			rotated = append([]string{stack[0]}, append(slices.Clone(stack[1:][max(k-1, 0):]), stack[1:][:max(k-1, 0)]...)...)
		}
		stack = rotated
	default:
		dir := operands[0]
		if noCd {
			stack = slices.Insert(stack, 1, dir)
			break
		}
		old := stack[0]
		if !r.chdirFor("pushd", dir) {
			return 1
		}
		stack = slices.Insert(stack, 1, old)
		stack[0] = r.dir
	}
	r.setDirStack(stack)
	r.printDirs(stack, false, false, false)
	return 0
}

func (r *Shell) biPopd(args []string) int {
	noCd := false
	which := ""
	for _, a := range args[1:] {
		switch {
		case a == "--":
		case a == "-n":
			noCd = true
		case isStackIndex(a):
			which = a
		case strings.HasPrefix(a, "-") && len(a) > 1:
			r.errorf("popd: %s: invalid option", a)
			r.errorf("popd: usage: popd [-n] [+N | -N]")
			return 2
		default:
			r.errorf("popd: %s: invalid argument", a)
			r.errorf("popd: usage: popd [-n] [+N | -N]")
			return 2
		}
	}
	stack := r.dirStack()
	if len(stack) < 2 {
		r.errorf("popd: directory stack empty")
		return 1
	}
	k := 0
	if which != "" {
		var ok bool
		if k, ok = stackIndex(which, len(stack)); !ok {
			r.errorf("popd: %s: directory stack index out of range", which)
			return 1
		}
	}
	switch {
	case k == 0 && noCd:
		stack = slices.Delete(stack, 1, 2)
	case k == 0:
		if !r.chdirFor("popd", stack[1]) {
			return 1
		}
		stack = slices.Delete(stack, 0, 1)
		stack[0] = r.dir
	default:
		stack = slices.Delete(stack, k, k+1)
	}
	r.setDirStack(stack)
	r.printDirs(stack, false, false, false)
	return 0
}

func (r *Shell) biDirs(args []string) int {
	long, perLine, numbered := false, false, false
	var which string
	for _, a := range args[1:] {
		switch {
		case a == "--":
		case isStackIndex(a):
			which = a
		case strings.HasPrefix(a, "-") && len(a) > 1:
			for _, c := range a[1:] {
				switch c {
				case 'c':
					r.setDirStack(nil)
				case 'l':
					long = true
				case 'p':
					perLine = true
				case 'v':
					perLine, numbered = true, true
				default:
					r.errorf("dirs: %s: invalid option", a)
					r.errorf("dirs: usage: dirs [-clpv] [+N] [-N]")
					return 2
				}
			}
		default:
			r.errorf("dirs: %s: invalid argument", a)
			r.errorf("dirs: usage: dirs [-clpv] [+N] [-N]")
			return 2
		}
	}
	stack := r.dirStack()
	if which != "" {
		k, ok := stackIndex(which, len(stack))
		if !ok {
			r.errorf("dirs: %s: directory stack index out of range", which)
			return 1
		}
		fmt.Fprintln(r.stdout(), r.dirText(stack[k], long))
		return 0
	}
	for _, a := range args[1:] {
		if a == "-c" || strings.HasPrefix(a, "-") && strings.Contains(a, "c") && !isStackIndex(a) {
			return 0 // -c clears and prints nothing
		}
	}
	r.printDirs(stack, long, perLine, numbered)
	return 0
}

// printDirs prints the stack as dirs does: on one line, one per line (-p),
// or numbered (-v); with ~ for the home directory unless long (-l).
func (r *Shell) printDirs(stack []string, long, perLine, numbered bool) {
	var sb strings.Builder
	for i, d := range stack {
		d = r.dirText(d, long)
		switch {
		case numbered:
			fmt.Fprintf(&sb, "%2d  %s\n", i, d)
		case perLine:
			sb.WriteString(d + "\n")
		default:
			if i > 0 {
				sb.WriteByte(' ')
			}
			sb.WriteString(d)
		}
	}
	if !perLine {
		sb.WriteByte('\n')
	}
	fmt.Fprint(r.stdout(), sb.String())
}

// dirText is a directory as dirs shows it: $HOME at its start becomes ~,
// unless long.
func (r *Shell) dirText(d string, long bool) string {
	home := r.varValue("HOME")
	if long || home == "" || home == "/" {
		return d
	}
	if d == home {
		return "~"
	}
	if rest, ok := strings.CutPrefix(d, home); ok && strings.HasPrefix(rest, "/") {
		return "~" + rest
	}
	return d
}
