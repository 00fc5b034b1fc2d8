package lineedit

// vi editing mode (set -o vi), as bash's readline does it on one line.
//
// chzyer/readline has a vi mode of its own (Config.VimMode), but gosh never
// turned it on, and it is too thin to use: dw leaves the blank, there are
// no counts, no undo, no `.`, and `p` and `y` share nothing. Turning it on
// and off between lines is also a data race (SetVimMode writes the Config
// that readline's goroutine reads after a line ends). So readline stays in
// emacs mode, and vi mode is done here: the terminal reader turns Escape
// into viEscape, which readline passes on as a plain key, and the Editor's
// filter hands command-mode keys to viState below, turning them into
// no-ops for readline (^G); its listener then applies the result to the
// line, as it does for the emacs killing keys.

import (
	"strings"
	"unicode"
)

// viState is vi mode's state across keys and lines.
type viState struct {
	command bool   // in command mode (else insert mode)
	keys    []rune // a command typed so far, not yet complete

	// undo holds the line before each change, newest last.
	undo []viSnapshot
	// change is the last change, as keys, for `.`: the command and, if it
	// entered insert mode, what was typed there and the Escape.
	change    []rune
	recording []rune // the change in progress, while it is being typed
	inChange  bool

	findKind, findChar rune // the last f F t T, for ; and ,

	replace bool // insert mode is R's: typed keys overwrite

	// history is the shell's history, oldest first, for / ? n N.
	history []string
	// search is the pattern being typed after / or ?, while searching.
	search    []rune
	searching bool
	searchDir rune       // '/' (back in time) or '?' (forward)
	lastFind  []rune     // the last pattern, for n and N
	histPos   int        // the history entry shown; len(history) for the line typed
	saved     viSnapshot // the line before the search began
}

type viSnapshot struct {
	line []rune
	pos  int
}

// reset starts a new line in insert mode, as bash does.
func (v *viState) reset() {
	v.command = false
	v.keys = nil
	v.undo = nil
	v.recording, v.inChange = nil, false
	v.replace, v.searching, v.search = false, false, nil
	v.histPos = len(v.history)
}

// viResult is what one key did in command mode.
type viResult struct {
	line []rune
	pos  int
	kill []rune
	// accept asks for the line to be entered (#).
	accept bool
}

// key handles one command-mode key (or, while a change is replayed, an
// insert-mode key) with the line and cursor as they are, and returns them
// changed. kill is the buffer that d, c, y, x fill and p, P read.
func (v *viState) key(r rune, line []rune, pos int, kill []rune) viResult {
	if v.searching {
		return v.searchKey(r, line, pos, kill)
	}
	if !v.command {
		return v.insertKey(r, line, pos, kill)
	}
	v.keys = append(v.keys, r)
	cmd, ok := parseViCommand(v.keys)
	if !ok {
		return viResult{line: line, pos: pos, kill: kill} // wait for more keys
	}
	keys := v.keys
	v.keys = nil
	if cmd.name == 0 {
		return viResult{line: line, pos: pos, kill: kill} // Escape, or a bad command: dropped
	}
	return v.run(cmd, keys, line, pos, kill)
}

// insertKey edits in insert mode. It is used when `.` replays an insert;
// otherwise readline inserts the keys itself and only Escape comes here.
func (v *viState) insertKey(r rune, line []rune, pos int, kill []rune) viResult {
	switch r {
	case escKey:
		v.enterCommand()
		return viResult{line: line, pos: max(pos-1, 0), kill: kill}
	case 0x7f, 0x08:
		if pos > 0 {
			line = splice(line, pos-1, pos, nil)
			pos--
		}
	default:
		if unicode.IsPrint(r) || r == '\t' {
			to := pos
			if v.replace && pos < len(line) {
				to++ // R: over the character under the cursor
			}
			line = splice(line, pos, to, []rune{r})
			pos++
		}
	}
	return viResult{line: line, pos: pos, kill: kill}
}

// searchKey handles the keys of a / or ? search's pattern: Enter runs it,
// Escape (or erasing the /) gives the line back.
func (v *viState) searchKey(r rune, line []rune, pos int, kill []rune) viResult {
	switch r {
	case '\r', '\n':
		v.searching = false
		if len(v.search) > 0 {
			v.lastFind = v.search
		}
		if res, ok := v.findHistory(v.searchDir, kill); ok {
			return res
		}
		return viResult{line: v.saved.line, pos: v.saved.pos, kill: kill}
	case escKey:
		v.searching = false
		return viResult{line: v.saved.line, pos: v.saved.pos, kill: kill}
	case 0x7f, 0x08:
		if len(v.search) == 0 {
			v.searching = false
			return viResult{line: v.saved.line, pos: v.saved.pos, kill: kill}
		}
		v.search = v.search[:len(v.search)-1]
	default:
		if unicode.IsPrint(r) {
			v.search = append(v.search, r)
		}
	}
	shown := append([]rune{v.searchDir}, v.search...)
	return viResult{line: shown, pos: len(shown), kill: kill}
}

// findHistory shows the next history entry, in direction dir ('/' older,
// '?' newer), that contains the last pattern.
func (v *viState) findHistory(dir rune, kill []rune) (viResult, bool) {
	if len(v.lastFind) == 0 {
		return viResult{}, false
	}
	pat := string(v.lastFind)
	step := -1
	if dir == '?' {
		step = 1
	}
	for k := v.histPos + step; k >= 0 && k < len(v.history); k += step {
		if strings.Contains(v.history[k], pat) {
			v.histPos = k
			return viResult{line: []rune(v.history[k]), pos: 0, kill: kill}, true
		}
	}
	return viResult{}, false
}

// enterCommand leaves insert mode; a change that entered insert mode ends.
func (v *viState) enterCommand() {
	v.command, v.replace = true, false
	if v.inChange {
		v.change = append(v.recording, escKey)
		v.recording, v.inChange = nil, false
	}
}

// typed records a key readline inserted in insert mode, for `.`.
func (v *viState) typed(r rune) {
	if v.inChange {
		v.recording = append(v.recording, r)
	}
}

const escKey = 0x1b

// viCommand is a parsed command: [count] name [count2] [motion [arg]].
type viCommand struct {
	count  int  // 0: none given
	name   rune // the command or operator; 0 for none (Escape, invalid)
	arg    rune // the character of r, f, F, t, T
	motion rune // for d, c, y: the motion, or the operator again (dd)
	marg   rune // the motion's character (df x)
}

// parseViCommand parses keys; ok is false while more keys are needed.
func parseViCommand(keys []rune) (cmd viCommand, ok bool) {
	i := 0
	number := func() int {
		n := 0
		for i < len(keys) && keys[i] >= '0' && keys[i] <= '9' && (keys[i] != '0' || n > 0) {
			n = n*10 + int(keys[i]-'0')
			i++
		}
		return n
	}
	cmd.count = number()
	if i >= len(keys) {
		return cmd, false
	}
	cmd.name = keys[i]
	i++
	switch cmd.name {
	case escKey:
		return viCommand{}, true
	case 'r', 'f', 'F', 't', 'T':
		if i >= len(keys) {
			return cmd, false
		}
		cmd.arg = keys[i]
		if cmd.arg == escKey {
			return viCommand{}, true
		}
		return cmd, true
	case 'd', 'c', 'y':
		if n := number(); n > 0 {
			cmd.count = max(cmd.count, 1) * n
		}
		if i >= len(keys) {
			return cmd, false
		}
		cmd.motion = keys[i]
		i++
		switch cmd.motion {
		case 'f', 'F', 't', 'T':
			if i >= len(keys) {
				return cmd, false
			}
			cmd.marg = keys[i]
		case cmd.name, 'h', 'l', 'w', 'W', 'b', 'B', 'e', 'E', '0', '^', '$', ';', ',', ' ':
		default:
			return viCommand{}, true
		}
		return cmd, true
	}
	return cmd, true
}

func (c viCommand) n() int { return max(c.count, 1) }

// run carries out a complete command.
func (v *viState) run(cmd viCommand, keys []rune, line []rune, pos int, kill []rune) viResult {
	res := viResult{line: line, pos: pos, kill: kill}
	change := func() {
		v.undo = append(v.undo, viSnapshot{append([]rune(nil), line...), pos})
		v.recording, v.inChange = append([]rune(nil), keys...), false
		v.change = v.recording
	}
	insert := func(at int) {
		v.command = false
		v.inChange = true
		res.pos = min(max(at, 0), len(res.line))
	}
	end := max(len(line)-1, 0) // the last position command mode allows
	switch cmd.name {
	case 'i':
		change()
		insert(pos)
	case 'a':
		change()
		insert(min(pos+1, len(line)))
	case 'I':
		change()
		insert(firstNonBlank(line))
	case 'A':
		change()
		insert(len(line))
	case 'x', 'X', 's':
		from, to := pos, min(pos+cmd.n(), len(line))
		if cmd.name == 'X' {
			from, to = max(pos-cmd.n(), 0), pos
		}
		if from == to && cmd.name != 's' {
			return res
		}
		change()
		res.kill = append([]rune(nil), line[from:to]...)
		res.line = splice(line, from, to, nil)
		res.pos = min(from, max(len(res.line)-1, 0))
		if cmd.name == 's' {
			insert(from)
		}
	case 'R':
		change()
		insert(pos)
		v.replace = true
	case '#':
		// bash: the line becomes a comment and is entered, so that it is
		// kept in the history without being run.
		change()
		res.line = splice(line, 0, 0, []rune{'#'})
		res.accept = true
	case '/', '?':
		v.searching, v.searchDir, v.search = true, cmd.name, nil
		v.saved = viSnapshot{line, pos}
		res.line, res.pos = []rune{cmd.name}, 1
	case 'n', 'N':
		dir := v.searchDir
		if cmd.name == 'N' {
			dir = '/' + '?' - dir
		}
		if found, ok := v.findHistory(dir, kill); ok {
			return found
		}
	case 'S':
		return v.run(viCommand{name: 'c', motion: 'c'}, keys, line, pos, kill)
	case 'D':
		return v.run(viCommand{name: 'd', motion: '$'}, keys, line, pos, kill)
	case 'C':
		return v.run(viCommand{name: 'c', motion: '$'}, keys, line, pos, kill)
	case 'r':
		if pos+cmd.n() > len(line) {
			return res
		}
		change()
		res.line = append([]rune(nil), line...)
		for k := pos; k < pos+cmd.n(); k++ {
			res.line[k] = cmd.arg
		}
		res.pos = pos + cmd.n() - 1
	case '~':
		if len(line) == 0 {
			return res
		}
		change()
		res.line = append([]rune(nil), line...)
		k := pos
		for ; k < min(pos+cmd.n(), len(line)); k++ {
			if unicode.IsUpper(res.line[k]) {
				res.line[k] = unicode.ToLower(res.line[k])
			} else {
				res.line[k] = unicode.ToUpper(res.line[k])
			}
		}
		res.pos = min(k, end)
	case 'p', 'P':
		if len(kill) == 0 {
			return res
		}
		change()
		at := pos
		if cmd.name == 'p' && len(line) > 0 {
			at++
		}
		var text []rune
		for range cmd.n() {
			text = append(text, kill...)
		}
		res.line = splice(line, at, at, text)
		res.pos = at + len(text) - 1
	case 'u':
		if len(v.undo) == 0 {
			return res
		}
		s := v.undo[len(v.undo)-1]
		v.undo = v.undo[:len(v.undo)-1]
		res.line, res.pos = s.line, min(s.pos, max(len(s.line)-1, 0))
	case '.':
		if len(v.change) == 0 {
			return res
		}
		replay := v.change // (a count given to . is not used)
		undoLen := len(v.undo)
		for _, k := range replay {
			res = v.key(k, res.line, res.pos, res.kill)
		}
		if !v.command {
			v.enterCommand()
		}
		v.change = replay
		if len(v.undo) > undoLen+1 {
			v.undo = v.undo[:undoLen+1] // one . is one undo
		}
	case 'd', 'c', 'y':
		return v.operator(cmd, keys, line, pos, kill, change, insert)
	default:
		to, _, ok := v.motion(cmd.name, cmd.arg, cmd.n(), line, pos, false)
		if !ok {
			return res
		}
		res.pos = min(to, end)
	}
	return res
}

// operator runs d, c or y over a motion.
func (v *viState) operator(cmd viCommand, keys []rune, line []rune, pos int, kill []rune,
	change func(), insert func(int)) viResult {
	res := viResult{line: line, pos: pos, kill: kill}
	var from, to int
	if cmd.motion == cmd.name {
		from, to = 0, len(line) // dd cc yy: the whole line
	} else {
		m := cmd.motion
		if cmd.name == 'c' && (m == 'w' || m == 'W') && pos < len(line) && !isBlank(line[pos]) {
			m += 'e' - 'w' // cw is ce, as in vi
		}
		target, inclusive, ok := v.motion(m, cmd.marg, cmd.n(), line, pos, true)
		if !ok {
			return res
		}
		from, to = min(pos, target), max(pos, target)
		if inclusive {
			to = min(to+1, len(line))
		}
	}
	text := append([]rune(nil), line[from:to]...)
	if cmd.name == 'y' {
		res.kill = text
		res.pos = min(from, max(len(line)-1, 0))
		return res
	}
	change()
	res.kill = text
	res.line = splice(line, from, to, nil)
	if cmd.name == 'c' {
		insert(from)
		return res
	}
	res.pos = min(from, max(len(res.line)-1, 0))
	return res
}

// motion moves count times from pos. forOp says an operator will use it:
// w and l may then reach the end of the line. inclusive says the
// character at the target belongs to an operator's range (e, f, t, $).
func (v *viState) motion(m, arg rune, count int, line []rune, pos int, forOp bool) (to int, inclusive, ok bool) {
	n := len(line)
	switch m {
	case 'h':
		return max(pos-count, 0), false, pos > 0
	case 'l', ' ':
		if forOp {
			return min(pos+count, n), false, pos < n
		}
		return min(pos+count, max(n-1, 0)), false, pos < n-1
	case '0':
		return 0, false, true
	case '^':
		return firstNonBlank(line), false, true
	case '$':
		return max(n-1, 0), true, n > 0
	case 'w', 'W':
		for range count {
			pos = nextWordStart(line, pos, m == 'W')
		}
		return pos, false, true
	case 'b', 'B':
		for range count {
			pos = prevWordStart(line, pos, m == 'B')
		}
		return pos, false, true
	case 'e', 'E':
		for range count {
			pos = wordEnd(line, pos, m == 'E')
		}
		return pos, true, true
	case 'f', 'F', 't', 'T':
		v.findKind, v.findChar = m, arg
		return find(line, pos, m, arg, count)
	case ';', ',':
		if v.findKind == 0 {
			return pos, false, false
		}
		kind := v.findKind
		if m == ',' {
			kind = map[rune]rune{'f': 'F', 'F': 'f', 't': 'T', 'T': 't'}[kind]
		}
		return find(line, pos, kind, v.findChar, count)
	}
	return pos, false, false
}

// find is f, F, t and T: to the count'th c after (f) or before (F) pos,
// or the character short of it (t, T).
func find(line []rune, pos int, kind, c rune, count int) (int, bool, bool) {
	k := pos
	for range count {
		for {
			if kind == 'f' || kind == 't' {
				k++
			} else {
				k--
			}
			if k < 0 || k >= len(line) {
				return pos, false, false
			}
			if line[k] == c && !(kind == 't' && k == pos+1) && !(kind == 'T' && k == pos-1) {
				break
			}
		}
	}
	switch kind {
	case 't':
		return k - 1, true, true
	case 'T':
		return k + 1, false, true
	case 'f':
		return k, true, true
	}
	return k, false, true
}

func isBlank(r rune) bool { return r == ' ' || r == '\t' }

// wordClass is 0 for blanks, 1 for word characters, 2 for other
// characters; with big (W B E) everything that is not blank is 1.
func wordClass(r rune, big bool) int {
	switch {
	case isBlank(r):
		return 0
	case big || r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r):
		return 1
	}
	return 2
}

func nextWordStart(line []rune, pos int, big bool) int {
	n := len(line)
	if pos >= n {
		return n
	}
	c := wordClass(line[pos], big)
	for pos < n && c != 0 && wordClass(line[pos], big) == c {
		pos++
	}
	for pos < n && isBlank(line[pos]) {
		pos++
	}
	return pos
}

func prevWordStart(line []rune, pos int, big bool) int {
	pos--
	for pos > 0 && isBlank(line[pos]) {
		pos--
	}
	if pos <= 0 {
		return 0
	}
	c := wordClass(line[pos], big)
	for pos > 0 && wordClass(line[pos-1], big) == c {
		pos--
	}
	return pos
}

func wordEnd(line []rune, pos int, big bool) int {
	n := len(line)
	pos++
	for pos < n && isBlank(line[pos]) {
		pos++
	}
	if pos >= n {
		return max(n-1, 0)
	}
	c := wordClass(line[pos], big)
	for pos+1 < n && wordClass(line[pos+1], big) == c {
		pos++
	}
	return pos
}

func firstNonBlank(line []rune) int {
	for k, r := range line {
		if !isBlank(r) {
			return k
		}
	}
	return max(len(line)-1, 0)
}

// splice returns line with line[from:to] replaced by text, in a new slice.
func splice(line []rune, from, to int, text []rune) []rune {
	out := make([]rune, 0, len(line)-(to-from)+len(text))
	out = append(out, line[:from]...)
	out = append(out, text...)
	return append(out, line[to:]...)
}
