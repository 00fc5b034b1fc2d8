package shell

import (
	"bytes"
	"io"
	"os"
	"sync"
	"syscall"
)

// fdEntry is one open descriptor as the shell sees it. Usually it is a real
// file. Inside a command substitution, fd 1 is a capture: builtins write
// straight into memory, and the first external command that needs a real
// descriptor turns it into a pipe drained into the same buffer.
type fdEntry struct {
	f       *os.File
	capture *capture
	owner   *Shell // the context that opened f and must close it
}

// file returns the entry as a real descriptor, creating the capture pipe if
// needed.
func (e *fdEntry) file() *os.File {
	if e.f != nil {
		return e.f
	}
	if e.capture != nil {
		return e.capture.pipe()
	}
	return nil
}

func (e *fdEntry) writer() io.Writer {
	if e.f != nil {
		return e.f
	}
	if e.capture != nil {
		return e.capture
	}
	return io.Discard
}

// capture collects a command substitution's output.
type capture struct {
	mu   sync.Mutex
	buf  bytes.Buffer
	pw   *os.File      // the pipe's write end, once an external needs one
	done chan struct{} // closed when the drain goroutine has read EOF
}

func (c *capture) Write(p []byte) (int, error) {
	c.mu.Lock()
	pw := c.pw
	if pw == nil {
		n, err := c.buf.Write(p)
		c.mu.Unlock()
		return n, err
	}
	c.mu.Unlock()
	// Once the pipe exists all output goes through it, keeping order.
	return pw.Write(p)
}

// pipe turns the capture into a pipe whose reading end a goroutine drains
// into the buffer. The write end is what children get as fd 1.
func (c *capture) pipe() *os.File {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.pw != nil {
		return c.pw
	}
	pr, pw, err := osPipe()
	if err != nil {
		return nil
	}
	c.pw = pw
	c.done = make(chan struct{})
	go func() {
		var tmp [32 << 10]byte
		for {
			n, err := pr.Read(tmp[:])
			if n > 0 {
				c.mu.Lock()
				c.buf.Write(tmp[:n])
				c.mu.Unlock()
			}
			if err != nil {
				break
			}
		}
		pr.Close()
		close(c.done)
	}()
	return pw
}

// finish closes the write end, if any, and waits until every byte written by
// children (and their children) has arrived. It returns the output.
func (c *capture) finish() string {
	c.mu.Lock()
	pw, done := c.pw, c.done
	c.mu.Unlock()
	if pw != nil {
		pw.Close()
		<-done
	}
	return c.buf.String()
}

// osPipe makes a blocking pipe with close-on-exec ends. Blocking matters: a
// child must never be handed a descriptor in non-blocking mode, and these
// files never enter Go's netpoller.
func osPipe() (r, w *os.File, err error) {
	var p [2]int
	if err := syscall.Pipe2(p[:], syscall.O_CLOEXEC); err != nil {
		return nil, nil, err
	}
	return os.NewFile(uintptr(p[0]), "|0"), os.NewFile(uintptr(p[1]), "|1"), nil
}

// fdTable maps descriptor numbers to entries; nil means closed.
type fdTable struct{ e []*fdEntry }

func (t *fdTable) get(fd int) *fdEntry {
	if fd < 0 || fd >= len(t.e) {
		return nil
	}
	return t.e[fd]
}

func (t *fdTable) set(fd int, e *fdEntry) {
	for fd >= len(t.e) {
		t.e = append(t.e, nil)
	}
	t.e[fd] = e
}

func (t fdTable) clone() fdTable {
	return fdTable{e: append([]*fdEntry(nil), t.e...)}
}

// childFiles is the descriptor list for ForkExec: entry i becomes the
// child's fd i; closed slots stay closed in the child.
func (t *fdTable) childFiles() []uintptr {
	n := len(t.e)
	for n > 3 && t.e[n-1] == nil {
		n--
	}
	files := make([]uintptr, n)
	for i := 0; i < n; i++ {
		files[i] = ^uintptr(0)
		if e := t.e[i]; e != nil {
			if f := e.file(); f != nil {
				files[i] = f.Fd()
			}
		}
	}
	return files
}

// holdClosedStdio keeps whatever occupies a standard descriptor that was
// closed at start (nil in stdio; the Go runtime puts /dev/null there) open
// for good, and close-on-exec. Invariant: descriptors 0, 1 and 2 are never
// free, so no file the shell opens lands on one of them and is taken for
// standard input or output; the shell's own table records them as closed,
// and children get them closed (childFiles).
func holdClosedStdio(stdio [3]*os.File) {
	for fd, f := range stdio {
		if f == nil {
			syscall.CloseOnExec(fd)
		}
	}
}
