package shell

import (
	"errors"
	"math"
	"strconv"

	"mvdan.cc/sh/v3/syntax"
)

// The sandbox is the fuzz target's mode (see fuzz_test.go): gosh then runs
// arbitrary scripts without starting a process, sending a signal, writing a
// file or changing process-wide state, and within a budget of statements,
// so that the fuzzer looks for panics and hangs in the evaluator alone.

// sandboxBudget is how many statements a sandboxed script may run.
const sandboxBudget = 20000

// sandboxMaxValue bounds a variable's size: x=$x$x in a loop would
// otherwise exhaust memory well within the statement budget.
const sandboxMaxValue = 1 << 20

// sandboxMaxListings bounds how many directories a sandboxed script may
// read for globbing: /*/*/*/*/*/* lists most of the machine (1.8 million
// names and 390 MB in gosh, and as much in bash), which is the glob doing
// its job, not a bug the fuzzer should report.
const sandboxMaxListings = 2000

// MaxField bounds a printf field in the sandbox as sandboxMaxValue bounds
// a variable: %1999999999d is legal, and 2 GB of padding, but not what the
// fuzzer is looking for (builtins/printf.go asks for this optionally).
func (c builtinCtx) MaxField() int {
	if c.r.g.sandbox {
		return sandboxMaxValue
	}
	return math.MaxInt32
}

// sandboxStep counts one statement and reports whether the budget is
// spent, in which case the script ends.
func (r *Shell) sandboxStep() bool {
	r.g.mu.Lock()
	r.g.steps++
	over := r.g.steps > sandboxBudget
	r.g.mu.Unlock()
	if over {
		r.exit(2)
	}
	return over
}

// sandboxList counts one directory read for globbing and reports an error
// once the script has spent its budget of them.
func (r *Shell) sandboxList() error {
	r.g.mu.Lock()
	r.g.listings++
	over := r.g.listings > sandboxMaxListings
	r.g.mu.Unlock()
	if over {
		return errors.New("too many directories read for the sandbox")
	}
	return nil
}

// hugeBraceRange reports whether a word has a brace sequence such as
// {1..99999999}, which would exhaust the fuzzer's memory.
func hugeBraceRange(w *syntax.Word) bool {
	cp := *w
	if !syntax.SplitBraces(&cp) {
		return false
	}
	var huge func(parts []syntax.WordPart) bool
	huge = func(parts []syntax.WordPart) bool {
		for _, p := range parts {
			be, ok := p.(*syntax.BraceExp)
			if !ok {
				continue
			}
			if be.Sequence && len(be.Elems) >= 2 {
				a, errA := strconv.Atoi(be.Elems[0].Lit())
				b, errB := strconv.Atoi(be.Elems[1].Lit())
				if errA == nil && errB == nil && (b-a > 10000 || a-b > 10000) {
					return true
				}
			}
			for _, e := range be.Elems {
				if huge(e.Parts) {
					return true
				}
			}
		}
		return false
	}
	return huge(cp.Parts)
}
