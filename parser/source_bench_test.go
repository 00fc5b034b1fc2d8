package parser

import (
	"strings"
	"testing"

	"mvdan.cc/sh/v3/syntax"
)

// BenchmarkSourceLines measures reading a script of short lines, the cost
// per command of parsing as the script runs.
func BenchmarkSourceLines(b *testing.B) {
	src := strings.Repeat("true\n", 10000)
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		n := 0
		err := NewSource(strings.NewReader(src), "").Run(func(stmts []*syntax.Stmt) bool {
			n += len(stmts)
			return true
		})
		if err != nil || n != 10000 {
			b.Fatal(err, n)
		}
	}
}

// BenchmarkSourceLatin1 is BenchmarkSourceLines for a script in Latin-1,
// whose every line is escaped on the way in and restored on the way out.
func BenchmarkSourceLatin1(b *testing.B) {
	src := strings.Repeat("echo caf\xe9 'd\xe9j\xe0'\n", 10000)
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		n := 0
		err := NewSource(strings.NewReader(src), "").Run(func(stmts []*syntax.Stmt) bool {
			n += len(stmts)
			return true
		})
		if err != nil || n != 10000 {
			b.Fatal(err, n)
		}
	}
}
