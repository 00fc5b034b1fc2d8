// Command linked is a floor for bench/run.sh: a program that links all of
// gosh (every package, readline and mvdan.cc/sh/v3/syntax with them) and
// exits before doing any of gosh's work. Its start-up and peak RSS are what
// gosh's size alone costs, next to the syntax-only floor: the rest of
// gosh's figures is the work Main does. It ignores its arguments (run.sh
// passes -c true); only an argument no one passes would run the shell, which
// keeps the linker from dropping it.
package main

import (
	"os"

	"github.com/gosh-sh/gosh/interactive"
	"github.com/gosh-sh/gosh/shell"
)

func main() {
	if len(os.Args) > 1 && os.Args[1] == "--bench-floor-never-passed" {
		os.Exit(shell.Main([3]*os.File{os.Stdin, os.Stdout, os.Stderr}, os.Args, interactive.Run))
	}
}
