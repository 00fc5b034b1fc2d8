package tests

// docs/job-control-walkthrough.md, run. The test parses the document's
// ```console step=NAME blocks (the format is explained in the document's
// "How to read the examples"), types every command and key into a fresh
// gosh on a pseudo-terminal, and checks that every line the document shows
// appears, with its <placeholders> bound to the same numbers throughout a
// step. Then, for each step, Go code checks what the document's "Why" says
// against the kernel: process groups and sessions in /proc, the terminal's
// foreground group with TIOCGPGRP. A block without its checks, a check
// without its block, or an action (# line) the test cannot perform fails
// the test, so the document and the test cannot drift apart.

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

const walkthroughDoc = "../docs/job-control-walkthrough.md"

// sometimes ends a line that appears or not, depending on timing.
const sometimes = " (sometimes)"

// docItem is one input of a step, and the lines the document shows after
// it, up to the next input.
type docItem struct {
	kind int    // itemCommand, itemKey, itemTyped, itemAction
	text string // the command, the key ("^C"), the typed text or the action
	want []string
	opt  []string // lines marked "(sometimes)": claimed if they appear
	line int      // in the document, for messages
}

const (
	itemCommand = iota
	itemKey
	itemTyped
	itemAction
)

type docStep struct {
	name  string
	line  int
	items []docItem
}

var (
	stepFence = regexp.MustCompile("^```console step=([a-z0-9-]+)$")
	typedLine = regexp.MustCompile(`^(.*?)\s+<- type this$`)
	keyLine   = regexp.MustCompile(`^\^[A-Z\\]$`)
	keyEcho   = regexp.MustCompile(`^\^[A-Z\\]`)
)

// parseWalkthrough reads the steps of the document. Blocks with the same
// step name continue one another.
func parseWalkthrough(t *testing.T, path string) []*docStep {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var steps []*docStep
	byName := map[string]*docStep{}
	var cur *docStep
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if cur == nil {
			if m := stepFence.FindStringSubmatch(line); m != nil {
				cur = byName[m[1]]
				if cur == nil {
					cur = &docStep{name: m[1], line: n}
					byName[m[1]] = cur
					steps = append(steps, cur)
				}
			}
			continue
		}
		var it docItem
		switch {
		case line == "```":
			cur = nil
			continue
		case line == "$" || strings.HasPrefix(line, "$ "):
			it = docItem{kind: itemCommand, text: strings.TrimPrefix(strings.TrimPrefix(line, "$"), " ")}
		case keyLine.MatchString(line):
			it = docItem{kind: itemKey, text: line}
		case strings.HasPrefix(line, "# "):
			it = docItem{kind: itemAction, text: line}
		case typedLine.MatchString(line):
			it = docItem{kind: itemTyped, text: typedLine.FindStringSubmatch(line)[1]}
		default:
			if len(cur.items) == 0 {
				t.Fatalf("%s:%d: output before any input: %q", path, n, line)
			}
			last := &cur.items[len(cur.items)-1]
			if l, ok := strings.CutSuffix(line, sometimes); ok {
				last.opt = append(last.opt, l)
			} else {
				last.want = append(last.want, line)
			}
			continue
		}
		it.line = n
		cur.items = append(cur.items, it)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if cur != nil {
		t.Fatalf("%s: block of step %s is not closed", path, cur.name)
	}
	return steps
}

// walker runs one step.
type walker struct {
	t    *testing.T
	s    *Session
	home string
	b    map[string]string // placeholder bindings
	pool []poolLine        // output lines no expectation has claimed yet
	seg  []string          // the output lines of the last input, for checks
	off  int               // s.out up to here is in the pool
}

type poolLine struct {
	text string
	used bool
}

// n returns the number bound to a placeholder.
func (w *walker) n(name string) int {
	w.t.Helper()
	v, ok := w.b[name]
	if !ok {
		w.t.Fatalf("placeholder <%s> is not bound", name)
	}
	i, _ := strconv.Atoi(v)
	return i
}

var placeholder = regexp.MustCompile(`<([a-z][a-z0-9-]*)>`)

// substitute replaces bound placeholders in a command to type.
func (w *walker) substitute(text string, line int) string {
	return placeholder.ReplaceAllStringFunc(text, func(p string) string {
		name := p[1 : len(p)-1]
		v, ok := w.b[name]
		if !ok {
			w.t.Fatalf("%s:%d: <%s> is typed before the output shows it", walkthroughDoc, line, name)
		}
		return v
	})
}

// linePattern compiles one expected line: placeholders are numbers (bound
// ones their value), "..." is any text, runs of spaces are any spaces, the
// rest is literal. It returns the names of the unbound placeholders in
// group order.
func linePattern(want string, b map[string]string) (*regexp.Regexp, []string) {
	var re strings.Builder
	var names []string
	re.WriteString("^")
	rest := strings.TrimSpace(want)
	for rest != "" {
		switch {
		case strings.HasPrefix(rest, "..."):
			re.WriteString(".*")
			rest = rest[3:]
		case rest[0] == ' ':
			re.WriteString(" +")
			rest = strings.TrimLeft(rest, " ")
		case placeholder.MatchString(rest) && placeholder.FindStringIndex(rest)[0] == 0:
			m := placeholder.FindStringSubmatch(rest)
			if v, ok := b[m[1]]; ok {
				re.WriteString(regexp.QuoteMeta(v))
			} else {
				re.WriteString(`(\d+)`)
				names = append(names, m[1])
			}
			rest = rest[len(m[0]):]
		default:
			end := 1
			for end < len(rest) && rest[end] != ' ' && rest[end] != '<' && !strings.HasPrefix(rest[end:], "...") {
				end++
			}
			re.WriteString(regexp.QuoteMeta(rest[:end]))
			rest = rest[end:]
		}
	}
	re.WriteString("$")
	return regexp.MustCompile(re.String()), names
}

// matchLine matches one expected line against one output line and returns
// the bindings it adds.
func matchLine(want, got string, b map[string]string) (map[string]string, bool) {
	re, names := linePattern(want, b)
	m := re.FindStringSubmatch(got)
	if m == nil {
		return nil, false
	}
	add := map[string]string{}
	for i, name := range names {
		if v, ok := add[name]; ok && v != m[i+1] {
			return nil, false
		}
		add[name] = m[i+1]
	}
	return add, true
}

// claim finds, for every expected line, a different unclaimed output line
// that matches it, with consistent bindings (backtracking: the order of the
// output need not be the document's). On success it marks the lines used
// and records the bindings.
func (w *walker) claim(want []string) bool {
	var try func(i int, b map[string]string) bool
	try = func(i int, b map[string]string) bool {
		if i == len(want) {
			for k, v := range b {
				w.b[k] = v
			}
			return true
		}
		for j := range w.pool {
			if w.pool[j].used {
				continue
			}
			add, ok := matchLine(want[i], w.pool[j].text, b)
			if !ok {
				continue
			}
			nb := make(map[string]string, len(b)+len(add))
			for k, v := range b {
				nb[k] = v
			}
			for k, v := range add {
				nb[k] = v
			}
			w.pool[j].used = true
			if try(i+1, nb) {
				return true
			}
			w.pool[j].used = false
		}
		return false
	}
	return try(0, w.b)
}

// collect moves the complete output lines that arrived since the last call
// into the pool (without the prompts that start them) and returns the
// output since start, for counting prompts.
func (w *walker) collect(start int) string {
	s := w.s
	s.mu.Lock()
	defer s.mu.Unlock()
	if nl := strings.LastIndexByte(string(s.out[w.off:]), '\n'); nl >= 0 {
		for line := range strings.SplitSeq(string(s.out[w.off:w.off+nl]), "\n") {
			// A line may start with the prompt, and with the echo of a
			// key (the terminal shows ^C as "^C", with no newline).
			for {
				if l, ok := strings.CutPrefix(line, s.Prompt); ok {
					line = l
				} else if keyEcho.MatchString(line) {
					line = line[2:]
				} else {
					break
				}
			}
			line = strings.TrimSpace(line)
			if arg0 := s.cmd.Args[0]; filepath.Base(arg0) != "gosh" {
				// The document names the program gosh. A shell under
				// test of another name (GOSH_TEST_SHELL=/tmp/gosh-race)
				// would show its own wherever it prints its $0.
				line = strings.ReplaceAll(line, arg0, "gosh")
			}
			w.pool = append(w.pool, poolLine{text: line})
			w.seg = append(w.seg, line)
		}
		w.off += nl + 1
	}
	s.pos = len(s.out) // keep Expect, if a check uses it, after this
	return string(s.out[start:])
}

// outputLen is the length of the output so far.
func (w *walker) outputLen() int {
	w.s.mu.Lock()
	defer w.s.mu.Unlock()
	return len(w.s.out)
}

// await waits until every line of it.want has appeared and, when the
// shell is to read a command next, until it has printed a prompt. A
// notice appears only before a prompt: while lines are missing after a
// prompt, it presses Enter, as the document tells the reader to.
func (w *walker) await(it docItem, start int, needPrompt bool) {
	w.t.Helper()
	deadline := time.Now().Add(timeout(defaultWait))
	enters := 0
	claimed := false
	for {
		out := w.collect(start)
		prompts := strings.Count(out, w.s.Prompt)
		claimed = claimed || w.claim(it.want)
		if claimed && (!needPrompt || prompts > enters) {
			return
		}
		if !claimed && prompts > enters {
			w.s.Send("\r")
			enters++
		}
		if time.Now().After(deadline) {
			var unused []string
			for _, p := range w.pool {
				if !p.used {
					unused = append(unused, p.text)
				}
			}
			w.s.fail("%s:%d: after %q, the document shows\n  %s\nbut the unclaimed output is\n  %s\n(bindings %v)",
				walkthroughDoc, it.line, it.text, strings.Join(it.want, "\n  "), strings.Join(unused, "\n  "), w.b)
		}
		select {
		case <-w.s.changed:
		case <-time.After(timeout(100 * time.Millisecond)):
		}
	}
}

// stepChecks are the kernel-side checks of one step, run after the input
// whose text (as the document writes it) is the key, once its output has
// appeared. An action's check performs the action.
type stepChecks map[string]func(w *walker)

func TestWalkthrough(t *testing.T) {
	t.Parallel()
	steps := parseWalkthrough(t, walkthroughDoc)
	checks := walkthroughChecks()
	var names []string
	for _, st := range steps {
		names = append(names, st.name)
		if checks[st.name] == nil {
			t.Errorf("%s:%d: step %s has no checks in walkthrough_test.go", walkthroughDoc, st.line, st.name)
		}
	}
	for name := range checks {
		if !slices.Contains(names, name) {
			t.Errorf("walkthrough_test.go checks a step %s that the document does not have", name)
		}
	}
	for _, st := range steps {
		chk := checks[st.name]
		if chk == nil {
			continue
		}
		t.Run(st.name, func(t *testing.T) {
			t.Parallel()
			runStep(t, st, chk)
		})
	}
}

func runStep(t *testing.T, st *docStep, chk stepChecks) {
	s := startGosh(t)
	w := &walker{t: t, s: s, home: s.cmd.Dir, b: map[string]string{"shell": strconv.Itoa(s.ShellPid())}}
	w.collect(0) // the first prompt
	used := map[string]bool{}
	for i, it := range st.items {
		start := w.outputLen()
		w.seg = nil
		switch it.kind {
		case itemCommand:
			w.s.SendLine(w.substitute(it.text, it.line))
		case itemTyped:
			w.s.SendLine(it.text)
		case itemKey:
			w.s.Ctrl(it.text[1])
		case itemAction:
			if chk[it.text] == nil {
				t.Fatalf("%s:%d: the test cannot do %q", walkthroughDoc, it.line, it.text)
			}
		}
		// The shell reads a command next unless a key or typed text
		// goes to the job that runs now.
		needPrompt := i+1 == len(st.items) || st.items[i+1].kind == itemCommand || st.items[i+1].kind == itemAction
		if it.kind != itemAction {
			w.await(it, start, needPrompt)
		}
		if f := chk[it.text]; f != nil {
			f(w)
			used[it.text] = true
		}
	}
	// The document shows the whole trace: a trace line it does not show
	// is drift too. Optional lines are claimed first, where they appeared.
	w.collect(0)
	for _, it := range st.items {
		for _, o := range it.opt {
			w.claim([]string{o})
		}
	}
	for _, p := range w.pool {
		if !p.used && strings.HasPrefix(p.text, "jobtrace:") {
			t.Errorf("%s: step %s: the document does not show the trace line\n  %s", walkthroughDoc, st.name, p.text)
		}
	}
	if testing.Verbose() {
		// For whoever edits the document: what the step really showed.
		t.Logf("transcript of step %s:\n%s", st.name, w.s.Transcript())
	}
	for key := range chk {
		if !used[key] {
			t.Errorf("step %s: a check for %q, which the document does not type", st.name, key)
		}
	}
}

// segOutput returns the output lines of the last input, without the echo
// of the command itself and without empty lines.
func (w *walker) segOutput(typed string) []string {
	var out []string
	for _, l := range w.seg {
		if l != "" && l != typed {
			out = append(out, l)
		}
	}
	return out
}

func walkthroughChecks() map[string]stepChecks {
	return map[string]stepChecks{
		"ctrl-c": {
			"seq 100000000 | sort | uniq": func(w *walker) {
				seq := w.n("seq")
				members := waitGroup(w.t, seq, "seq", "sort", "uniq")
				if got, want := pids(members), slices.Sorted(slices.Values([]int{seq, w.n("sort"), w.n("uniq")})); !slices.Equal(got, want) {
					w.t.Errorf("group %d is %v; the trace named %v", seq, got, want)
				}
				if fg := w.s.ForegroundPgrp(); fg != seq {
					w.t.Errorf("the terminal belongs to %d, not to the pipeline's group %d", fg, seq)
				}
				for _, m := range members {
					if m.Sid != w.s.ShellPid() {
						w.t.Errorf("%v: not in the shell's session", m)
					}
				}
			},
			"^C": func(w *walker) {
				for _, name := range []string{"seq", "sort", "uniq"} {
					waitGone(w.t, w.n(name))
				}
				w.s.WaitShellForeground()
				if st, _, _, _, _ := procStat(w.s.ShellPid()); st == 0 || st == 'Z' {
					w.t.Error("the shell died of ^C")
				}
			},
			"echo $?": func(*walker) {},
		},
		"groups": {
			"sleep 1000 | sort | uniq &": func(w *walker) {
				waitGroup(w.t, w.n("sleep"), "sleep", "sort", "uniq")
			},
			"ps -o pid,pgid,sid,args": func(w *walker) {
				members := groupMembers(w.n("sleep"))
				if got, want := pids(members), slices.Sorted(slices.Values([]int{w.n("sleep"), w.n("sort"), w.n("uniq")})); !slices.Equal(got, want) {
					w.t.Errorf("group %d is %v; ps showed %v", w.n("sleep"), got, want)
				}
				if fg := w.s.ForegroundPgrp(); fg != w.s.ShellPid() {
					w.t.Errorf("a background job owns the terminal: %d", fg)
				}
			},
			"jobs -l": func(*walker) {},
		},
		"kill-group": {
			"set -o jobtrace": func(*walker) {},
			"sleep 1000 | sort | uniq &": func(w *walker) {
				waitGroup(w.t, w.n("sleep"), "sleep", "sort", "uniq")
			},
			"kill -INT <uniq>": func(w *walker) {
				waitGone(w.t, w.n("uniq"))
				for _, name := range []string{"sleep", "sort"} {
					if p := waitProcState(w.t, w.n(name), "S"); p.Pgid != w.n("sleep") {
						w.t.Errorf("%v: left the job's group", p)
					}
				}
			},
			"jobs -l": func(*walker) {},
			"kill -INT -<sleep>": func(w *walker) {
				waitGone(w.t, w.n("sleep"))
				waitGone(w.t, w.n("sort"))
			},
			"": func(*walker) {},
		},
		"escape": {
			"set -o jobtrace": func(*walker) {},
			`perl -e 'if (fork) { sleep 1000 } else { setpgrp(0, 0); print "child $$ left for group ", getpgrp, "\n"; sleep 1000 }'`: func(w *walker) {
				child, perl := w.n("child"), w.n("perl")
				if _, ppid, pgid, sid, _ := procStat(child); ppid != perl || pgid != child || sid != w.s.ShellPid() {
					w.t.Errorf("child %d: ppid %d pgid %d sid %d; want %d %d %d", child, ppid, pgid, sid, perl, child, w.s.ShellPid())
				}
				if fg := w.s.ForegroundPgrp(); fg != perl {
					w.t.Errorf("the terminal belongs to %d, want perl's group %d", fg, perl)
				}
			},
			"^C": func(w *walker) {
				waitGone(w.t, w.n("perl"))
				w.s.WaitShellForeground()
				p := waitProcState(w.t, w.n("child"), "S")
				if p.Pgid != p.Pid || (p.Ppid != 1 && p.Ppid != os.Getpid()) {
					w.t.Errorf("escaped child after ^C: %v; want it alive in its own group, adopted", p)
				}
			},
			"ps -o pid,ppid,pgid,sid,args": func(w *walker) {
				if ppid := w.n("ppid"); ppid != 1 && ppid != os.Getpid() {
					w.t.Errorf("ps shows the child's parent as %d, neither init nor the subreaper %d", ppid, os.Getpid())
				}
			},
			"kill <child>": func(w *walker) {
				waitExited(w.t, w.n("child"))
			},
		},
		"ttin": {
			"set -o jobtrace": func(*walker) {},
			`{ read -r line; echo "read: $line"; } &`: func(w *walker) {
				waitProcState(w.t, w.n("job"), "T")
			},
			"":        func(*walker) {},
			"jobs -l": func(*walker) {},
			"fg": func(w *walker) {
				w.s.WaitForeground(func(pg int) bool { return pg == w.n("job") })
			},
			"hello": func(w *walker) {
				waitGone(w.t, w.n("job"))
				w.s.WaitShellForeground()
			},
		},
		"tostop": {
			"set -o jobtrace": func(*walker) {},
			"stty tostop": func(w *walker) {
				if ttyModes(w.s).Lflag&syscall.TOSTOP == 0 {
					w.t.Error("stty tostop did not last")
				}
			},
			"/bin/echo hello &": func(w *walker) {
				waitProcState(w.t, w.n("echo"), "T")
			},
			"":        func(*walker) {},
			"jobs -l": func(*walker) {},
			"fg": func(w *walker) {
				waitGone(w.t, w.n("echo"))
				w.s.WaitShellForeground()
				if st, _, _, _, _ := procStat(w.s.ShellPid()); st == 'T' {
					w.t.Error("the shell is stopped")
				}
			},
			"stty -tostop": func(w *walker) {
				if ttyModes(w.s).Lflag&syscall.TOSTOP != 0 {
					w.t.Error("stty -tostop did not last")
				}
			},
		},
		"hangup": {
			"GOSH_JOBTRACE=~/hangup.trace": func(*walker) {},
			"set -o jobtrace":              func(*walker) {},
			// Each job must have exec'd sleep before the hang-up (and
			// nohup must have ignored SIGHUP), or the signal would reach
			// a copy of the shell or nohup itself.
			"sleep 1000 &": func(w *walker) { waitGroup(w.t, w.n("plain"), "sleep") },
			"nohup sleep 1001 > /dev/null 2>&1 &": func(w *walker) {
				waitGroup(w.t, w.n("nohup"), "sleep")
				if st, err := procStatus(w.n("nohup")); err != nil || !st.Ign.Has(syscall.SIGHUP) {
					w.t.Errorf("nohup's sleep: SigIgn %v (%v); want SIGHUP in it", st.Ign, err)
				}
			},
			"sleep 1002 &": func(w *walker) { waitGroup(w.t, w.n("disowned"), "sleep") },
			"disown %3":    func(*walker) {},
			"# close the terminal window": func(w *walker) {
				w.s.master.Close()
				w.s.WaitExit()
				waitExited(w.t, w.n("plain"))
				checkSpared(w.t, w.n("nohup"))
				checkSpared(w.t, w.n("disowned"))
			},
			"# open a new terminal": func(w *walker) {
				w.s = startSession(w.t, SessionConfig{Env: []string{"HOME=" + w.home}, Dir: w.home})
				w.s.ExpectPrompt()
				w.off, w.pool = 0, nil
				w.collect(0)
			},
			"cat ~/hangup.trace": func(w *walker) {
				for _, l := range w.seg {
					if strings.HasPrefix(l, "jobtrace: kill:") && strings.Contains(l, fmt.Sprintf(" %d ", w.n("disowned"))) {
						w.t.Errorf("the disowned job was signalled: %q", l)
					}
				}
			},
			"ps -o pid,sid,tty,args -p <plain>,<nohup>,<disowned>": func(w *walker) {
				for _, name := range []string{"nohup", "disowned"} {
					if p, err := readProcStat(w.n(name)); err != nil || p.TtyNr != 0 {
						w.t.Errorf("%s: %v (%v); want it alive without a terminal", name, p, err)
					}
				}
				if _, err := readProcStat(w.n("plain")); !errors.Is(err, fs.ErrNotExist) {
					if p, _ := readProcStat(w.n("plain")); p.State != 'Z' {
						w.t.Errorf("sleep 1000 survived the hang-up: %v", p)
					}
				}
			},
		},
		"daemon": {
			"set -o jobtrace": func(*walker) {},
			"daemon -p ~/sleeper.pid sleep 1000": func(w *walker) {
				killDaemon(w.t, w.n("daemon"))
				p := checkDetached(w.t, w.n("daemon"), w.s.ShellPid(), "sleep")
				if p.Sid != w.n("session") {
					w.t.Errorf("%v: the trace said session %d", p, w.n("session"))
				}
				if d := descendants(w.s.ShellPid()); len(d) != 0 {
					w.t.Errorf("left under the shell: %v", d)
				}
			},
			"cat ~/sleeper.pid":                            func(*walker) {},
			"ps -o pid,ppid,pgid,sid,tty,args -p <daemon>": func(*walker) {},
			"jobs": func(w *walker) {
				if out := w.segOutput("jobs"); len(out) != 0 {
					w.t.Errorf("jobs lists something: %q", out)
				}
			},
			"kill <daemon>": func(w *walker) { waitExited(w.t, w.n("daemon")) },
		},
	}
}
