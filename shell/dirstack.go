package shell

import (
	"fmt"
	"github.com/gosh-sh/gosh/builtins"
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

// parseStackArgs reads the options of dirs, pushd or popd with
// ParseOptions. The +N and -N words name stack entries, not options, and
// may stand anywhere: they are taken out first, and the last one is index.
func (r *Shell) parseStackArgs(args []string, spec string) (opts []builtins.Option, index string, operands []string, ok bool) {
	rest := make([]string, 0, len(args))
	for i, a := range args {
		if i > 0 && isStackIndex(a) {
			index = a
			continue
		}
		rest = append(rest, a)
	}
	opts, operands, ok = r.parseOptions(rest, spec)
	return opts, index, operands, ok
}

func (r *Shell) biPushd(args []string) int {
	opts, index, operands, ok := r.parseStackArgs(args, "n")
	if !ok {
		return builtins.StatusUsage
	}
	noCd := len(opts) > 0
	if index != "" {
		operands = append([]string{index}, operands...)
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
	opts, which, operands, ok := r.parseStackArgs(args, "n")
	if !ok {
		return builtins.StatusUsage
	}
	if len(operands) > 0 {
		r.errorf("popd: %s: invalid argument", operands[0])
		return r.usage("popd")
	}
	noCd := len(opts) > 0
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
	opts, which, operands, ok := r.parseStackArgs(args, "clpv")
	if !ok {
		return builtins.StatusUsage
	}
	if len(operands) > 0 {
		r.errorf("dirs: %s: invalid argument", operands[0])
		return r.usage("dirs")
	}
	long, perLine, numbered, clearStack := false, false, false, false
	for _, o := range opts {
		switch o.Letter {
		case 'c':
			clearStack = true
		case 'l':
			long = true
		case 'p':
			perLine = true
		case 'v':
			perLine, numbered = true, true
		}
	}
	if clearStack {
		r.setDirStack(nil)
	}
	stack := r.dirStack()
	if which != "" {
		k, ok := stackIndex(which, len(stack))
		if !ok {
			r.errorf("dirs: %s: directory stack index out of range", which)
			return 1
		}
		if numbered {
			fmt.Fprintf(r.stdout(), "%2d  %s\n", k, r.dirText(stack[k], long))
		} else {
			fmt.Fprintln(r.stdout(), r.dirText(stack[k], long))
		}
		return 0
	}
	if clearStack {
		return 0 // -c clears and prints nothing
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
