package builtins

import (
	"io"
	"os"
	"runtime"

	"golang.org/x/sys/unix"
)

// Records reads delimited records the way read does, for mapfile: from a
// seekable file in blocks, seeking back over what it read ahead when it
// is closed; from a pipe or terminal one byte at a time, so that nothing
// past the last record it returns is taken from a command that shares the
// descriptor.
type Records struct {
	in input
	f  *os.File // kept alive while in.fd is in use
}

// NewRecords reads from r, which is a descriptor when it is an *os.File.
// intr, when not nil, ends a blocked read.
func NewRecords(r io.Reader, intr <-chan struct{}) *Records {
	rec := &Records{in: input{fd: -1, intr: intr}}
	f, isFile := r.(*os.File)
	if !isFile {
		rec.in.r = r
		return rec
	}
	fd, ok := fileFD(f)
	if !ok {
		rec.in.r = r
		return rec
	}
	rec.f, rec.in.fd = f, fd
	if _, err := unix.Seek(fd, 0, io.SeekCurrent); err == nil {
		rec.in.block = true
	} else {
		rec.in.poll = intr != nil
	}
	return rec
}

// Next returns the next record with its delimiter, if it had one. It
// returns io.EOF only when there is no more input at all; other errors
// are the read's.
func (rec *Records) Next(delim byte) ([]byte, error) {
	in := &rec.in
	var line []byte
	for {
		var b byte
		if in.lo < in.hi {
			b = in.buf[in.lo]
			in.lo++
		} else {
			var err error
			if b, err = in.next(); err != nil {
				if err == io.EOF && len(line) > 0 {
					return line, nil
				}
				if err == errInterrupted {
					return line, ErrInterrupted
				}
				return line, err
			}
		}
		line = append(line, b)
		if b == delim {
			return line, nil
		}
	}
}

// Close gives back what was read ahead of the last record.
func (rec *Records) Close() {
	rec.in.giveBack()
	runtime.KeepAlive(rec.f)
}

// ErrInterrupted is returned by Records.Next when the shell was
// interrupted while it waited for input.
var ErrInterrupted = errInterrupted
