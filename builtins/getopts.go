package builtins

import (
	"fmt"
	"strconv"
	"strings"
)

// optPosVar is where getopts keeps its position inside a word of grouped
// options (-abc), which OPTIND alone cannot express. It is a shell
// variable, not Go state, so that it survives subshells. Its value is
// "OPTIND:index:word"; the state is ignored unless OPTIND and the word
// still match, so assigning OPTIND or passing other arguments restarts.
// (Reassigning OPTIND=1 midway through the very same first word is
// noticed only if the evaluator unsets this variable when OPTIND is
// assigned, as bash resets its own counter.)
const optPosVar = "_GOSH_OPTPOS"

// getopts is POSIX getopts with bash's messages: it parses the next
// option from the arguments (the positional parameters by default),
// setting name, OPTARG and OPTIND. A leading ':' in optstring selects
// silent error reporting. Status 0 while options remain, 1 at the end.
func getopts(c Context, args []string) int {
	_, operands, ok := ParseArgs(c, args, "")
	if !ok {
		return StatusUsage
	}
	if len(operands) < 2 {
		return Usage(c, "getopts")
	}
	optstring, name := operands[0], operands[1]
	if !validName(name) {
		c.Errorf("getopts: `%s': not a valid identifier", name)
		return 1
	}
	argv := operands[2:]
	if len(operands) == 2 {
		argv = c.Params()
	}
	silent := strings.HasPrefix(optstring, ":")
	if silent {
		optstring = optstring[1:]
	}

	optind := 1 // an unset or nonsensical OPTIND starts over
	if s, ok := c.Var("OPTIND"); ok {
		if n, ok := legalNumber(s); ok && n > 1 {
			optind = int(min(n, int64(len(argv))+1))
		}
	}
	pos := 1 // index in argv[optind-1] of the next option letter
	if st, ok := c.Var(optPosVar); ok && optind <= len(argv) {
		f := strings.SplitN(st, ":", 3)
		if len(f) == 3 && f[0] == strconv.Itoa(optind) && f[2] == argv[optind-1] {
			if p, err := strconv.Atoi(f[1]); err == nil && p > 1 && p < len(f[2]) {
				pos = p
			}
		}
	}

	end := func(next int) int {
		c.UnsetVar(optPosVar)
		c.UnsetVar("OPTARG")
		setVar(c, "OPTIND", strconv.Itoa(next))
		setVar(c, name, "?")
		return 1
	}
	if optind > len(argv) {
		return end(optind)
	}
	word := argv[optind-1]
	if pos == 1 {
		if len(word) < 2 || word[0] != '-' {
			return end(optind)
		}
		if word == "--" {
			return end(optind + 1)
		}
	}

	opt := word[pos]
	pos++
	// advance moves past the option letter, and past the word once it is
	// used up, recording where the next call resumes. OPTIND is set first:
	// the shell forgets the position whenever OPTIND is assigned.
	advance := func() {
		if pos >= len(word) {
			optind++
			pos = 1
		}
		setVar(c, "OPTIND", strconv.Itoa(optind))
		if pos == 1 {
			c.UnsetVar(optPosVar)
		} else {
			setVar(c, optPosVar, fmt.Sprintf("%d:%d:%s", optind, pos, word))
		}
	}
	i := strings.IndexByte(optstring, opt)
	if i < 0 || opt == ':' {
		advance()
		if silent {
			setVar(c, "OPTARG", string(opt))
		} else {
			getoptsError(c, "illegal option", opt)
			c.UnsetVar("OPTARG")
		}
		setVar(c, name, "?")
		return 0
	}
	if i+1 < len(optstring) && optstring[i+1] == ':' {
		var arg string
		switch {
		case pos < len(word):
			arg = word[pos:]
			optind++
		case optind < len(argv):
			arg = argv[optind]
			optind += 2
		default:
			optind++
			pos = 1
			c.UnsetVar(optPosVar)
			setVar(c, "OPTIND", strconv.Itoa(optind))
			if silent {
				setVar(c, "OPTARG", string(opt))
				setVar(c, name, ":")
			} else {
				getoptsError(c, "option requires an argument", opt)
				c.UnsetVar("OPTARG")
				setVar(c, name, "?")
			}
			return 0
		}
		c.UnsetVar(optPosVar)
		setVar(c, "OPTIND", strconv.Itoa(optind))
		setVar(c, "OPTARG", arg)
		setVar(c, name, string(opt))
		return 0
	}
	advance()
	c.UnsetVar("OPTARG")
	setVar(c, name, string(opt))
	return 0
}

// getoptsError prints "$0: MSG -- X" as bash does: getopts reports on
// behalf of the script, so the prefix is the script's name rather than
// "gosh: getopts:".
func getoptsError(c Context, msg string, opt byte) {
	prog, ok := c.Var("0")
	if !ok || prog == "" {
		prog = "gosh"
	}
	fmt.Fprintf(c.Stderr(), "%s: %s -- %c\n", prog, msg, opt)
}
