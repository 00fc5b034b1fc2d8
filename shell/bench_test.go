package shell

import (
	"os"
	"strings"
	"testing"

	"github.com/gosh-sh/gosh/parser"
)

// Benchmarks of the evaluator's hot paths, in-process (no start-up cost):
// go test -bench . ./shell/. bench/run.sh measures whole runs against dash
// and bash.

func benchScript(b *testing.B, src string) {
	b.Helper()
	f, err := parser.Parse(src, "bench")
	if err != nil {
		b.Fatal(err)
	}
	devnull, err := os.OpenFile(os.DevNull, os.O_RDWR, 0)
	if err != nil {
		b.Fatal(err)
	}
	defer devnull.Close()
	r := New([3]*os.File{devnull, devnull, devnull}, os.Environ())
	b.ResetTimer()
	for b.Loop() {
		r.runStmts(f.Stmts)
	}
}

func BenchmarkBuiltinLoop(b *testing.B) {
	benchScript(b, `i=0; while [ "$i" -lt 100 ]; do i=$((i + 1)); done`)
}

func BenchmarkFuncCall(b *testing.B) {
	benchScript(b, `join() { base=${1%.txt}; joined="${base}_$2"; total=$((total + ${#joined})); }
i=0; total=0; while [ $i -lt 100 ]; do join "name$i.txt" x; i=$((i + 1)); done`)
}

func BenchmarkParamExpansion(b *testing.B) {
	benchScript(b, `p="/usr/local/lib/pkg/file.tar.gz"; rel=${p#*/}; base=${p##*/}; dir=${p%/*}; stem=${base%.*}; ext=${base#*.}
case $ext in tar.gz | tgz) n=1 ;; *.txt) n=2 ;; esac`)
}

func BenchmarkCmdSubst(b *testing.B) {
	benchScript(b, `x=$(echo hi)`)
}

func BenchmarkFieldSplitting(b *testing.B) {
	benchScript(b, `s="a b  c d:e"; set -- $s; IFS=:; set -- $s; IFS=' '`)
}

func BenchmarkPipelineBuiltins(b *testing.B) {
	benchScript(b, `echo x | read -r y`)
}

func BenchmarkGlob(b *testing.B) {
	dir := b.TempDir()
	for i := range 2000 {
		f, err := os.Create(dir + "/file-" + itoa(i) + ".txt")
		if err != nil {
			b.Fatal(err)
		}
		f.Close()
	}
	benchScript(b, `set -- "`+dir+`"/*.txt`)
}

// BenchmarkScriptLines runs a script of short lines read as it runs: the
// cost per command of reading, parsing and running at top level.
func BenchmarkScriptLines(b *testing.B) {
	src := strings.Repeat("true\n", 10000)
	devnull, err := os.OpenFile(os.DevNull, os.O_RDWR, 0)
	if err != nil {
		b.Fatal(err)
	}
	defer devnull.Close()
	r := New([3]*os.File{devnull, devnull, devnull}, os.Environ())
	for b.Loop() {
		if err := r.runTop(parser.NewSource(strings.NewReader(src), "bench")); err != nil {
			b.Fatal(err)
		}
	}
}
