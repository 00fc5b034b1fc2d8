package jobs

// Job specs (%1, %+, %-, %name, %?text) and the choice of the current and
// previous jobs, as bash 5.2 does them. Pure functions of what the job
// table tells them, with no system calls, so they are table-tested.

import (
	"strconv"
	"strings"
)

// SpecEntry is what spec resolution needs to know of one job.
type SpecEntry struct {
	ID       int    // the job number, as in %1
	Command  string // the job's command text, as `jobs` shows it
	Current  bool   // the job is %+ (see Marks)
	Previous bool   // the job is %- (see Marks)
}

// specError is the type of the reasons a spec names no job. They are
// constants, so that nobody can replace them.
type specError string

func (e specError) Error() string { return string(e) }

// The reasons in a SpecError, for errors.Is.
const (
	ErrNoSuchJob     specError = "no such job"
	ErrAmbiguousSpec specError = "ambiguous job spec"
)

// SpecError reports a job spec that names no job, or more than one. Its
// text is bash's: "%5: no such job", "sl: ambiguous job spec". The
// evaluator prefixes "gosh: fg: " as bash prefixes "bash: fg: ".
type SpecError struct {
	// Spec is the text bash puts before the colon: the spec as given for
	// ErrNoSuchJob, but the bare name, without "%" or "%?", for
	// ErrAmbiguousSpec; "current" when no spec was given.
	Spec string
	Err  error // ErrNoSuchJob or ErrAmbiguousSpec
}

func (e *SpecError) Error() string { return e.Spec + ": " + e.Err.Error() }
func (e *SpecError) Unwrap() error { return e.Err }

// ResolveSpec returns the index into entries of the job that spec names,
// following bash's get_job_spec:
//
//	%N, N       job number N (all digits; %007 is job 7)
//	%%, %+, %   the current job
//	%-          the previous job
//	%name       the job whose command starts with name
//	%?text      the job whose command contains text, ignoring ASCII case
//	            (bash uses strcasestr)
//
// The leading % is optional, as it is for bash's fg, bg, jobs and disown;
// kill and wait take a word without % as a PID, so they must call this only
// for words that start with %. Like bash, only the first character after
// the % decides the current and previous forms, so %+x is the current job
// and %-1 the previous one.
//
// A name or text that matches more than one job is ambiguous. Unlike bash,
// which compares name with each process of a pipeline separately, the
// whole command text is matched: %cat does not find `sleep 9 | cat`, as
// POSIX words it ("the job whose command begins with string"). bash's way
// also reports every match on a later process of a pipeline as ambiguous,
// a bug not worth copying.
func ResolveSpec(spec string, entries []SpecEntry) (int, error) {
	if spec == "" {
		return -1, &SpecError{Spec: spec, Err: ErrNoSuchJob}
	}
	word := strings.TrimPrefix(spec, "%")
	if isJobNumber(word) {
		if n, err := strconv.Atoi(word); err == nil {
			for i, e := range entries {
				if e.ID == n {
					return i, nil
				}
			}
		}
		return -1, &SpecError{Spec: spec, Err: ErrNoSuchJob}
	}
	if word == "" || word[0] == '%' || word[0] == '+' {
		return findMarked(spec, entries, func(e SpecEntry) bool { return e.Current })
	}
	if word[0] == '-' {
		return findMarked(spec, entries, func(e SpecEntry) bool { return e.Previous })
	}
	if text, ok := strings.CutPrefix(word, "?"); ok {
		return findByName(spec, text, entries, func(cmd string) bool { return containsFoldASCII(cmd, text) })
	}
	return findByName(spec, word, entries, func(cmd string) bool { return strings.HasPrefix(cmd, word) })
}

// ResolveCurrent returns the index of the current job, for fg and bg
// without an argument. bash's error then reads "current: no such job".
func ResolveCurrent(entries []SpecEntry) (int, error) {
	return findMarked("current", entries, func(e SpecEntry) bool { return e.Current })
}

// findMarked returns the index of the first entry for which marked is
// true, or an ErrNoSuchJob for spec.
func findMarked(spec string, entries []SpecEntry, marked func(SpecEntry) bool) (int, error) {
	for i, e := range entries {
		if marked(e) {
			return i, nil
		}
	}
	return -1, &SpecError{Spec: spec, Err: ErrNoSuchJob}
}

// findByName returns the one entry whose command matches, an ErrAmbiguousSpec
// naming name if several do, or an ErrNoSuchJob for spec if none does.
func findByName(spec, name string, entries []SpecEntry, match func(string) bool) (int, error) {
	found := -1
	for i, e := range entries {
		if !match(e.Command) {
			continue
		}
		if found >= 0 {
			return -1, &SpecError{Spec: name, Err: ErrAmbiguousSpec}
		}
		found = i
	}
	if found < 0 {
		return -1, &SpecError{Spec: spec, Err: ErrNoSuchJob}
	}
	return found, nil
}

// isJobNumber reports whether s, not empty, is all ASCII digits, which
// makes it a job number however large.
func isJobNumber(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// containsFoldASCII reports whether s contains sub, ignoring the case of
// ASCII letters only, as glibc's strcasestr does byte by byte. Every string
// contains "".
func containsFoldASCII(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if equalFoldASCII(s[i:i+len(sub)], sub) {
			return true
		}
	}
	return false
}

func equalFoldASCII(a, b string) bool {
	for i := 0; i < len(a); i++ {
		if lowerASCII(a[i]) != lowerASCII(b[i]) {
			return false
		}
	}
	return true
}

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// MarkEntry is what the choice of the current and previous jobs needs to
// know of one job. A job with neither flag set has finished but is still
// listed, waiting to be reported.
type MarkEntry struct {
	ID      int
	Running bool // some process of the job runs
	Stopped bool // no process runs, and at least one is stopped
}

// Marks names the current job (%+, %%, marked '+') and the previous job
// (%-, marked '-') by job number; 0 means none. The zero value is a table
// without jobs.
//
// bash chooses them with a memory: the result depends on the old marks as
// well as on the jobs, so the job table keeps a Marks and replaces it on the
// events below, passing its jobs ordered by job number. bash hands out job
// numbers in increasing order, so that order is from oldest to newest. The
// events, as in bash's jobs.c:
//
//   - a job was started in the background, or resumed with bg: Reset;
//   - fg resumed a job: Set(that job). Starting a job in the foreground
//     changes nothing until it stops;
//   - jobs stopped: Set(the last of them to stop, in the order the reaper
//     saw them);
//   - the reaper saw a stopped job run again, continued by a signal from
//     elsewhere: Reset (bash's own kill -CONT marks the job running first,
//     so the event changes nothing there);
//   - a job that was current or previous left the table: Reset, after
//     removing it.
//
// The outcome, in bash's words: the newest stopped job is current and the
// next-newest stopped job previous; with a single stopped job, the newest
// running job is previous; with only running jobs, the newest is current
// and the next-newest previous. A single job is both current and previous.
type Marks struct {
	Current, Previous int
}

// Set makes the job id current and picks a previous job to go with it, as
// bash's set_current_job does: the old current job if it is stopped; else
// the newest stopped job older than id, if id is stopped; else the newest
// running job (older than id, if id runs); else id itself.
func (m Marks) Set(id int, jobs []MarkEntry) Marks {
	if m.Current != id {
		m.Previous, m.Current = m.Current, id
	}
	if m.Previous != m.Current {
		if prev, ok := markEntry(jobs, m.Previous); ok && prev.Stopped {
			return m
		}
	}
	cur, _ := markEntry(jobs, m.Current)
	if cur.Stopped {
		if c := newestIn(jobs, m.Current, true); c != 0 {
			m.Previous = c
			return m
		}
	}
	before := 0 // no limit
	if cur.Running {
		before = m.Current
	}
	if c := newestIn(jobs, before, false); c != 0 {
		m.Previous = c
		return m
	}
	m.Previous = m.Current
	return m
}

// Reset chooses the current job again after the jobs changed, as bash's
// reset_current does: the current job stays if it is stopped; otherwise
// the previous job if it is stopped, else the newest stopped job, else the
// newest running job becomes current, by way of Set. With no such job, there
// are no marks.
func (m Marks) Reset(jobs []MarkEntry) Marks {
	candidate := 0
	if cur, ok := markEntry(jobs, m.Current); ok && cur.Stopped {
		candidate = m.Current
	} else if prev, ok := markEntry(jobs, m.Previous); ok && prev.Stopped {
		candidate = m.Previous
	} else if c := newestIn(jobs, 0, true); c != 0 {
		candidate = c
	} else {
		candidate = newestIn(jobs, 0, false)
	}
	if candidate == 0 {
		return Marks{}
	}
	return m.Set(candidate, jobs)
}

// Mark returns the mark `jobs` prints after the job number of job id:
// '+' for the current job, '-' for the previous one, ' ' otherwise. A job
// that is both is '+'.
func (m Marks) Mark(id int) byte {
	switch {
	case id == 0:
		return ' '
	case id == m.Current:
		return '+'
	case id == m.Previous:
		return '-'
	}
	return ' '
}

// markEntry returns the entry of job id, if it is listed.
func markEntry(jobs []MarkEntry, id int) (MarkEntry, bool) {
	if id == 0 {
		return MarkEntry{}, false
	}
	for _, e := range jobs {
		if e.ID == id {
			return e, true
		}
	}
	return MarkEntry{}, false
}

// newestIn returns the ID of the newest job that is stopped (or, if
// wantStopped is false, running), among the jobs listed before job before
// (all jobs if before is 0 or not listed), or 0. This is bash's
// most_recent_job_in_state.
func newestIn(jobs []MarkEntry, before int, wantStopped bool) int {
	end := len(jobs)
	for i, e := range jobs {
		if before != 0 && e.ID == before {
			end = i
			break
		}
	}
	for i := end - 1; i >= 0; i-- {
		if e := jobs[i]; wantStopped && e.Stopped || !wantStopped && e.Running {
			return e.ID
		}
	}
	return 0
}
