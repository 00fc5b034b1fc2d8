package builtins

import (
	"errors"
	"io"
	"math"
	"os"
	"runtime"
	"strconv"
	"strings"
	"time"

	"golang.org/x/sys/unix"
)

// readCmd holds read's parsed options.
type readCmd struct {
	raw, silent bool
	array       string // -a
	delim       byte   // -d; '\n' by default, 0 for -d ''
	nchars      int    // -n/-N; -1 for no limit
	exact       bool   // -N: ignore the delimiter and don't split
	prompt      string
	hasPrompt   bool
	timeout     time.Duration
	hasTimeout  bool
	fd          int // -u; -1 for standard input
}

// readBuiltin is bash's read. It reads one line (or up to the delimiter,
// or nchars characters), processes backslashes unless -r, and assigns it
// to the names by IFS field splitting, to the array with -a, or unsplit to
// REPLY. Status: 0, 1 at end of file (the variables are still set), 142
// when -t times out, 130 when interrupted, 2 for usage errors.
//
// Input is consumed exactly up to the delimiter, since other commands
// share the descriptor: seekable input is read in blocks and the offset
// put back, anything else a byte per read(2), as bash does.
// -e and -i (readline) are accepted and ignored.
func readBuiltin(c Context, args []string) int {
	opts, names, ok := ParseArgs(c, args, "a:d:ei:n:N:p:rst:u:")
	if !ok {
		return StatusUsage
	}
	r := readCmd{delim: '\n', nchars: -1, fd: -1}
	for _, o := range opts {
		switch o.Letter {
		case 'r':
			r.raw = true
		case 's':
			r.silent = true
		case 'a':
			r.array = o.Value
		case 'd':
			r.delim = 0
			if o.Value != "" {
				r.delim = o.Value[0]
			}
		case 'n', 'N':
			n, ok := legalNumber(o.Value)
			if !ok || n < 0 || n > math.MaxInt32 {
				invalidNumber(c, "read", o.Value)
				return 1
			}
			r.nchars = int(n)
			r.exact = r.exact || o.Letter == 'N'
		case 'p':
			r.prompt, r.hasPrompt = o.Value, true
		case 't':
			d, ok := parseTimeout(o.Value)
			if !ok {
				c.Errorf("read: %s: invalid timeout specification", o.Value)
				return 1
			}
			r.timeout, r.hasTimeout = d, true
		case 'u':
			n, ok := legalNumber(o.Value)
			if !ok || n < 0 || n > math.MaxInt32 {
				c.Errorf("read: %s: invalid file descriptor specification", o.Value)
				return 1
			}
			r.fd = int(n)
		}
	}
	if r.array != "" && !validName(r.array) {
		c.Errorf("read: `%s': not a valid identifier", r.array)
		return 1
	}
	for _, n := range names {
		if !validRef(n) {
			c.Errorf("read: `%s': not a valid identifier", n)
			return 1
		}
	}

	in := input{fd: -1, intr: c.Interrupted()}
	var f *os.File
	fdNum := max(r.fd, 0)
	if r.fd >= 0 {
		if f = c.File(r.fd); f == nil {
			c.Errorf("read: %d: invalid file descriptor: %s", r.fd, strerror(unix.EBADF))
			return 1
		}
	} else {
		switch s := c.Stdin().(type) {
		case *os.File:
			f = s
		case nil:
			c.Errorf("read: read error: 0: %s", strerror(unix.EBADF))
			return 1
		default:
			in.r = s
		}
	}

	var (
		line   []byte
		quoted []bool
		status int
		err    error
	)
	if f == nil {
		if r.hasTimeout && r.timeout == 0 {
			// An in-memory reader cannot be polled; a known-empty one
			// has nothing to offer.
			if l, ok := in.r.(interface{ Len() int }); ok && l.Len() == 0 {
				return 1
			}
			return 0
		}
		line, quoted, status, err = r.scan(&in)
	} else if fd, ok := fileFD(f); ok {
		in.fd = fd
		line, quoted, status, err = r.readFD(c, &in)
		runtime.KeepAlive(f)
	} else {
		err = unix.EBADF
	}
	switch {
	case errors.Is(err, errPollReady):
		return status
	case errors.Is(err, errInterrupted):
		return statusSigint
	case err != nil:
		c.Errorf("read: read error: %d: %s", fdNum, strerror(err))
		return 1
	}
	if !r.assign(c, names, line, quoted) {
		return 1
	}
	return status
}

// errPollReady ends a read -t 0, which only asks whether input is ready.
var errPollReady = errors.New("poll only")

// readFD sets up a descriptor (prompt, terminal modes) and scans it.
func (r *readCmd) readFD(c Context, in *input) (line []byte, quoted []bool, status int, err error) {
	// Like bash, trust lseek alone: it fails on pipes, terminals and
	// sockets, and whatever it succeeds on (regular files, /dev/null,
	// disks) never blocks, so polling is pointless. This keeps a `while
	// read` loop over a file at bash's three system calls per line.
	if _, serr := unix.Seek(in.fd, 0, io.SeekCurrent); serr == nil {
		if r.hasTimeout && r.timeout == 0 {
			return nil, nil, 0, errPollReady
		}
		in.block = true
		line, quoted, status, err = r.scan(in)
		in.giveBack()
		return line, quoted, status, err
	}
	// Only a terminal or pipe can block: poll it when a timeout or an
	// interrupt has to be noticed.
	in.poll = r.hasTimeout || in.intr != nil
	if r.hasTimeout {
		if r.timeout == 0 {
			fds := []unix.PollFd{{Fd: int32(in.fd), Events: unix.POLLIN}}
			if n, _ := unix.Poll(fds, 0); n > 0 {
				return nil, nil, 0, errPollReady
			}
			return nil, nil, 1, errPollReady
		}
		in.deadline = time.Now().Add(r.timeout)
	}
	if r.hasPrompt || r.silent || r.nchars >= 0 {
		if tio, terr := unix.IoctlGetTermios(in.fd, unix.TCGETS); terr == nil {
			if r.hasPrompt {
				io.WriteString(c.Stderr(), r.prompt)
			}
			if r.silent || r.nchars >= 0 {
				defer r.setTerminal(in.fd, *tio)()
			}
		}
	}
	return r.scan(in)
}

// setTerminal turns echo off for -s and line buffering off for -n/-N (so
// a keypress counts at once), and returns the function that restores tio.
func (r *readCmd) setTerminal(fd int, tio unix.Termios) (restore func()) {
	t := tio
	if r.silent {
		t.Lflag &^= unix.ECHO | unix.ECHOK | unix.ECHONL
	}
	if r.nchars >= 0 {
		t.Lflag &^= unix.ICANON
		t.Cc[unix.VMIN], t.Cc[unix.VTIME] = 1, 0
	}
	if unix.IoctlSetTermios(fd, unix.TCSETSW, &t) != nil {
		return func() {}
	}
	return func() { unix.IoctlSetTermios(fd, unix.TCSETSW, &tio) }
}

// scan reads up to the delimiter, or nchars characters, interpreting
// backslashes unless -r. quoted marks escaped bytes (nil if none were).
// status is 0 when the read ended normally, 1 at end of file and 142 on
// timeout; err is a read error or errInterrupted.
func (r *readCmd) scan(in *input) (line []byte, quoted []bool, status int, err error) {
	line = in.line[:0]
	count := 0       // characters stored, for -n
	need := 0        // UTF-8 continuation bytes the last character still lacks
	escaped := false // the previous byte was an escaping backslash
	for {
		if r.nchars >= 0 && need == 0 && count >= r.nchars {
			return line, quoted, 0, nil
		}
		var b byte
		if in.lo < in.hi {
			b = in.buf[in.lo]
			in.lo++
		} else if b, err = in.next(); err != nil {
			switch err {
			case io.EOF:
				return line, quoted, 1, nil
			case errTimeout:
				return line, quoted, statusAlarm, nil
			}
			return line, quoted, 1, err
		}
		if b == 0 && r.delim != 0 {
			continue // bash drops NUL bytes: shell strings cannot hold them
		}
		isQuoted := escaped
		switch {
		case escaped:
			escaped = false
			if b == '\n' {
				continue // line continuation
			}
		case b == '\\' && !r.raw:
			escaped = true
			continue
		case b == r.delim && !r.exact:
			return line, quoted, 0, nil
		}
		if isQuoted && quoted == nil {
			quoted = make([]bool, len(line), cap(line)+1)
		}
		line = append(line, b)
		if quoted != nil {
			quoted = append(quoted, isQuoted)
		}
		if need > 0 && b&0xc0 == 0x80 {
			need--
			continue
		}
		need = 0
		count++
		switch {
		case b >= 0xf0 && b < 0xf8:
			need = 3
		case b >= 0xe0 && b < 0xf0:
			need = 2
		case b >= 0xc0 && b < 0xe0:
			need = 1
		}
	}
}

// assign stores the line: whole in the array (-N) or split into it (-a),
// unsplit in REPLY, or split over the names.
func (r *readCmd) assign(c Context, names []string, line []byte, quoted []bool) bool {
	ifs, ok := c.Var("IFS")
	if !ok {
		ifs = " \t\n"
	}
	f := fieldSplitter{s: line, quoted: quoted, ifs: ifs}
	if r.array != "" {
		var vals []string
		if r.exact {
			vals = []string{string(line)}
		} else {
			vals = f.fields()
		}
		if err := c.SetArray(r.array, vals); err != nil {
			c.Errorf("%v", err)
			return false
		}
		return true
	}
	if len(names) == 0 {
		return setVar(c, "REPLY", string(line))
	}
	var vals []string
	if r.exact {
		vals = make([]string, len(names))
		vals[0] = string(line)
	} else {
		vals = f.assign(len(names))
	}
	ok = true
	for i, n := range names {
		ok = setVar(c, n, vals[i]) && ok
	}
	return ok
}

// parseTimeout parses read -t's non-negative decimal seconds ("1.5").
func parseTimeout(s string) (time.Duration, bool) {
	ip, fp, _ := strings.Cut(s, ".")
	if ip == "" && fp == "" {
		return 0, false
	}
	for _, part := range []string{ip, fp} {
		for i := 0; i < len(part); i++ {
			if part[i] < '0' || part[i] > '9' {
				return 0, false
			}
		}
	}
	sec := int64(0)
	if ip != "" {
		var err error
		if sec, err = strconv.ParseInt(ip, 10, 64); err != nil || sec > math.MaxInt64/int64(time.Second) {
			return 0, false
		}
	}
	ns := int64(0)
	for i, scale := 0, int64(1e8); i < len(fp) && i < 9; i, scale = i+1, scale/10 {
		ns += int64(fp[i]-'0') * scale
	}
	return time.Duration(sec)*time.Second + time.Duration(ns), true
}
