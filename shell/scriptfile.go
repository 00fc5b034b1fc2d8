package shell

import (
	"bytes"
	"os"
)

// isBinaryScript is bash's test of a script file's first 80 bytes: an ELF
// header, or a NUL byte in the first line (the first two after a #! line),
// marks a binary, not a script. A file that cannot be read at its start
// (a pipe) is taken for a script.
func isBinaryScript(f *os.File) bool {
	var buf [80]byte
	n, _ := f.ReadAt(buf[:], 0)
	return looksBinary(buf[:n])
}

func looksBinary(sample []byte) bool {
	if bytes.HasPrefix(sample, []byte("\x7fELF")) {
		return true
	}
	lines := 1
	if bytes.HasPrefix(sample, []byte("#!")) {
		lines = 2
	}
	for _, c := range sample {
		switch c {
		case '\n':
			if lines--; lines == 0 {
				return false
			}
		case 0:
			return true
		}
	}
	return false
}
