// Package jobs is gosh's job table: it starts the processes of a job in one
// process group, owns the only wait4 in the program (the reaper), tracks each
// process's state (running, stopped, continued, done), and hands the
// terminal to a foreground job and back.
//
// It does not parse or evaluate shell code; the evaluator tells it which
// programs to start with which descriptors. Terminal ownership and modes go
// through package tty.
//
// # The life of one ^Z
//
// The user types `sleep 100 | cat` at the prompt, presses ^Z, then types
// `fg`. File by file:
//
//  1. shell/pipeline.go asks for a job: Table.Begin (launch.go) takes the
//     table's lock for the whole launch, so that the reaper cannot reap the
//     leader before the last member has joined its group (joining the group
//     of a reaped leader fails with EPERM).
//  2. Launch.Start (launch.go) forks and execs each member with
//     syscall.ForkExec: Setpgid puts the first in a new group (its pid is the
//     pgid) and the others in it; the first also takes the terminal itself
//     before it execs (SysProcAttr.Foreground, a tcsetpgrp with SIGTTOU
//     blocked), so no member can read the terminal before its group owns it.
//     ForkExec returns only after the exec; a child stopped before it would
//     block it, which prexec.go guards against.
//  3. Launch.Done releases the lock, and the evaluator waits in
//     Table.WaitForeground (wait.go). Whoever waits takes the reaping role
//     (reaper.go): it sleeps in waitid(P_ALL, WNOWAIT) on its own thread,
//     then collects every status with wait4(-1, WNOHANG|WUNTRACED|WCONTINUED)
//     under the lock (reapLocked), and Table.record (table.go) moves each
//     Proc to Running, Stopped or Done.
//  4. ^Z: the terminal driver sends SIGTSTP to its foreground group, the
//     job's. Both processes stop; the kernel reports each to the shell,
//     which is not in that group and feels nothing of the ^Z itself.
//  5. The waiter wakes, reaps the two stops, and sees the whole group
//     stopped (Job.groupState). takeBackTerminal (wait.go) saves the job's
//     terminal modes (a stopped vi keeps its raw mode for later), gives the
//     terminal back to the shell's group (handOver.giveTerminal, terminal.go,
//     through tty with SIGTTOU blocked on a locked thread) and puts the
//     shell's own modes back. The job enters the table (add) as the current
//     job (setCurrent), marked as already reported.
//  6. The evaluator gets Stopped: shell/simple.go (finishForeground) calls
//     noteStopped (shell/jobctl.go), which sets $? to 128+SIGTSTP and
//     prints `[1]+  Stopped  sleep 100 | cat` from Table.Line (control.go).
//     Inside a longer command line the evaluator parks instead, through the
//     same noteStopped (see "Line jobs" below), and the interactive loop
//     (interactive/loop.go) prints the notice and the prompt.
//  7. `fg` (shell/jobctl.go, resume) calls Table.ResumeForeground
//     (control.go): the job's saved modes go back on the terminal, then the
//     terminal goes to the job's group, and only then SIGCONT reaches the
//     group (the glibc manual's order: a job continued before it owns the
//     terminal could stop again at once on SIGTTIN). The evaluator waits in
//     WaitForeground again, as in step 3, and the job keeps its number.
//
// # Line jobs
//
// A command line that is more than one job (`for f in *; do gzip "$f";
// done`) runs in an evaluator goroutine of its own (shell/linejob.go). When
// one of its jobs stops, that goroutine parks (lineRun.park): the stopped
// job's entry becomes the line's (AdoptLine, line.go) and SetParked keeps
// it stopped while the evaluator waits. The read-eval loop gets the prompt
// back. Then `fg` asks the parked line to run in the foreground
// (requestForeground: ResumeForeground, and the evaluator goes on where it
// stopped); `bg` asks it to run in the background on its own copy of the
// shell's state (requestBackground); a line whose job was killed while it
// was parked is asked to settle (requestSettle) and finishes like a
// background job. Each later process group of the line reuses the entry
// (BeginWithin), and FinishLine ends it when the evaluator is done.
// shell/linejob_test.go takes a parked line through each of these
// transitions, without a terminal.
package jobs
