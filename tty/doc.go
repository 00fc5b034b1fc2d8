// Package tty is the only code in gosh that touches the controlling
// terminal's ownership (its foreground process group) and its modes
// (termios).
//
// Every rule that needs a system call is one small function whose comment
// states the invariant it keeps. The rules follow the glibc manual
// ("Implementing a Job Control Shell") and the kernel's checks in
// drivers/tty/tty_jobctrl.c; the design notes (§A1-§A3) record the
// experiments behind them. The central one: a process that is not in the
// terminal's foreground group may change the terminal only while SIGTTOU is
// blocked in the calling thread, so [SetForeground] and [SetAttr] run on a
// locked OS thread with the job-control stop signals blocked.
//
// What the package does not do: it starts no processes, waits for none,
// installs no signal handlers, and never decides which process group should
// own the terminal. The jobs package and the evaluator decide; tty carries
// the decision out. It imports nothing of gosh's.
//
// It works on Linux only.
package tty
