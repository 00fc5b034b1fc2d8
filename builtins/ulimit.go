package builtins

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"
)

// rlimitPipe marks bash's read-only -p: the pipe buffer size, 8 units of
// 512 bytes (PIPE_BUF), which is no rlimit at all.
const rlimitPipe = -1

// limitInfo describes one resource in bash's order and wording; factor
// is the unit the user speaks in.
type limitInfo struct {
	opt      byte
	resource int
	factor   uint64
	desc     string
	units    string
}

var limits = [...]limitInfo{
	{'R', unix.RLIMIT_RTTIME, 1, "real-time non-blocking time", "microseconds"},
	{'c', unix.RLIMIT_CORE, 1024, "core file size", "blocks"}, // bash's blocks: 1024 bytes outside POSIX mode
	{'d', unix.RLIMIT_DATA, 1024, "data seg size", "kbytes"},
	{'e', unix.RLIMIT_NICE, 1, "scheduling priority", ""},
	{'f', unix.RLIMIT_FSIZE, 1024, "file size", "blocks"},
	{'i', unix.RLIMIT_SIGPENDING, 1, "pending signals", ""},
	{'l', unix.RLIMIT_MEMLOCK, 1024, "max locked memory", "kbytes"},
	{'m', unix.RLIMIT_RSS, 1024, "max memory size", "kbytes"},
	{'n', unix.RLIMIT_NOFILE, 1, "open files", ""},
	{'p', rlimitPipe, 512, "pipe size", "512 bytes"},
	{'q', unix.RLIMIT_MSGQUEUE, 1, "POSIX message queues", "bytes"},
	{'r', unix.RLIMIT_RTPRIO, 1, "real-time priority", ""},
	{'s', unix.RLIMIT_STACK, 1024, "stack size", "kbytes"},
	{'t', unix.RLIMIT_CPU, 1, "cpu time", "seconds"},
	{'u', unix.RLIMIT_NPROC, 1, "max user processes", ""},
	{'v', unix.RLIMIT_AS, 1024, "virtual memory", "kbytes"},
	{'x', unix.RLIMIT_LOCKS, 1, "file locks", ""},
}

// ulimitOptions is ulimit's ParseOptions spec: -S, -H and -a, and each
// limit's letter with an optional value (-n 64 -c 0, or -n alone).
func ulimitOptions() string {
	spec := make([]byte, 0, 3+2*len(limits))
	spec = append(spec, "SHa"...)
	for _, l := range limits {
		spec = append(spec, l.opt, ';')
	}
	return string(spec)
}

func findLimit(opt byte) *limitInfo {
	for i := range limits {
		if limits[i].opt == opt {
			return &limits[i]
		}
	}
	return nil
}

// limitCmd is one requested resource with its new value, if any.
type limitCmd struct {
	info   *limitInfo
	arg    string
	hasArg bool
}

// ulimit shows or sets resource limits like bash's: -S and -H pick the
// soft or hard limit (setting changes both by default, showing shows the
// soft one), -a shows everything, several options show a table, and a
// value is a number in the option's unit, "unlimited", "hard" or "soft".
// As in bash, each option takes an optional argument (-n 64 -c 0).
func ulimit(c Context, args []string) int {
	opts, operands, ok := ParseArgs(c, args, ulimitOptions())
	if !ok {
		return StatusUsage
	}
	var cmds []limitCmd
	soft, hard, all := false, false, false
	for _, o := range opts {
		switch o.Letter {
		case 'S':
			soft = true
		case 'H':
			hard = true
		case 'a':
			all = true
		default:
			cmds = append(cmds, limitCmd{info: findLimit(o.Letter), arg: o.Value, hasArg: o.HasValue})
		}
	}
	if all {
		return ulimitAll(c, hard && !soft)
	}
	if len(cmds) == 0 {
		cmds = append(cmds, limitCmd{info: findLimit('f')})
	}
	if last := &cmds[len(cmds)-1]; len(operands) > 0 && !last.hasArg {
		last.arg, last.hasArg = operands[0], true
	}
	showHard := hard && !soft
	table := len(cmds) > 1
	var buf []byte
	status := 0
	for _, cmd := range cmds {
		if !cmd.hasArg {
			line, err := limitLine(cmd.info, showHard, table)
			if err != nil {
				c.Errorf("ulimit: %s: cannot get limit: %s", cmd.info.desc, strerror(err))
				status = 1
				continue
			}
			buf = append(buf, line...)
			continue
		}
		if !setLimit(c, cmd.info, cmd.arg, soft || !hard, hard || !soft) {
			status = 1
		}
	}
	if st := out(c, "ulimit", buf); st != 0 {
		return st
	}
	return status
}

func getLimit(info *limitInfo) (unix.Rlimit, error) {
	if info.resource == rlimitPipe {
		return unix.Rlimit{Cur: 8 * 512, Max: 8 * 512}, nil
	}
	var rl unix.Rlimit
	err := unix.Getrlimit(info.resource, &rl)
	return rl, err
}

// limitLine formats one limit, with bash's -a description when table.
func limitLine(info *limitInfo, hard, table bool) (string, error) {
	rl, err := getLimit(info)
	if err != nil {
		return "", err
	}
	v := rl.Cur
	if hard {
		v = rl.Max
	}
	val := "unlimited"
	if v != unix.RLIM_INFINITY {
		val = strconv.FormatUint(v/info.factor, 10)
	}
	if !table {
		return val + "\n", nil
	}
	unit := fmt.Sprintf("(-%c) ", info.opt)
	if info.units != "" {
		unit = fmt.Sprintf("(%s, -%c) ", info.units, info.opt)
	}
	return fmt.Sprintf("%-20s %20s%s\n", info.desc, unit, val), nil
}

func ulimitAll(c Context, hard bool) int {
	var b strings.Builder
	for i := range limits {
		line, err := limitLine(&limits[i], hard, true)
		if err != nil {
			continue // a resource this kernel lacks
		}
		b.WriteString(line)
	}
	return out(c, "ulimit", []byte(b.String()))
}

// setLimit parses arg in the resource's unit and sets the soft and/or hard
// limit.
func setLimit(c Context, info *limitInfo, arg string, soft, hard bool) bool {
	rl, err := getLimit(info)
	if err != nil {
		c.Errorf("ulimit: %s: cannot get limit: %s", info.desc, strerror(err))
		return false
	}
	var v uint64
	switch arg {
	case "unlimited":
		v = unix.RLIM_INFINITY
	case "hard":
		v = rl.Max
	case "soft":
		v = rl.Cur
	default:
		n, overflow, end := strtoumax(arg, 10)
		if end == 0 || end != len(arg) || arg[0] == '-' {
			invalidNumber(c, "ulimit", arg)
			return false
		}
		if overflow || n > math.MaxInt64/info.factor { // bash computes in a signed type
			c.Errorf("ulimit: %s: limit out of range", arg)
			return false
		}
		v = n * info.factor
	}
	if info.resource == rlimitPipe {
		c.Errorf("ulimit: %s: cannot modify limit: %s", info.desc, strerror(unix.EINVAL))
		return false
	}
	if soft {
		rl.Cur = v
	}
	if hard {
		rl.Max = v
	}
	if err := unix.Setrlimit(info.resource, &rl); err != nil {
		c.Errorf("ulimit: %s: cannot modify limit: %s", info.desc, strerror(err))
		return false
	}
	return true
}
