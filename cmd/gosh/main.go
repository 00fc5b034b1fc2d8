// Command gosh is a POSIX shell with real job control.
package main

import (
	"os"

	"github.com/gosh-sh/gosh/shell"
)

func main() {
	os.Exit(shell.Main([3]*os.File{os.Stdin, os.Stdout, os.Stderr}, os.Args))
}
