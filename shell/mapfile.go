package shell

import (
	"bytes"
	"errors"
	"io"
	"slices"
	"strconv"

	"github.com/gosh-sh/gosh/builtins"
	"github.com/gosh-sh/gosh/expansion"
)

// mapfileCmd is `mapfile [-d delim] [-n count] [-O origin] [-s count] [-t]
// [-u fd] [-C callback] [-c quantum] [array]`, also called readarray.
type mapfileCmd struct {
	delim    byte
	max      int // -n: records to store, 0 for all
	origin   int // -O: the first index; the array is kept
	keep     bool
	skip     int  // -s: records to discard first
	chop     bool // -t: drop each record's delimiter
	fd       int
	callback string // -C: run as `callback INDEX 'RECORD'` every quantum records
	quantum  int
	name     string
}

// mapfileOptions is the ParseOptions spec of mapfile and readarray.
const mapfileOptions = "d:n:O:s:tu:C:c:"

// mapfileCommand reads the values of mapfile's parsed options as bash
// does; a message comes back for a bad one (status 1).
func mapfileCommand(opts []builtins.Option, operands []string) (mapfileCmd, string) {
	m := mapfileCmd{delim: '\n', quantum: 5000, name: "MAPFILE"}
	number := func(o builtins.Option, what string) (int, string) {
		n, err := strconv.Atoi(o.Value)
		if err != nil || n < 0 {
			return 0, o.Value + ": invalid " + what
		}
		return n, ""
	}
	var msg string
	for _, o := range opts {
		switch o.Letter {
		case 'd':
			m.delim = 0
			if o.Value != "" {
				m.delim = o.Value[0]
			}
		case 'n':
			m.max, msg = number(o, "line count")
		case 'O':
			m.origin, msg = number(o, "array origin")
			m.keep = true
		case 's':
			m.skip, msg = number(o, "line count")
		case 't':
			m.chop = true
		case 'u':
			m.fd, msg = number(o, "file descriptor specification")
			if msg == "" {
				m.fd = -1 - m.fd // decoded in run: -1 means 0, and so on
			}
		case 'C':
			m.callback = o.Value
		case 'c':
			m.quantum, msg = number(o, "callback quantum")
			if msg == "" && m.quantum == 0 {
				msg = "0: invalid callback quantum"
			}
		}
		if msg != "" {
			return m, msg
		}
	}
	if len(operands) > 0 {
		m.name = operands[0]
	}
	return m, ""
}

func (r *Shell) biMapfile(args []string) int {
	opts, operands, ok := r.parseOptions(args, mapfileOptions)
	if !ok {
		return builtins.StatusUsage
	}
	m, msg := mapfileCommand(opts, operands)
	if msg != "" {
		r.errorf("%s: %s", args[0], msg)
		return 1
	}
	if !validName(m.name) {
		r.errorf("%s: `%s': not a valid identifier", args[0], m.name)
		return 1
	}
	ctx := builtinCtx{r: r, name: args[0]}
	src := ctx.Stdin()
	if m.fd < 0 {
		fd := -1 - m.fd
		f := ctx.File(fd)
		if f == nil {
			r.errorf("%s: %d: invalid file descriptor: Bad file descriptor", args[0], fd)
			return 1
		}
		src = f
	}
	ref, err := r.resolveRef(m.name)
	if err != nil {
		r.errorf("%s: %v", args[0], err)
		return 1
	}
	name := ref.name
	old := r.vars[name]
	switch {
	case old.ReadOnly:
		r.errorf("%s: %s: readonly variable", args[0], name)
		return 1
	case old.Kind == expansion.Associative:
		r.errorf("%s: %s: not an indexed array", args[0], name)
		return 1
	}
	var list []string
	var idx []int
	if m.keep {
		list, idx = arrayOf(old)
	}
	store := func() error {
		nv := r.vars[name]
		nv.Set, nv.Kind, nv.Str = true, expansion.Indexed, ""
		nv.List, nv.Indexes = slices.Clone(list), slices.Clone(idx)
		if nv.List == nil {
			nv.List = []string{}
		}
		if r.opts.allexport {
			nv.Exported = true
		}
		r.vars[name] = nv
		r.envDirty = true
		return nil
	}
	rec := builtins.NewRecords(src, ctx.Interrupted())
	defer rec.Close()
	for range m.skip {
		if _, err := rec.Next(m.delim); err != nil {
			break
		}
	}
	status := 0
	at := m.origin
	for count := 0; m.max == 0 || count < m.max; count++ {
		b, err := rec.Next(m.delim)
		if err != nil {
			if errors.Is(err, builtins.ErrInterrupted) {
				status = 130
			} else if err != io.EOF {
				r.errorf("%s: read error: %v", args[0], err)
				status = 1
			}
			break
		}
		if m.chop && b[len(b)-1] == m.delim {
			b = b[:len(b)-1]
		}
		if i := bytes.IndexByte(b, 0); i >= 0 {
			b = b[:i] // bash's strings end at a NUL byte
		}
		line, err := r.attrValue(old, string(b))
		if err != nil {
			r.errorf("%s: %v", args[0], err)
			status = 1
			break
		}
		if m.callback != "" && (count+1)%m.quantum == 0 {
			store()
			r.biEval([]string{"eval", m.callback + " " + strconv.Itoa(at) + " " + shellQuoteAlways(line)})
		}
		list, idx = setIndex(list, idx, at, line, false)
		at++
	}
	store()
	return status
}
