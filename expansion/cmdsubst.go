package expansion

import (
	"strings"

	"mvdan.cc/sh/v3/syntax"
)

// cmdSubst runs $(...) or `...` and returns its output less any trailing
// newlines (XCU 2.6.3).
func (e *expander) cmdSubst(cs *syntax.CmdSubst) (string, error) {
	var sb strings.Builder
	if err := e.host().CmdSubst(&sb, cs); err != nil {
		return "", err
	}
	return strings.TrimRight(sb.String(), "\n"), nil
}
