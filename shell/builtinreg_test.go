package shell

import (
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"

	"github.com/gosh-sh/gosh/builtins"
)

// TestEveryBuiltinHasCodeAndSpec checks that dispatch and the registry
// agree: each Spec has code, the evaluator's or package builtins', and
// each piece of the evaluator's code has a Spec.
func TestEveryBuiltinHasCodeAndSpec(t *testing.T) {
	r := &Shell{}
	for _, s := range builtins.All() {
		inShell, inPkg := evaluatorCode[s.Name] != nil, builtins.Lookup(s.Name) != nil
		if inShell == inPkg {
			t.Errorf("%s: code in shell %v, in builtins %v; want exactly one", s.Name, inShell, inPkg)
		}
		if (r.specialBuiltin(s.Name) != nil) != s.Special {
			t.Errorf("%s: specialBuiltin disagrees with Spec.Special %v", s.Name, s.Special)
		}
	}
	for name := range evaluatorCode {
		if _, ok := builtins.Find(name); !ok {
			t.Errorf("evaluator builtin %q has no Spec", name)
		}
	}
}

// TestBuiltinLists checks that help, type, command -v and completion
// each know every builtin of the registry.
func TestBuiltinLists(t *testing.T) {
	var names []string
	for _, s := range builtins.All() {
		names = append(names, s.Name)
	}
	var src strings.Builder
	src.WriteString("help; for n in")
	for _, n := range names {
		src.WriteString(" " + shellQuoteAlways(n))
	}
	src.WriteString(`; do help "$n" >/dev/null || echo "no help $n"; help -s "$n"; type -t "$n"; command -v "$n"; type "$n"; done`)
	out, errOut, status := runScript(t, src.String(), "")
	if status != 0 || errOut != "" {
		t.Fatalf("status %d, stderr %q", status, errOut)
	}
	var want strings.Builder
	want.WriteString("gosh " + Version + ": a POSIX shell with job control.\nBuiltins:\n" + strings.Join(names, " ") + "\n")
	for _, s := range builtins.All() {
		kind := "shell builtin"
		if s.Special {
			kind = "special shell builtin"
		}
		want.WriteString(s.Name + ": " + s.Usage + "\nbuiltin\n" + s.Name + "\n" + s.Name + " is a " + kind + "\n")
	}
	if out != want.String() {
		t.Errorf("got\n%s\nwant\n%s", out, want.String())
	}

	devnull, err := os.Open(os.DevNull)
	if err != nil {
		t.Fatal(err)
	}
	defer devnull.Close()
	c := New([3]*os.File{devnull, devnull, devnull}, nil).completerFor()
	for _, b := range builtins.All() {
		if !slices.Contains(c.Commands, b.Name) {
			t.Errorf("completion does not offer %q", b.Name)
		}
		if slices.Contains(c.JobCommands, b.Name) != b.JobArgs {
			t.Errorf("completion's job commands %q disagree with %s's Spec", c.JobCommands, b.Name)
		}
	}
}

// TestOptionErrorsMatchBash checks the evaluator's builtins' diagnostics
// for options they do not take against bash's. Where gosh takes fewer
// options than bash, its usage line says so: bash's usage line is
// replaced by the registry's before comparing.
func TestOptionErrorsMatchBash(t *testing.T) {
	bash := bashPath(t)
	for _, src := range []string{
		"help -z", "caller -z", "readarray -z", "mapfile -n", "mapfile -n x", "eval -z", "eval -- echo hi", ". -z", ". -- /dev/null; echo $?", "source -- /dev/null; echo $?", "builtin -z", "builtin -- echo hi", "let -- 1+1; echo $?", "for i in 1 2; do break -- 1; done; echo $?", "for i in 1; do continue -- 1; done; echo $?", "exit -- 3", "f() { return -- 4; }; f; echo $?", "set a b; shift -- 1; echo $*", "f() { return -1; }; f; echo $?", "declare -z", "declare +z", "export -z", "readonly -z", "export -x y; echo $?", "declare -- -x", "declare - x", "declare x -r; echo $?", "f=-x; declare $f v=1; env | grep ^v=", "declare -x v; declare +x v; declare -p v", "declare -i -r n=3+4; echo $n; declare -p n", "readonly r=1 -p; echo $?", "f() { local -; echo ok; }; f", "set -euo pipefail; echo $-; set -o | grep pipefail", "set -z", "set +z", "set + -- c; echo $*", "set a b; set -x --; echo $#", "set a b; set +x; echo $#", "set -o vi +o pipefail -- x; echo $- $*", "pushd /tmp -n", "pushd -n /tmp; dirs +1 -v; dirs -v +1; popd +1 -n; dirs -l -p", "dirs -- +0", "pushd -n -- /tmp; dirs; popd -n; dirs -c; dirs", "popd x", "history -z", "history -d", "history -c", "history -a -w; echo $?", "history -rn; echo $?", "fc -z", "fc -e", "fc -l; echo $?", "fc -s; echo $?", "fc -e true; echo $?", "fc -l -- -1; echo $?", "wait -z", "wait -- 1x", "wait 1 -n", "sleep 0 & wait -n; echo $?", "(exit 3) & wait -- %1; echo $?", "trap -z", "trap 'echo x' INT; trap -p INT; trap -p -- INT TERM; trap -- - INT; trap", "trap -l | head -1", "trap -pl | head -1", "trap -- 'echo bye' EXIT", "shopt -z", "shopt -s -u nullglob", "shopt -su nullglob", "shopt -- nullglob", "shopt - nullglob", "shopt -q -- nullglob; echo $?", "shopt -pq nullglob; echo $?", "alias -z", "unalias -z", "alias a=b; alias -p c=d; echo; alias; unalias -a x; echo $?; alias; unalias; echo $?; alias -- -z=1; alias -- -z; unalias -- -z; echo $?", "command -z", "command -vz x", "command -Vv ls", "command -vV ls", "command -p -- true; echo $?", "command exec -z", "exec -z", "exec -a", "exec -c -- true; echo no", "hash -z", "hash -p", "hash ls cat; hash -t ls; hash -t ls cat; hash -t nope; echo $?; hash -d cat; hash -l; hash -d ls; hash -d nope; echo $?; hash -p /bin/echo e; hash -t e; hash -r; hash; hash -lr; echo $?", "cd -z", "cd -Lz", "cd -P -e / && pwd", "cd -P -- /tmp && pwd", "jobs -z", "jobs --", "jobs -l -- %1", "sleep 5 & jobs -sr; jobs -rs; jobs -lp %1 | wc -l; kill %1", "disown -z", "disown -a -z", "disown -- %1", "mapfile -z", "type -z", "type -a -z x", "type -ax -- -a", "unset -z", "unset -fz", "unset -fv x", "unset -vf x", "unset -f -v x", "unset -fn x; echo $?", "unset -nv x; echo $?", "f() { echo f; }; unset -nf f; f", "type -t -- cd", "type -pt -- cd",
		"complete -z", "compgen -z", "compopt -z", "complete -W x; echo $?", "complete -A bogus x", "complete -o bogus x", "compopt -o bogus x", "compopt -o nospace; echo $?", "complete -p nope; echo $?", "complete -r nope; echo $?", "complete -W 'a b' -o nospace -F f x; complete -p x; complete -r x; complete -p; complete; echo $?", "complete -pr; echo $?", "compgen; echo $?", "compgen -W 'a b c' -- b; echo $?", "compgen -W 'a b' -- z; echo $?", "compgen -A bogus", "compgen -o default -- /nonexist; echo $?", "complete -D -o default; complete -p -D; compopt -D; compopt -o nospace +o default -D; complete -p -D; compopt -E", "compgen -A signal SIGH", "compgen -k fo", "compgen -A setopt nou", "compgen -P '<' -S '>' -W 'x y'", "compgen -X '!*a*' -W 'ab cd ae'", "compgen -W 'a\\ b c\\$d $HOME' --", "compgen -F nofunc; echo $?", "f() { COMPREPLY=(x y); }; compgen -F f 2>/dev/null", "compgen -G '/bin' x", "mkdir -p d; touch df; compgen -d; compgen -f d | sort; compgen -o plusdirs -W zz d", "f() { :; }; compgen -A function", "alias ll=ls; compgen -a l", "compgen -b comp", "XYZ1=1; export XYZ2=2; compgen -v XYZ; compgen -e XYZ",
	} {
		t.Run(src, func(t *testing.T) {
			dir := t.TempDir()
			cmd := exec.Command(bash, "-c", src, "gosh")
			cmd.Dir = dir
			var bashErr strings.Builder
			cmd.Stderr = &bashErr
			wantOut, _ := cmd.Output()
			wantErr := bashErr.String()
			lines := strings.SplitAfter(wantErr, "\n")
			for i, l := range lines {
				if name, _, ok := strings.Cut(l, ": usage: "); ok && !strings.Contains(name, " ") {
					s, _ := builtins.Find(name)
					lines[i] = s.UsageLine() + "\n"
				}
			}
			wantErr = strings.Join(lines, "")
			wantStatus := cmd.ProcessState.ExitCode()
			out, errOut, status := runGosh(t, dir, []string{"gosh", "-c", src}, "")
			if out != string(wantOut) || errOut != wantErr || status != wantStatus {
				t.Errorf("%s:\ngot  %q, %q, status %d\nwant %q, %q, status %d", src, out, errOut, status, wantOut, wantErr, wantStatus)
			}
		})
	}
}

// TestOptionErrorsOwnWording covers the bad options whose diagnostic is
// gosh's own: bash calls -z an "invalid number" for the stack builtins,
// which take -N, where gosh names it an invalid option.
func TestOptionErrorsOwnWording(t *testing.T) {
	for _, tc := range []struct{ src, err string }{
		{"dirs -z", "gosh: line 1: dirs: -z: invalid option\ndirs: usage: dirs [-clpv] [+N] [-N]\n"},
		{"dirs x", "gosh: line 1: dirs: x: invalid argument\ndirs: usage: dirs [-clpv] [+N] [-N]\n"},
		{"pushd -z", "gosh: line 1: pushd: -z: invalid option\npushd: usage: pushd [-n] [+N | -N | dir]\n"},
		{"popd -nz", "gosh: line 1: popd: -z: invalid option\npopd: usage: popd [-n] [+N | -N]\n"},
	} {
		out, errOut, status := runScript(t, tc.src, "")
		if out != "" || errOut != tc.err || status != builtins.StatusUsage {
			t.Errorf("%s: stdout %q, stderr %q, status %d; want stderr %q, status 2", tc.src, out, errOut, status, tc.err)
		}
	}
}
