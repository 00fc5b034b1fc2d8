package shell

import (
	"fmt"
	"os"
	"syscall"

	"github.com/gosh-sh/gosh/jobs"
	"github.com/gosh-sh/gosh/parser"
)

// beginInteractive makes this an interactive shell (-i, or a terminal on
// stdin and stderr): it catches the signals an interactive shell survives,
// takes the terminal for job control when there is one, and reads the
// startup files. The prompt loop, or a command string (gosh -i -c),
// follows.
func (r *Shell) beginInteractive(inv *invocation) {
	r.g.interactive = true
	sigs := r.ensureSignals()
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGQUIT, syscall.SIGTSTP, syscall.SIGTERM, syscall.SIGHUP} {
		sigs.setFatal(sig, false) // QUIT: an interactive shell survives it
		sigs.catch(sig)
	}
	// A job-control shell's jobs see the stop signals at their default,
	// whatever the shell inherited (POSIX's keep-them-ignored rule is for
	// a shell that is not interactive). TSTP is caught just above, which
	// puts it back in children.
	jobs.DefaultIgnored(syscall.SIGTTIN, syscall.SIGTTOU)
	if found, err := r.g.jobs.TakeTerminal(); err != nil {
		fmt.Fprintf(r.stderr(), "gosh: cannot set terminal process group (%v): no job control in this shell\n", err)
	} else if found {
		r.opts.monitor = true
	}
	r.initInteractive(inv)
	r.startupFiles(inv)
}

// endInteractive runs the EXIT trap, sends SIGHUP to the jobs (huponexit,
// unless the terminal hung up, which did already) and gives the terminal
// back.
func (r *Shell) endInteractive(hungUp bool) {
	t := r.g.jobs
	r.runExitTrap()
	if r.opts.huponexit && !hungUp {
		t.HangUp()
	}
	t.ReleaseTerminal()
}

// expandPrompt decodes a prompt's backslash escapes, then expands its
// parameters, commands and arithmetic, as bash does (and ${var@P}).
func (r *Shell) expandPrompt(ps string) string {
	if ps == "" {
		return ""
	}
	ps = r.promptEscapes(ps)
	w, err := parser.ParseDocument(ps)
	if err != nil {
		return ps
	}
	cfg := r.expandConfig()
	s, err := expandDocument(cfg, w)
	if err != nil {
		return ps
	}
	return s
}

// startupFiles reads the profile files of a login shell, then the rc file
// an interactive shell reads.
func (r *Shell) startupFiles(inv *invocation) {
	if inv.noStartupFiles {
		return
	}
	r.profileFiles(inv)
	if inv.norc {
		return
	}
	home := r.varValue("HOME")
	source := r.startupFile
	switch {
	case inv.rcfile != "":
		source(inv.rcfile)
	case r.varValue("ENV") != "" && !inv.login:
		if w, err := parser.ParseDocument(r.varValue("ENV")); err == nil {
			if p, err := expandDocument(r.expandConfig(), w); err == nil {
				source(p)
			}
		}
	case home != "":
		source(home + "/.goshrc")
	}
}

// profileFiles reads what a login shell reads first, interactive or not
// (gosh -l -c 'env' sees the login environment, as with bash): /etc/profile,
// then the first of ~/.gosh_profile and ~/.profile.
func (r *Shell) profileFiles(inv *invocation) {
	if !inv.login || inv.noprofile || inv.noStartupFiles {
		return
	}
	r.startupFile("/etc/profile")
	if home := r.varValue("HOME"); home != "" {
		if !r.startupFile(home + "/.gosh_profile") {
			r.startupFile(home + "/.profile")
		}
	}
}

// startupFile sources path if it exists; an exit or return in it ends only
// the file.
func (r *Shell) startupFile(path string) bool {
	if _, err := os.Stat(path); err != nil {
		return false
	}
	r.biSource([]string{".", path})
	r.exiting, r.returning = false, false
	return true
}
