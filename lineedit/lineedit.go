// Package lineedit reads command lines from a terminal with emacs-style
// editing, history (up/down, ^R) and Tab completion. It wraps
// github.com/chzyer/readline so that the shell depends only on this small
// API, and it works around the parts of readline that are wrong for a
// job-control shell:
//
//   - readline reads the terminal through a goroutine. Here that goroutine
//     reads one byte per read(2), straight from the descriptor, and only
//     while a line is being edited: after Enter, ^C or ^D it asks for no
//     more bytes, so everything typed while a job runs goes to the job.
//   - readline answers ^Z by sending SIGTSTP to the shell's parent and to
//     itself. ^Z (and ^\) never reach readline: the reader drops them. Its
//     FuncFilterInputRune hook is not used for that, because dropping a key
//     there queues a spare "read more" token, and after the next Enter
//     readline then reads one byte too many: the first key typed to `cat`.
//   - readline saves the terminal modes it finds when a line starts and puts
//     them back when it ends. The caller sets its own modes before ReadLine.
//   - readline has no way to be interrupted. A caller's wake-up descriptor
//     (a signal self-pipe) is polled with the terminal; when it fires, the
//     line in progress is ended, OnWake runs on the caller's goroutine with
//     the terminal in its normal modes, and the line is edited on.
//   - readline counts every non-SGR byte of a prompt as visible. Prompts
//     here mark invisible text with \x01 and \x02 (bash's \[ \]): colours
//     stay, anything else invisible (a window title) is written once
//     before the prompt instead, and only the last line of a multi-line
//     prompt is given to readline, which redraws it on every key.
//   - ^W deletes back to whitespace as in bash (readline stops at any
//     non-alphanumeric character and loses the text after the cursor),
//     M-f and M-d go to the end of a word (readline's go to the start of
//     the next one), and ^K ^U ^W ^Y M-d share one kill buffer kept here.
//   - vi mode (SetViMode) is done here, not by readline: see vi.go.
//
// It does not do multi-line editing or history files: the shell owns its
// history and hands entries over with AddHistory and SetHistory.
package lineedit

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"unicode/utf8"

	"github.com/chzyer/readline"
	"github.com/gosh-sh/gosh/tty"
	"golang.org/x/sys/unix"
)

// ErrInterrupted is returned by ReadLine when ^C was typed, or when OnWake
// asked for the line to be abandoned.
var ErrInterrupted = errors.New("interrupted")

// ErrHangUp wraps the error that ended terminal input: in raw mode ^D is a
// key, so end of input or EIO means the terminal has gone.
var ErrHangUp = errors.New("terminal hung up")

// Config says where an Editor reads and writes and what it calls back.
type Config struct {
	// In is the terminal's descriptor.
	In int
	// Out receives the prompt and the echo of the line being edited.
	Out io.Writer
	// Wake, if not -1, is a descriptor that becomes readable when the
	// caller has work to do while a line is being edited (a signal came).
	Wake int
	// OnWake runs when Wake is readable, on the goroutine that called
	// ReadLine and with the terminal back in its normal modes; it must
	// make Wake unreadable again. It reports whether to abandon the line.
	OnWake func() (abandon bool)
	// Complete returns the completions of the word that ends at byte
	// offset pos of line (see Completions).
	//
	// Complete runs with the terminal's signal keys on, so that ^C sends
	// SIGINT to shell code it runs (a completion function); it returns
	// ErrInterrupted when ^C ended that code, and the line is then
	// abandoned as if ^C had been typed at the prompt, as bash does.
	Complete func(line string, pos int) (Completions, error)
}

// Completions are the completions of a word.
type Completions struct {
	// Suffixes is the text to insert after the cursor for each
	// candidate. A single one that starts with N backspace bytes ("\b")
	// replaces the N runes before the cursor with the rest, for a match
	// that does not extend what was typed (bash replaces the word then).
	Suffixes []string
	// Shared is how many bytes before the cursor the candidates share.
	Shared int
	// List is what a second Tab lists when the candidates have nothing
	// more in common to insert, in order, as bash shows them (file names
	// unquoted, matches that do not extend the word too); nil for the
	// shared text followed by each suffix.
	List []string
}

// Editor is a line editor on one terminal. ReadLine, AddHistory and
// SetHistory must be called from one goroutine.
type Editor struct {
	cfg Config
	rl  *readline.Instance
	in  *ttyReader

	saved *unix.Termios // modes before raw mode; restored after the line
	// onWidth is readline's width-change callback, called from the
	// SIGWINCH goroutine (started once, by winch) and before each line.
	onWidth atomic.Pointer[func()]
	winch   sync.Once
	// widthMu serialises the calls of onWidth: the callback writes
	// readline's state (the completer's and the search's width) without a
	// lock of its own, and a race build of gosh reported the two callers
	// writing it at once after a SIGWINCH.
	widthMu sync.Mutex

	kill    []rune // the kill buffer of ^K ^U ^W ^Y (and of vi's d c y p)
	pending rune   // the key the filter took over, for the listener

	// viOn is set -o vi; set between lines, read by readline's goroutines.
	viOn atomic.Bool
	// vi is vi mode's state; pendingVi says the pending key is for it.
	// Both belong to readline's goroutine while a line is edited.
	vi        viState
	pendingVi bool
	// lastTab says the last key was Tab, tabAgain that this one is a
	// second Tab in a row (see completer). Readline's goroutine's.
	lastTab, tabAgain bool
	// replace is a completion that replaces text before the cursor,
	// which the listener applies after the Tab (see Config.Complete).
	replace *replacement
	// listed says a Tab listed the candidates below the line, which the
	// listener then draws again.
	listed bool
	// promptWidth is the width of the prompt readline draws (set by
	// ReadLine before readline runs), for where a list goes.
	promptWidth int
	// abandoned says ^C interrupted a completion: the line is to end
	// with ErrInterrupted (set on readline's goroutine before it ends
	// the line, read by ReadLine after).
	abandoned bool
}

// replacement is a completion that deletes del runes before the cursor
// and inserts text.
type replacement struct {
	del  int
	text []rune
}

// New returns an Editor for the terminal cfg.In.
func New(cfg Config) (*Editor, error) {
	if _, err := unix.IoctlGetTermios(cfg.In, unix.TCGETS); err != nil {
		return nil, fmt.Errorf("line editing needs a terminal: %w", err)
	}
	e := &Editor{cfg: cfg}
	e.in = &ttyReader{fd: cfg.In, wake: cfg.Wake, vi: &e.viOn, inject: [2]int{-1, -1}}
	if err := unix.Pipe2(e.in.inject[:], unix.O_CLOEXEC|unix.O_NONBLOCK); err != nil {
		return nil, fmt.Errorf("line editing: %w", err)
	}
	rcfg := &readline.Config{
		Stdin:                  e.in,
		Stdout:                 cfg.Out,
		Stderr:                 cfg.Out,
		HistoryLimit:           1 << 30, // the shell enforces HISTSIZE itself
		DisableAutoSaveHistory: true,
		InterruptPrompt:        "^C",
		EOFPrompt:              "\n", // readline's way to say "print nothing but the newline"
		FuncGetWidth:           e.width,
		FuncIsTerminal:         func() bool { return true },
		FuncMakeRaw:            e.makeRaw,
		FuncExitRaw:            e.exitRaw,
		FuncOnWidthChanged:     e.watchWidth,
		FuncFilterInputRune:    e.filter,
		Listener:               readline.FuncListener(e.listen),
	}
	if cfg.Complete != nil {
		rcfg.AutoComplete = completer{complete: e.completeWithSignalKeys, again: func() bool { return e.tabAgain },
			replace: func(r *replacement) { e.replace = r }, interrupt: e.typeInterrupt, show: e.showList}
	}
	rl, err := readline.NewEx(rcfg)
	if err != nil {
		return nil, err
	}
	e.rl = rl
	return e, nil
}

// SetViMode chooses vi editing (on) or emacs editing; it takes effect at
// the next ReadLine.
func (e *Editor) SetViMode(on bool) {
	if e.viOn.Load() == on {
		return
	}
	e.viOn.Store(on)
}

// ReadLine shows prompt and returns the line typed, without its newline.
// Errors: io.EOF for ^D on an empty line, ErrInterrupted for ^C (or when
// OnWake says so), an error wrapping ErrHangUp when the terminal is gone.
func (e *Editor) ReadLine(prompt string) (string, error) {
	head, last := SplitPrompt(prompt)
	text := ""
	for {
		e.vi.reset()     // every line starts in insert mode
		e.widthChanged() // the window may have changed while a job had it
		e.markPartialLine()
		io.WriteString(e.cfg.Out, head)
		e.rl.SetPrompt(last)
		e.promptWidth = runewidth(string(readline.Runes{}.ColorFilter([]rune(last))))
		var line string
		var err error
		if text != "" {
			line, err = e.rl.ReadlineWithDefault(text)
		} else {
			line, err = e.rl.Readline()
		}
		abandoned := e.abandoned
		e.abandoned = false
		switch {
		case errors.Is(err, readline.ErrInterrupt):
			return "", ErrInterrupted
		case err == io.EOF && e.in.err != nil:
			return "", fmt.Errorf("%w: %v", ErrHangUp, e.in.err)
		case err != nil:
			return "", err
		}
		if !e.in.woke.Swap(false) {
			return line, nil
		}
		if abandoned {
			// The wake-up of the interrupting SIGINT ended the line
			// before the ^C that typeInterrupt queued: that ^C must not
			// end the next line.
			e.in.dropInjected()
			if e.cfg.OnWake != nil {
				e.cfg.OnWake()
			}
			return "", ErrInterrupted
		}
		// A signal ended the line early: let the caller act on it, then
		// carry on editing the same text.
		if e.cfg.OnWake != nil && e.cfg.OnWake() {
			return "", ErrInterrupted
		}
		text = line
	}
}

// AddHistory appends an entry to the history that up, down and ^R see.
// A newline in it is kept: recalling such an entry gives it back whole.
func (e *Editor) AddHistory(entry string) {
	e.rl.SaveHistory("") // see SetHistory: puts readline's cursor at the end
	e.rl.SaveHistory(entry)
	e.vi.history = append(e.vi.history, entry)
}

// SetHistory replaces the history with entries, oldest first.
func (e *Editor) SetHistory(entries []string) {
	e.rl.ResetHistory()
	e.vi.history = nil
	for _, s := range entries {
		e.AddHistory(s)
	}
	// readline remembers which entry up/down last showed; saving the empty
	// line moves that back to the end without adding anything.
	e.rl.SaveHistory("")
}

// Close stops the editor's goroutines. The terminal is not touched.
func (e *Editor) Close() error {
	e.rl.Config.FuncExitRaw = func() error { return nil }
	err := e.rl.Close()
	unix.Close(e.in.inject[0])
	unix.Close(e.in.inject[1])
	return err
}

// makeRaw puts the terminal in the mode readline needs, saving the modes it
// had: those the shell set just before ReadLine. Output processing stays on,
// so "\n" still moves to the start of the next line.
func (e *Editor) makeRaw() error {
	t, err := unix.IoctlGetTermios(e.cfg.In, unix.TCGETS)
	if err != nil {
		return err
	}
	saved := *t
	e.saved = &saved
	t.Iflag &^= unix.IGNBRK | unix.BRKINT | unix.PARMRK | unix.ISTRIP | unix.INLCR | unix.IGNCR | unix.ICRNL | unix.IXON
	t.Lflag &^= unix.ECHO | unix.ECHONL | unix.ICANON | unix.ISIG | unix.IEXTEN
	t.Cflag &^= unix.CSIZE | unix.PARENB
	t.Cflag |= unix.CS8
	t.Cc[unix.VMIN], t.Cc[unix.VTIME] = 1, 0
	return unix.IoctlSetTermios(e.cfg.In, unix.TCSETS, t)
}

func (e *Editor) exitRaw() error {
	if e.saved == nil {
		return nil
	}
	t := e.saved
	e.saved = nil
	return unix.IoctlSetTermios(e.cfg.In, unix.TCSETS, t)
}

// width is the terminal's width in columns, read afresh each time.
func (e *Editor) width() int {
	ws, err := unix.IoctlGetWinsize(e.cfg.In, unix.TIOCGWINSZ)
	if err != nil || ws.Col == 0 {
		return 80
	}
	return int(ws.Col)
}

// watchWidth is readline's hook for window-size changes: it records the
// callback and calls it on every SIGWINCH. The shell catches SIGWINCH only
// through this, and a caught signal is back at its default in children.
func (e *Editor) watchWidth(f func()) {
	e.onWidth.Store(&f)
	e.winch.Do(func() {
		ch := make(chan os.Signal, 1)
		signal.Notify(ch, syscall.SIGWINCH)
		go func() {
			for range ch {
				e.widthChanged()
			}
		}()
	})
}

// widthChanged calls readline's width callback, if it has set one, one
// caller at a time.
func (e *Editor) widthChanged() {
	e.widthMu.Lock()
	defer e.widthMu.Unlock()
	if f := e.onWidth.Load(); f != nil {
		(*f)()
	}
}

// markPartialLine makes sure the prompt starts a line, as zsh and fish do:
// after output that did not end with a newline, it writes a reverse-video
// % and enough spaces to wrap to the next line. At column 0 the spaces just
// fill the line, the carriage return goes back to its start and the prompt
// overwrites the mark. Without this, readline's first redraw would erase
// the partial line.
func (e *Editor) markPartialLine() {
	w := e.width()
	if w < 2 {
		return
	}
	io.WriteString(e.cfg.Out, "\x1b[7m%\x1b[0m"+strings.Repeat(" ", w-1)+"\r\x1b[K")
}

// filter runs on readline's goroutine before each key is handled. The
// killing keys are replaced by ^G, which readline treats as a no-op, and
// done by listen afterwards.
func (e *Editor) filter(r rune) (rune, bool) {
	e.pending, e.pendingVi = 0, false
	e.tabAgain, e.lastTab = e.lastTab && r == readline.CharTab, r == readline.CharTab
	if e.viOn.Load() {
		if out, taken := e.viFilter(r); taken {
			return out, true
		}
	}
	switch r {
	case readline.CharKill, readline.CharCtrlU, readline.CharCtrlW, readline.CharCtrlY, readline.MetaBackspace,
		readline.MetaForward, readline.MetaDelete:
		e.pending = r
		return readline.CharBell, true
	}
	return r, true
}

// viFilter is filter in vi mode. In insert mode it takes only Escape
// (and notes the keys typed, for `.`); in command mode it takes every key
// but those readline must act on: Enter, ^C, ^D, ^L, Tab, and j and k,
// which become ^N and ^P and move through the history.
func (e *Editor) viFilter(r rune) (rune, bool) {
	v := &e.vi
	if r == viEscape {
		r = escKey
	}
	if v.searching && r != readline.CharInterrupt {
		e.pending, e.pendingVi = r, true // the pattern of / or ?, and its Enter
		if r == readline.CharEnter || r == readline.CharCtrlJ {
			// readline's terminal reader stops after an Enter until it
			// is told to read on (at the next line, or here): this one
			// does not end the line.
			e.rl.Terminal.KickRead()
		}
		return readline.CharBell, true
	}
	if !v.command {
		if r == escKey {
			e.pending, e.pendingVi = r, true
			return readline.CharBell, true
		}
		v.typed(r)
		if v.replace && r >= ' ' && r != 0x7f {
			e.pending, e.pendingVi = r, true // R overwrites: done in vi.go
			return readline.CharBell, true
		}
		return r, false
	}
	switch r {
	case readline.CharEnter, readline.CharCtrlJ, readline.CharInterrupt:
		v.reset()
		return r, true
	case readline.CharDelete, readline.CharCtrlL, readline.CharTab:
		if len(v.keys) == 0 {
			return r, true
		}
	case 'j', '+':
		if len(v.keys) == 0 {
			return readline.CharNext, true
		}
	case 'k', '-':
		if len(v.keys) == 0 {
			return readline.CharPrev, true
		}
	}
	e.pending, e.pendingVi = r, true
	return readline.CharBell, true
}

// listen runs on readline's goroutine after each key is handled.
func (e *Editor) listen(line []rune, pos int, key rune) ([]rune, int, bool) {
	if e.listed && key == readline.CharTab {
		e.listed = false
		return line, pos, true // the prompt and the line again, below the list
	}
	if rep := e.replace; rep != nil && key == readline.CharTab {
		e.replace = nil
		pos = min(max(pos, 0), len(line))
		from := max(pos-rep.del, 0)
		out := append(append(slices.Clone(line[:from]), rep.text...), line[pos:]...)
		return out, from + len(rep.text), true
	}
	if key != readline.CharBell || e.pending == 0 {
		return nil, 0, false
	}
	k := e.pending
	e.pending = 0
	if e.pendingVi {
		e.pendingVi = false
		res := e.vi.key(k, line, pos, e.kill)
		e.kill = res.kill
		if res.accept {
			unix.Write(e.in.inject[1], []byte{'\r'}) // after the edit, Enter
		}
		return res.line, res.pos, true
	}
	var ok bool
	line, pos, e.kill, ok = EditKey(k, line, pos, e.kill)
	return line, pos, ok
}

// EditKey applies a killing or yanking key to line with the cursor at pos
// (in runes), given the kill buffer, as bash's emacs mode does: ^K kills
// to the end, ^U to the start, ^W back to whitespace, M-Backspace back to
// the start of a word, M-d to the end of one, ^Y inserts the kill buffer;
// M-f, which only moves, is here because readline's goes elsewhere. ok is false if the key
// is not one of these.
func EditKey(key rune, line []rune, pos int, kill []rune) (newLine []rune, newPos int, newKill []rune, ok bool) {
	pos = min(max(pos, 0), len(line))
	cut := func(from, to int) ([]rune, int, []rune, bool) {
		if from == to {
			return line, pos, kill, true
		}
		k := append([]rune(nil), line[from:to]...)
		n := append(append([]rune(nil), line[:from]...), line[to:]...)
		return n, from, k, true
	}
	switch key {
	case readline.CharKill:
		return cut(pos, len(line))
	case readline.CharCtrlU:
		return cut(0, pos)
	case readline.CharCtrlW:
		i := pos
		for i > 0 && isSpace(line[i-1]) {
			i--
		}
		for i > 0 && !isSpace(line[i-1]) {
			i--
		}
		return cut(i, pos)
	case readline.MetaBackspace:
		i := pos
		for i > 0 && !isWordRune(line[i-1]) {
			i--
		}
		for i > 0 && isWordRune(line[i-1]) {
			i--
		}
		return cut(i, pos)
	case readline.MetaForward:
		return line, forwardWordEnd(line, pos), kill, true
	case readline.MetaDelete:
		return cut(pos, forwardWordEnd(line, pos))
	case readline.CharCtrlY:
		n := append(append(append([]rune(nil), line[:pos]...), kill...), line[pos:]...)
		return n, pos + len(kill), kill, true
	}
	return line, pos, kill, false
}

// forwardWordEnd is where M-f goes from pos, as in bash: past any
// characters that are not part of a word, then to the end of the word
// (readline would stop at the start of the next word instead).
func forwardWordEnd(line []rune, pos int) int {
	for pos < len(line) && !isWordRune(line[pos]) {
		pos++
	}
	for pos < len(line) && isWordRune(line[pos]) {
		pos++
	}
	return pos
}

func isSpace(r rune) bool { return r == ' ' || r == '\t' || r == '\n' }

func isWordRune(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r >= utf8.RuneSelf
}

// completeWithSignalKeys calls Config.Complete with ^C sending SIGINT
// (see tty.SignalKeysOn), the way it does while a command runs.
func (e *Editor) completeWithSignalKeys(line string, pos int) (Completions, error) {
	restore, err := tty.SignalKeysOn(e.cfg.In)
	if err != nil {
		return e.cfg.Complete(line, pos) // ^C cannot interrupt it; better than none
	}
	defer restore()
	return e.cfg.Complete(line, pos)
}

// typeInterrupt makes readline read a ^C next, which ends the line with
// ErrInterrupted: after a completion that ^C interrupted. The SIGINT's
// wake-up may end the line first (see ReadLine).
func (e *Editor) typeInterrupt() {
	e.abandoned = true
	unix.Write(e.in.inject[1], []byte{readline.CharInterrupt})
}

// completer adapts Config.Complete to readline's byte-and-rune interface.
type completer struct {
	complete func(line string, pos int) (Completions, error)
	// again reports whether the key before this Tab was a Tab too. As in
	// bash, a Tab whose matches share nothing more to insert lists them
	// only then; the first does nothing (readline would list at once, and
	// take the second Tab into its menu, which swallows the next key).
	again func() bool
	// replace hands a replacement to the listener, which can change the
	// text before the cursor where readline only appends.
	replace func(*replacement)
	// interrupt abandons the line, when ^C interrupted the completion.
	interrupt func()
	// show lists the candidates below the line, whose cursor is at pos
	// (see Editor.showList).
	show func(list []string, line []rune, pos int)
}

func (c completer) Do(line []rune, pos int) ([][]rune, int) {
	pos = min(max(pos, 0), len(line))
	head := string(line[:pos])
	res, err := c.complete(string(line), len(head))
	if errors.Is(err, ErrInterrupted) {
		if c.interrupt != nil {
			c.interrupt()
		}
		return nil, 0
	}
	sufs, shared := res.Suffixes, min(max(res.Shared, 0), len(head))
	if len(sufs) == 1 && strings.HasPrefix(sufs[0], "\b") && c.replace != nil {
		text := strings.TrimLeft(sufs[0], "\b")
		c.replace(&replacement{del: min(len(sufs[0])-len(text), pos), text: []rune(text)})
		return nil, 0
	}
	list := res.List
	if list == nil {
		for _, s := range sufs {
			list = append(list, head[len(head)-shared:]+s)
		}
	}
	if c.show != nil && c.again != nil && (len(sufs) == 0 || len(sufs) > 1 && commonPrefix(sufs) == "") {
		// Nothing to insert: as in bash, a second Tab lists what
		// matched, here rather than by readline, whose list is made of
		// the insertions (quoted) and whose menu takes the next Tab.
		if len(list) > 1 && c.again() {
			c.show(list, line, pos)
		}
		return nil, 0
	}
	if len(sufs) == 0 || len(sufs) > 1 && commonPrefix(sufs) == "" && c.again != nil && !c.again() {
		return nil, 0
	}
	out := make([][]rune, len(sufs))
	for i, s := range sufs {
		out[i] = []rune(s)
	}
	return out, utf8.RuneCountInString(head[len(head)-shared:])
}

// showList writes list below the line in columns, down then across as
// readline does for bash, and has the listener draw the prompt and the
// line again after it. It runs on readline's goroutine, in a key's
// handling, with the cursor at pos in line.
func (e *Editor) showList(list []string, line []rune, pos int) {
	width := e.width()
	below, blank := listPlacement(e.promptWidth, width, line, pos)
	io.WriteString(e.cfg.Out, strings.Repeat("\n", below)+columns(list, width)+strings.Repeat("\n", blank))
	e.listed = true
}

// listPlacement says how a list goes below a line that readline drew
// with the cursor at pos, in rows of width columns after a prompt
// promptWidth wide: below is how many newlines take the cursor from its
// row to the row after the line's last; blank is how many empty rows to
// leave after the list, because readline, drawing the line again, first
// goes up as many rows as the cursor was below the line's first.
func listPlacement(promptWidth, width int, line []rune, pos int) (below, blank int) {
	pos = min(max(pos, 0), len(line))
	rows := len(readline.SplitByLine(promptWidth, width, line))
	cursorRow := len(readline.SplitByLine(promptWidth, width, line[:pos])) - 1
	return rows - cursorRow, cursorRow
}

// columns lays list out in as many columns as fit in width, each as wide
// as the widest entry and two spaces, ordered down then across; each row
// ends with a newline.
func columns(list []string, width int) string {
	colWidth := 0
	for _, s := range list {
		colWidth = max(colWidth, runewidth(s)+2)
	}
	cols := max(1, (width-1)/colWidth)
	rows := (len(list) + cols - 1) / cols
	var b strings.Builder
	for r := range rows {
		for c := range cols {
			i := c*rows + r
			if i >= len(list) {
				break
			}
			b.WriteString(list[i])
			b.WriteString(strings.Repeat(" ", colWidth-runewidth(list[i])))
		}
		b.WriteString("\n")
	}
	return b.String()
}

// runewidth is how many columns s takes, as readline counts them.
func runewidth(s string) int { return readline.Runes{}.WidthAll([]rune(s)) }

// commonPrefix is what every string of list starts with.
func commonPrefix(list []string) string {
	p := list[0]
	for _, s := range list[1:] {
		n := 0
		for n < len(p) && n < len(s) && p[n] == s[n] {
			n++
		}
		p = p[:n]
	}
	return p
}

// ttyReader is readline's input: one byte per read(2) from the terminal,
// so that nothing is buffered beyond the keys readline asked for, polled
// together with the wake-up descriptor.
type ttyReader struct {
	fd, wake int
	vi       *atomic.Bool // in vi mode, cursor keys are read here (see escape)
	// inject is a pipe whose bytes are read as if typed, after what is
	// typed; [-1 -1] for none.
	inject [2]int
	next   []byte      // bytes read ahead by escape, returned first
	woke   atomic.Bool // the last line was ended by the wake descriptor
	err    error       // why input ended (read on readline's goroutine after it stopped)
}

func (t *ttyReader) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	if len(t.next) > 0 {
		p[0] = t.next[0]
		t.next = t.next[1:]
		return 1, nil
	}
	for {
		ready, err := pollFds(t.fd, t.wake, t.inject[0])
		if err != nil {
			t.err = err
			return 0, err
		}
		input, woke := ready[0], ready[1]
		if ready[2] {
			// A key the editor typed itself (Enter after vi's #).
			if n, err := unix.Read(t.inject[0], p[:1]); n == 1 && err == nil {
				return 1, nil
			}
			continue
		}
		if woke && !input {
			// End the line with Enter: readline then stops reading until
			// the next ReadLine, as it does after a real Enter.
			t.woke.Store(true)
			p[0] = '\r'
			return 1, nil
		}
		if !input {
			continue
		}
		n, err := unix.Read(t.fd, p[:1])
		switch {
		case err == unix.EINTR || err == unix.EAGAIN:
			continue
		case err != nil:
			t.err = err
			return 0, err
		case n == 0:
			t.err = io.EOF
			return 0, io.EOF
		}
		switch p[0] {
		case readline.CharCtrlZ, 0x1c: // ^Z, ^\: nothing at a prompt
			continue
		case escKey:
			if t.vi != nil && t.vi.Load() {
				// The key as UTF-8; what does not fit in p comes next.
				var b [utf8.UTFMax]byte
				n := utf8.EncodeRune(b[:], t.escape())
				copied := copy(p, b[:n])
				t.next = append(append([]byte(nil), b[copied:n]...), t.next...)
				return copied, nil
			}
		}
		return 1, nil
	}
}

func (t *ttyReader) Close() error { return nil }

// dropInjected empties the inject pipe. Only while readline reads
// nothing (between lines): then no key in it is on its way.
func (t *ttyReader) dropInjected() {
	var b [16]byte
	for {
		if n, err := unix.Read(t.inject[0], b[:]); n <= 0 || err != nil {
			return
		}
	}
}

// viEscape stands for the Escape key in vi mode on its way through
// readline, whose terminal reader would otherwise take Escape for the start
// of a meta key (ESC b) and swallow the key after it. A rune from the
// private use area is passed on as it is, and nobody types it.
const viEscape = '\uF8FF'

// escape reads what follows an Escape in vi mode. A terminal writes a
// cursor key's sequence (ESC [ A) at once, so the bytes after its Escape
// are already there: then it is read whole here and given to readline as
// the emacs key that does the same (up is ^P, left ^B, ...); an unknown
// sequence becomes ^G, a no-op. An Escape with nothing after it, or
// followed by anything else, is the Escape key, viEscape (what follows is
// kept for the next Read).
func (t *ttyReader) escape() rune {
	if !inputReady(t.fd) {
		return viEscape
	}
	var b [1]byte
	if n, err := unix.Read(t.fd, b[:]); n != 1 || err != nil {
		return viEscape
	}
	if b[0] != '[' && b[0] != 'O' {
		t.next = append(t.next, b[0])
		return viEscape
	}
	var params []byte
	for {
		if n, err := unix.Read(t.fd, b[:]); n != 1 || err != nil {
			return readline.CharBell
		}
		if b[0] >= 0x40 && b[0] <= 0x7e {
			break
		}
		params = append(params, b[0])
	}
	return rune(cursorKey(b[0], string(params)))
}

// cursorKey maps the final byte and parameters of a cursor key's sequence
// to the emacs key readline knows it by; ^G for none.
func cursorKey(final byte, params string) byte {
	switch final {
	case 'A':
		return readline.CharPrev
	case 'B':
		return readline.CharNext
	case 'C':
		return readline.CharForward
	case 'D':
		return readline.CharBackward
	case 'H':
		return readline.CharLineStart
	case 'F':
		return readline.CharLineEnd
	case '~':
		switch params {
		case "1", "7":
			return readline.CharLineStart
		case "4", "8":
			return readline.CharLineEnd
		case "3":
			return readline.CharDelete
		}
	}
	return readline.CharBell
}

// inputReady reports whether fd has input to read now, without waiting.
func inputReady(fd int) bool {
	fds := []unix.PollFd{{Fd: int32(fd), Events: unix.POLLIN}}
	for {
		n, err := unix.Poll(fds, 0)
		if err == unix.EINTR {
			continue
		}
		return err == nil && n > 0 && fds[0].Revents&unix.POLLIN != 0
	}
}

// Poll waits until fd has input (or an end or error to read: any event
// counts) or wake, if not -1, is readable, and reports which. EINTR is
// retried; other errors are returned.
func Poll(fd, wake int) (input, woke bool, err error) {
	ready, err := pollFds(fd, wake)
	if err != nil {
		return false, false, err
	}
	return ready[0], ready[1], nil
}

// pollFds waits until one of fds (-1 for none) has an event, and reports
// which do. EINTR is retried.
func pollFds(fds ...int) ([]bool, error) {
	var pfds []unix.PollFd
	var index []int // the place in fds of each of pfds
	for i, fd := range fds {
		if fd >= 0 {
			pfds = append(pfds, unix.PollFd{Fd: int32(fd), Events: unix.POLLIN})
			index = append(index, i)
		}
	}
	ready := make([]bool, len(fds))
	for {
		_, err := unix.Poll(pfds, -1)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return ready, err
		}
		for k, pfd := range pfds {
			ready[index[k]] = pfd.Revents != 0
		}
		return ready, nil
	}
}

// SplitPrompt prepares a prompt for a line editor that redraws its last
// line on every key. Text between \x01 and \x02 is invisible (bash's \[ \]):
// SGR colour sequences in it stay in place, any other invisible text is
// moved to head, to be written once. head also gets every line of the
// prompt but the last; last is what the editor redraws, with the markers
// removed.
func SplitPrompt(prompt string) (head, last string) {
	var h, l strings.Builder
	invisible := false
	for i := 0; i < len(prompt); i++ {
		c := prompt[i]
		switch {
		case c == '\x01':
			invisible = true
		case c == '\x02':
			invisible = false
		case invisible:
			if n := sgrLen(prompt[i:]); n > 0 {
				l.WriteString(prompt[i : i+n])
				i += n - 1
			} else {
				h.WriteByte(c)
			}
		case c == '\n':
			h.WriteString(l.String())
			h.WriteByte('\n')
			l.Reset()
		default:
			l.WriteByte(c)
		}
	}
	last = l.String()
	// readline reads past a trailing ESC (and panics): it cannot be shown
	// anyway.
	last = strings.TrimRight(last, "\x1b")
	return h.String(), last
}

// StripMarkers removes the \x01 and \x02 invisible-text markers, for a
// prompt written as is.
func StripMarkers(prompt string) string {
	return strings.NewReplacer("\x01", "", "\x02", "").Replace(prompt)
}

// sgrLen returns the length of the SGR sequence (ESC [ digits and ; m) at
// the start of s, or 0.
func sgrLen(s string) int {
	if len(s) < 3 || s[0] != '\x1b' || s[1] != '[' {
		return 0
	}
	for i := 2; i < len(s); i++ {
		switch c := s[i]; {
		case c == 'm':
			return i + 1
		case c >= '0' && c <= '9' || c == ';' || c == ':':
		default:
			return 0
		}
	}
	return 0
}
