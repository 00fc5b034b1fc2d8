package builtins

import (
	"errors"
	"io"
	"time"

	"golang.org/x/sys/unix"
)

// Reasons a read ends early, mapped to statuses 142 and 130.
var (
	errTimeout     = errors.New("timed out")
	errInterrupted = errors.New("interrupted")
)

// input is read's byte source. It is a value on read's stack, buffer
// included, so a `while read` loop allocates nothing for it.
type input struct {
	fd       int       // -1 when reading r
	r        io.Reader // a non-file standard input
	block    bool      // seekable: read ahead, then seek back
	poll     bool      // poll before reading (timeout or interrupt)
	avail    int       // bytes known to be readable without blocking
	deadline time.Time // -t; zero for none
	intr     <-chan struct{}
	buf      [4096]byte
	lo, hi   int
	line     [256]byte // initial storage for the line, to spare allocations
}

// next returns the next byte when the buffer is empty.
func (in *input) next() (byte, error) {
	if in.fd < 0 {
		if br, ok := in.r.(io.ByteReader); ok {
			return br.ReadByte()
		}
		// A separate buffer: handing in.buf to an unknown Read would move
		// all of input to the heap.
		var one [1]byte
		for {
			n, err := in.r.Read(one[:])
			if n == 1 {
				return one[0], nil
			}
			if err != nil {
				return 0, err
			}
		}
	}
	size := 1 // a shared pipe or terminal: never read past the delimiter
	if in.block {
		size = len(in.buf)
	}
	for {
		if in.poll && in.avail == 0 {
			if err := in.wait(); err != nil {
				return 0, err
			}
		}
		n, err := unix.Read(in.fd, in.buf[:size])
		switch {
		case err == unix.EINTR:
			continue
		case err == unix.EAGAIN:
			in.avail = 0
			if !in.poll {
				in.poll = true
			}
			continue
		case err != nil:
			return 0, err
		case n == 0:
			return 0, io.EOF
		}
		in.avail = max(in.avail-n, 0)
		in.lo, in.hi = 1, n
		return in.buf[0], nil
	}
}

// wait polls until the descriptor is readable, in slices short enough to
// notice an interrupt, and learns how much can be read without blocking
// so that the following single-byte reads need no poll of their own.
func (in *input) wait() error {
	fds := []unix.PollFd{{Fd: int32(in.fd), Events: unix.POLLIN}}
	for {
		select {
		case <-in.intr: // a nil channel never fires
			return errInterrupted
		default:
		}
		ms := -1
		if in.intr != nil {
			ms = 50
		}
		if !in.deadline.IsZero() {
			left := time.Until(in.deadline)
			if left <= 0 {
				return errTimeout
			}
			if lms := int((left + time.Millisecond - 1) / time.Millisecond); ms < 0 || lms < ms {
				ms = lms
			}
		}
		n, err := unix.Poll(fds, ms)
		if err != nil && err != unix.EINTR {
			return err
		}
		if n > 0 {
			in.avail = 1
			// TIOCINQ is FIONREAD: bytes readable without blocking.
			if v, err := unix.IoctlGetInt(in.fd, unix.TIOCINQ); err == nil && v > 1 {
				in.avail = v
			}
			return nil
		}
	}
}

// giveBack seeks back over read-ahead, leaving the offset just past what
// was consumed, for the next command sharing the file.
func (in *input) giveBack() {
	if in.block && in.hi > in.lo {
		unix.Seek(in.fd, int64(in.lo-in.hi), io.SeekCurrent)
		in.lo = in.hi
	}
}
