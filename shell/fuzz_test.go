package shell

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/gosh-sh/gosh/expansion"
	"github.com/gosh-sh/gosh/parser"
	"github.com/gosh-sh/gosh/snapshot"
)

// fuzzSeeds are scripts that reach every corner of the evaluator; they run
// as ordinary tests in every go test ./..., and seed the fuzzer.
var fuzzSeeds = []string{
	"echo hi; x=1; echo ${x:-d} ${#x} ${x/1/2} $((x+1))",
	"for i in 1 2 3; do case $i in 1) continue;; 3) break;; esac; echo $i; done",
	"f() { local a=$1; shift; return $#; }; f x y z; echo $?",
	"a=(1 2 3); a[5]=x; echo ${a[@]} ${#a[@]} ${!a[@]}; unset 'a[1]'",
	"declare -A m=([k]=v); echo ${m[k]}; declare -p m",
	"x=$(echo sub; exit 3); echo $? \"$x\"",
	"cat <<EOF\n$HOME `echo bq` $((1<<4))\nEOF",
	"set -eu; (exit 0) && { true || false; }; ! false",
	"IFS=:; x=a::b; set -- $x; echo $#; IFS=' '",
	"[[ abc == a* && ! -z x || 1 -eq 2 ]]; (( i++ )); let j=i*2",
	"echo {1..5} {a,b}{c,d} ~ ~root",
	"alias ll='echo ll'; ll x; unalias ll",
	"trap 'echo t' EXIT; eval 'echo e'; exec 3>/dev/null; echo >&3",
	"while read -r l; do echo $l; done <<<'a b'",
	"printf '%s %d %q\n' a 1 'b c'; echo -e 'a\\tb'; test -n x",
	"x=${y:=z} ${u-}; : ${v:?}",
	"echo $'\\x41' \"${@}\" $* $# $- $$ $!",
	"f() { f; }; f",
	"echo ${x@P} ${PS1@P}",
	"if; then fi",
	"echo $((1/0)) $((2**70)) ${x:2:-1}",
	"time { echo t; }; echo a | { read b; echo $b; }",
}

func FuzzParse(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		file, err := parser.Parse(src, "fuzz")
		if err != nil {
			parser.Incomplete(err)
			parser.ErrorLine(err)
			return
		}
		for _, st := range file.Stmts {
			parser.Stages(st)
			parser.PrintOneLine(st)
		}
	})
}

// FuzzEval runs arbitrary scripts in the sandbox: nothing is started, no
// file is written, and a statement budget bounds loops. It looks for panics
// and hangs in the evaluator.
func FuzzEval(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	devnull, err := os.OpenFile(os.DevNull, os.O_RDWR, 0)
	if err != nil {
		f.Fatal(err)
	}
	defer devnull.Close()
	f.Fuzz(func(t *testing.T, src string) {
		file, err := parser.Parse(src, "fuzz")
		if err != nil {
			return
		}
		r := New([3]*os.File{devnull, devnull, devnull}, []string{"PATH=/nonexistent", "HOME=/nonexistent"})
		r.g.sandbox = true
		r.runStmts(file.Stmts)
		r.runExitTrap()
	})
}

// FuzzSnapshot loads arbitrary snapshots, as a forged or damaged
// --subshell descriptor would give them, into a sandboxed shell that then
// reads and changes every variable, function, alias, option and trap they
// carry, looking for panics: snapshot.Decode checks only the wire form (and
// is fuzzed on its own, in package snapshot), so anything that breaks an
// invariant of the variable model shows up here.
func FuzzSnapshot(f *testing.F) {
	devnull, err := os.OpenFile(os.DevNull, os.O_RDWR, 0)
	if err != nil {
		f.Fatal(err)
	}
	defer devnull.Close()
	sandboxed := func() *Shell {
		r := New([3]*os.File{devnull, devnull, devnull}, []string{"PATH=/nonexistent", "HOME=/nonexistent"})
		r.g.sandbox = true
		return r
	}
	// A real shell's state, with something of every kind in it.
	r := sandboxed()
	file, err := parser.Parse(`set -- p1 "p 2"; a=(x y); a[7]=z; declare -A m=([k]=v); declare -n n=a; declare -i i=3
declare -l lo=ABC; export e=1; readonly ro=r; alias ll='ls -l'; trap 'echo bye' EXIT; trap '' INT; set -u; shopt -s extglob
f() { local l=1; echo "$@"; }`, "seed")
	if err != nil {
		f.Fatal(err)
	}
	r.runStmts(file.Stmts)
	f.Add(r.snapshot("f a b", 1).Encode())
	f.Add((&snapshot.State{}).Encode())
	small := &snapshot.State{Vars: map[string]snapshot.Var{
		"a": {Kind: expansion.Indexed, Set: true, List: []string{"x", "y"}, Indexes: []int{0, 7}},
		"m": {Kind: expansion.Associative, Set: true, Map: map[string]string{"k": "v"}},
		"n": {Kind: expansion.NameRef, Set: true, Str: "a"},
		"i": {Kind: expansion.String, Set: true, Integer: true, Str: "3"},
	}, Funcs: "f() { echo \"$@\"; }", Params: []string{"p1"}, FuncNames: []string{"f"}, Locals: []string{"i"}}
	f.Add(small.Encode())
	f.Fuzz(func(t *testing.T, b []byte) {
		s, err := snapshot.Decode(b)
		if err != nil {
			return
		}
		r := sandboxed()
		r.restoreState(s)
		file, err := parser.Parse(snapshotProbe(s), "fuzz")
		if err != nil {
			t.Fatalf("probe script: %v", err)
		}
		r.runStmts(file.Stmts)
	})
}

// snapshotProbe is a script that uses everything a snapshot restored: each
// variable in every form of expansion and assignment, the functions, the
// call stack, the options and the traps.
func snapshotProbe(s *snapshot.State) string {
	var b strings.Builder
	b.WriteString("declare -p; declare -f; alias; set -o; shopt; trap; dirs; caller; history 3\n")
	b.WriteString("echo \"$@\" $# \"$0\" $? $! \"${FUNCNAME[@]}\" \"${BASH_SOURCE[@]}\"\n")
	for name := range s.Vars {
		if !expansion.ValidName(name) || len(b.String()) > 1<<16 {
			continue
		}
		fmt.Fprintf(&b, "echo \"${%[1]s}\" \"${%[1]s[@]}\" ${#%[1]s[@]} \"${!%[1]s[@]}\" \"${%[1]s[1]}\" \"${%[1]s[-1]}\" \"${%[1]s[@]:1:2}\" \"${%[1]s@Q}\" \"${%[1]s@A}\" \"${!%[1]s}\" $((%[1]s+1))\n", name)
		fmt.Fprintf(&b, "%[1]s[3]=x; %[1]s+=(y); %[1]s+=z; unset '%[1]s[0]'; declare -p %[1]s; unset %[1]s\n", name)
	}
	for _, name := range s.FuncNames {
		if expansion.ValidName(name) {
			fmt.Fprintf(&b, "%s a b; return 2>/dev/null\n", name)
		}
	}
	return b.String()
}
