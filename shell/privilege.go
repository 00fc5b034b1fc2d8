package shell

// Privileged mode (bash's -p, set -o privileged). A gosh whose effective
// user or group id differs from the real one (a setuid or setgid gosh)
// reads no startup file, $ENV included, and unless -p was given it gives
// up its effective ids at once: a shell must not run a user's files, or
// anything at all, with ids the user does not have without being asked.

import (
	"fmt"
	"io"
	"syscall"
)

// processIDs are a process's real and effective user and group ids.
type processIDs struct {
	uid, euid, gid, egid int
}

func currentIDs() processIDs {
	return processIDs{syscall.Getuid(), syscall.Geteuid(), syscall.Getgid(), syscall.Getegid()}
}

// setuidStart is what a shell started with ids does, as bash decides it.
type setuidStart struct {
	skipStartupFiles bool // no profile, rc file or $ENV
	dropIDs          bool // set every id to the real one
}

// decideSetuidStart applies bash's rule: a shell whose effective ids are
// not its real ones reads no startup file, and drops to the real ids
// unless it is privileged (-p).
func decideSetuidStart(ids processIDs, privileged bool) setuidStart {
	setuid := ids.uid != ids.euid || ids.gid != ids.egid
	return setuidStart{skipStartupFiles: setuid, dropIDs: setuid && !privileged}
}

// dropPrivileges sets the real, effective and saved ids to the real ones,
// the group first while the user id may still allow it. Go's Setres*id act
// on every thread of the process. A failure is reported as bash reports it
// and the shell goes on.
func dropPrivileges(ids processIDs, stderr io.Writer) {
	if err := syscall.Setresgid(ids.gid, ids.gid, ids.gid); err != nil {
		fmt.Fprintf(stderr, "gosh: cannot set gid to %d: effective gid %d\n", ids.gid, ids.egid)
	}
	if err := syscall.Setresuid(ids.uid, ids.uid, ids.uid); err != nil {
		fmt.Fprintf(stderr, "gosh: cannot set uid to %d: effective uid %d\n", ids.uid, ids.euid)
	}
}

// privileged reports whether the command line turns on privileged mode
// (-p, -o privileged; the last setting wins).
func (inv *invocation) privileged() bool {
	on := false
	for _, s := range inv.setOpts {
		if !s.shopt && (s.letter == 'p' || s.name == "privileged") {
			on = s.on
		}
	}
	return on
}
