package expansion

import "fmt"

// Error is an expansion error. Fatal ones end a non-interactive shell, as
// XCU 2.8.1 requires for expansion errors; others (failglob) fail only the
// command.
type Error struct {
	Msg   string
	Fatal bool
	// Arith marks an error of arithmetic evaluation (division by 0, a
	// syntax error in the expression). bash ends a script for it in
	// $((...)) but not in ((...)), let or for ((;;)).
	Arith bool
}

func (e *Error) Error() string { return e.Msg }

func fatalf(format string, args ...any) error {
	return &Error{Msg: fmt.Sprintf(format, args...), Fatal: true}
}

// UnboundError is a use of an unset variable under set -u.
func unboundError(name string) error {
	return &Error{Msg: name + ": unbound variable", Fatal: true}
}

func badSubstitution(text string) error {
	return &Error{Msg: text + ": bad substitution", Fatal: true}
}
