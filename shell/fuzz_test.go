package shell

import (
	"os"
	"testing"

	"github.com/gosh-sh/gosh/parser"
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
