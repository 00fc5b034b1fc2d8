// Package tests holds gosh's end-to-end tests and the harness they use.
//
// The tests drive the built gosh binary from the outside, the way a user
// does: in script mode (`gosh -c`, or a script on stdin, with pipes for
// stdio) and interactively on a pseudo-terminal, typing keys such as ^Z and
// ^C. They check facts the kernel reports (the terminal's foreground process
// group, /proc/PID/stat states, signal masks) rather than only what the shell
// prints.
//
// The package does not test gosh's packages in-process; unit tests live next
// to the code they test. Everything here is in _test.go files; this file only
// gives the package a name and a doc.
//
// Environment:
//
//   - GOSH_TEST_SHELL: run the tests against this shell (a path, or a name
//     looked up in PATH) instead of building ./cmd/gosh. Use it to try the
//     harness against bash: GOSH_TEST_SHELL=/bin/bash go test ./tests/.
//   - GOSH_TEST_TIME_SCALE: multiply every timeout by this factor (a float,
//     default 1) on slow or loaded machines. No test sleeps to synchronise,
//     so the scale only changes how long a failing test takes to fail.
//   - GOSH_TEST_RACE=1: build gosh with -race, and fail a test whose shell
//     reports a data race, and the run if any process it started did (the
//     reports go to files, through GORACE; see raceEnv). It also works with
//     GOSH_TEST_SHELL naming a race build. .ci/run uses it.
//
// The harness's own tests are named TestHarness*; they always run against
// /bin/bash, whatever GOSH_TEST_SHELL says, so a harness bug cannot be
// mistaken for a gosh bug.
package tests
