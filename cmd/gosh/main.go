// Command gosh is a POSIX shell with real job control.
package main

import (
	"os"

	"github.com/gosh-sh/gosh/interactive"
	"github.com/gosh-sh/gosh/shell"
)

func main() {
	stdio := [3]*os.File{os.Stdin, os.Stdout, os.Stderr}
	for fd, closed := range closedAtStart() {
		if closed {
			stdio[fd] = nil // closed for the shell and its commands
		}
	}
	os.Exit(shell.Main(stdio, os.Args, interactive.Run))
}
