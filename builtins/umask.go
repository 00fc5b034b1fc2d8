package builtins

import (
	"bytes"
	"fmt"
	"os"
	"strconv"
	"syscall"
)

// umask shows or sets the file creation mask: octal ("022") or symbolic
// ("u=rwx,g=rx,o=", "a+w") modes, -S for symbolic output and -p for
// output that can be reused as input. POSIX gives it one operand; bash
// ignores any more, gosh rejects them.
func umask(c Context, args []string) int {
	opts, operands, ok := ParseArgs(c, args, "pS")
	if !ok {
		return StatusUsage
	}
	reuse, symbolic := false, false
	for _, o := range opts {
		if o.Letter == 'p' {
			reuse = true
		} else {
			symbolic = true
		}
	}
	if len(operands) == 0 {
		mask := currentUmask()
		var s string
		switch {
		case symbolic:
			s = symbolicUmask(mask)
		default:
			s = fmt.Sprintf("%04o\n", mask)
		}
		if reuse {
			if symbolic {
				s = "umask -S " + s
			} else {
				s = "umask " + s
			}
		}
		return out(c, "umask", []byte(s))
	}
	if len(operands) > 1 {
		c.Errorf("umask: too many arguments")
		return StatusUsage
	}
	mode := operands[0]
	var mask int
	if mode != "" && mode[0] >= '0' && mode[0] <= '9' {
		v, err := strconv.ParseUint(mode, 8, 32)
		if err != nil || v > 0o7777 {
			c.Errorf("umask: %s: octal number out of range", mode)
			return 1
		}
		mask = int(v) & 0o777
	} else {
		perm, ok := symbolicMode(c, mode, ^currentUmask()&0o777)
		if !ok {
			return 1
		}
		mask = ^perm & 0o777
	}
	syscall.Umask(mask)
	if symbolic {
		return out(c, "umask", []byte(symbolicUmask(mask)))
	}
	return 0
}

// currentUmask reads the mask from /proc, which unlike the umask(2)
// set-and-restore dance never exposes other goroutines creating files to a
// zero mask.
func currentUmask() int {
	if b, err := os.ReadFile("/proc/self/status"); err == nil {
		if _, rest, ok := bytes.Cut(b, []byte("\nUmask:\t")); ok {
			if line, _, _ := bytes.Cut(rest, []byte("\n")); len(line) > 0 {
				if v, err := strconv.ParseUint(string(line), 8, 32); err == nil {
					return int(v)
				}
			}
		}
	}
	old := syscall.Umask(0o22)
	syscall.Umask(old)
	return old
}

// symbolicUmask renders the permissions a mask leaves, as u=rwx,g=rx,o=rx.
func symbolicUmask(mask int) string {
	perm := ^mask & 0o777
	b := make([]byte, 0, 20)
	for i, who := range "ugo" {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, byte(who), '=')
		bits := perm >> (3 * (2 - i))
		for j, p := range "rwx" {
			if bits&(4>>j) != 0 {
				b = append(b, byte(p))
			}
		}
	}
	return string(append(b, '\n'))
}

// symbolicMode applies a POSIX chmod symbolic mode to the permission bits
// perm (not the mask), as POSIX's umask asks:
//
//	symbolic_mode: clause [, clause]...
//	clause:        [who...] action...      who:  u g o a (none means a)
//	action:        op [perm... | permcopy] op:   + - =
//	perm:          r w x X s t             permcopy: u g o
//
// So "u+r+w", "=" and "a=u" are modes too; bash takes only one op with
// rwx per clause. A permcopy and X read the bits as they were before this
// mode (BSD's setmode does the same); X is x if any x bit was on. s and t
// name bits outside the mask's 0777, so they change nothing but still
// count as named permissions for "=".
func symbolicMode(c Context, mode string, perm int) (int, bool) {
	orig := perm
	i := 0
	at := func() byte { // NUL past the end, as bash sees it
		if i < len(mode) {
			return mode[i]
		}
		return 0
	}
	for {
		who := 0
		for ; ; i++ {
			switch at() {
			case 'u':
				who |= 0o700
				continue
			case 'g':
				who |= 0o070
				continue
			case 'o':
				who |= 0o007
				continue
			case 'a':
				who |= 0o777
				continue
			}
			break
		}
		if who == 0 {
			who = 0o777
		}
		if op := at(); op != '+' && op != '-' && op != '=' {
			c.Errorf("umask: `%s': invalid symbolic mode operator", printableByte(op))
			return 0, false
		}
		for {
			op := at()
			if op != '+' && op != '-' && op != '=' {
				break
			}
			i++
			bits := 0
			if copied, ok := permcopy(at(), orig); ok {
				bits = copied
				i++
			} else {
			perms:
				for ; ; i++ {
					switch at() {
					case 'r':
						bits |= 0o444
					case 'w':
						bits |= 0o222
					case 'x':
						bits |= 0o111
					case 'X':
						if orig&0o111 != 0 {
							bits |= 0o111
						}
					case 's', 't':
					default:
						break perms
					}
				}
			}
			bits &= who
			switch op {
			case '+':
				perm |= bits
			case '-':
				perm &^= bits
			case '=':
				perm = perm&^who | bits
			}
		}
		if ch := at(); ch != 0 && ch != ',' {
			c.Errorf("umask: `%c': invalid symbolic mode character", ch)
			return 0, false
		}
		if i >= len(mode) {
			return perm, true
		}
		i++ // the comma
	}
}

// permcopy is the permission bits of class ch (u, g or o) in perm, repeated
// for all three classes, for an action such as "g=u".
func permcopy(ch byte, perm int) (int, bool) {
	var bits int
	switch ch {
	case 'u':
		bits = perm >> 6 & 7
	case 'g':
		bits = perm >> 3 & 7
	case 'o':
		bits = perm & 7
	default:
		return 0, false
	}
	return bits * 0o111, true
}

// printableByte shows a byte in a diagnostic; bash prints a raw NUL for
// the end of the mode, which gosh leaves out.
func printableByte(b byte) string {
	if b == 0 {
		return ""
	}
	return string(b)
}
