package lineedit

import (
	"strings"
	"testing"

	"github.com/chzyer/readline"
)

func TestSplitPrompt(t *testing.T) {
	for _, c := range []struct{ in, head, last string }{
		{"$ ", "", "$ "},
		{"a\nb\n$ ", "a\nb\n", "$ "},
		// Colours stay where they are, without the markers.
		{"\x01\x1b[1;32m\x02G\x01\x1b[0m\x02> ", "", "\x1b[1;32mG\x1b[0m> "},
		// A window title is invisible but not a colour: written once.
		{"\x01\x1b]0;title\a\x02$ ", "\x1b]0;title\a", "$ "},
		// A colour on an earlier line goes with that line.
		{"\x01\x1b[31m\x02top\n$ ", "\x1b[31mtop\n", "$ "},
		// A trailing ESC would make readline read past the end.
		{"$ \x1b", "", "$ "},
	} {
		head, last := SplitPrompt(c.in)
		if head != c.head || last != c.last {
			t.Errorf("SplitPrompt(%q) = %q, %q; want %q, %q", c.in, head, last, c.head, c.last)
		}
	}
}

func TestEditKey(t *testing.T) {
	for _, c := range []struct {
		key      rune
		line     string
		pos      int
		kill     string
		want     string
		wantPos  int
		wantKill string
	}{
		{readline.CharKill, "echo abc def", 8, "", "echo abc", 8, " def"},
		{readline.CharCtrlU, "echo abc def", 5, "", "abc def", 0, "echo "},
		{readline.CharCtrlW, "echo foo-bar", 12, "", "echo ", 5, "foo-bar"},
		{readline.CharCtrlW, "echo foo   ", 11, "", "echo ", 5, "foo   "},
		{readline.CharCtrlW, "foo", 3, "", "", 0, "foo"},
		{readline.CharCtrlW, "ab cd", 4, "", "ab d", 3, "c"}, // the text after the cursor stays
		{readline.MetaBackspace, "echo foo-bar", 12, "", "echo foo-", 9, "bar"},
		{readline.CharCtrlY, "echo ", 5, "abc", "echo abc", 8, "abc"},
		// M-f and M-d as in bash: to the end of the current or next word.
		{readline.MetaForward, "echo foo-bar baz", 0, "", "echo foo-bar baz", 4, ""},
		{readline.MetaForward, "echo foo-bar baz", 4, "", "echo foo-bar baz", 8, ""},
		{readline.MetaForward, "echo foo-bar baz", 8, "", "echo foo-bar baz", 12, ""},
		{readline.MetaForward, "echo foo_bar", 5, "", "echo foo_bar", 8, ""},
		{readline.MetaDelete, "echo foo-bar baz", 0, "", " foo-bar baz", 0, "echo"},
		{readline.MetaDelete, "echo foo-bar baz", 4, "", "echo-bar baz", 4, " foo"},
		{readline.CharCtrlY, "日本", 1, "語", "日語本", 2, "語"},
		{readline.CharCtrlU, "", 0, "keep", "", 0, "keep"}, // nothing to kill keeps the buffer
	} {
		line, pos, kill, ok := EditKey(c.key, []rune(c.line), c.pos, []rune(c.kill))
		if !ok || string(line) != c.want || pos != c.wantPos || string(kill) != c.wantKill {
			t.Errorf("EditKey(%d, %q, %d, %q) = %q, %d, %q, %v; want %q, %d, %q",
				c.key, c.line, c.pos, c.kill, string(line), pos, string(kill), ok, c.want, c.wantPos, c.wantKill)
		}
	}
	if _, _, _, ok := EditKey('a', nil, 0, nil); ok {
		t.Errorf("EditKey('a') claims the key")
	}
}

func TestCompleterRunes(t *testing.T) {
	// The callback speaks bytes; readline speaks runes.
	c := completer{complete: func(line string, pos int) (Completions, error) {
		if line[:pos] != "cat é" {
			t.Errorf("callback got %q at %d", line, pos)
		}
		return Completions{Suffixes: []string{"té ", "t2 "}, Shared: len("é")}, nil
	}}
	out, n := c.Do([]rune("cat é"), 5)
	if len(out) != 2 || string(out[0]) != "té " || n != 1 {
		t.Errorf("Do = %q, %d", out, n)
	}
}

// TestCompleterSecondTab: matches with nothing more in common are listed
// on a second Tab in a row only, as bash does (by the editor, with the
// list the callback gave, else the shared text and each suffix); a common
// start goes in at the first.
func TestCompleterSecondTab(t *testing.T) {
	for _, tc := range []struct {
		res      Completions
		again    bool
		want     int    // candidates given to readline
		wantList string // what the editor lists
	}{
		{Completions{Suffixes: []string{"art", "op"}, Shared: 1}, false, 0, ""},
		{Completions{Suffixes: []string{"art", "op"}, Shared: 1}, true, 0, "xart|xop"},
		{Completions{Suffixes: []string{"ir1/", "ir2/"}}, false, 2, ""}, // readline inserts "ir"
		{Completions{Suffixes: []string{"p "}}, false, 1, ""},
		// Matches that do not extend the word: nothing to insert, but a list.
		{Completions{List: []string{"bar", "foo"}}, false, 0, ""},
		{Completions{List: []string{"bar", "foo"}}, true, 0, "bar|foo"},
		{Completions{Suffixes: []string{"ir/", "ar/"}, List: []string{"sub dar/", "sub dir/"}}, true, 0, "sub dar/|sub dir/"},
	} {
		var listed []string
		c := completer{complete: func(string, int) (Completions, error) { return tc.res, nil },
			again: func() bool { return tc.again }, show: func(l []string, _ []rune, _ int) { listed = l }}
		if out, _ := c.Do([]rune("x"), 1); len(out) != tc.want || strings.Join(listed, "|") != tc.wantList {
			t.Errorf("%+v again=%v: %d candidates, listed %q; want %d, %q", tc.res, tc.again, len(out), listed, tc.want, tc.wantList)
		}
	}
}

// TestListPlacement: the list starts on the row after the line's last,
// however far back the cursor is, and leaves as many blank rows as the
// cursor was below the line's first (readline goes up that many to draw
// the line again, and would overwrite the list's end).
func TestListPlacement(t *testing.T) {
	long := []rune(strings.Repeat("x", 25))
	for _, tc := range []struct {
		prompt, width int
		line          []rune
		pos           int
		below, blank  int
	}{
		{6, 80, []rune("ls s"), 4, 1, 0},
		{6, 10, long, 25, 1, 3}, // rows: 4 of 31 columns; cursor on the last
		{6, 10, long, 2, 4, 0},  // cursor on the first row
		{6, 10, long, 10, 3, 1}, // cursor on the second
	} {
		below, blank := listPlacement(tc.prompt, tc.width, tc.line, tc.pos)
		if below != tc.below || blank != tc.blank {
			t.Errorf("listPlacement(%d, %d, %d runes, %d) = %d, %d; want %d, %d",
				tc.prompt, tc.width, len(tc.line), tc.pos, below, blank, tc.below, tc.blank)
		}
	}
}

// TestColumns: a list goes down then across in columns as wide as the
// widest entry and two spaces, as many as fit.
func TestColumns(t *testing.T) {
	for _, tc := range []struct {
		list  []string
		width int
		want  string
	}{
		{[]string{"bar", "baz", "foo"}, 80, "bar  baz  foo  \n"},
		{[]string{"a", "b", "c", "d", "e"}, 8, "a  d  \nb  e  \nc  \n"},
		{[]string{"long-entry"}, 5, "long-entry  \n"},
	} {
		if got := columns(tc.list, tc.width); got != tc.want {
			t.Errorf("columns(%q, %d) = %q, want %q", tc.list, tc.width, got, tc.want)
		}
	}
}

// TestMarkPartialLine: before each prompt the editor writes a reverse-video
// % and enough spaces to wrap to a fresh line, then returns and clears, so
// output that did not end in a newline is kept on screen, marked.
func TestMarkPartialLine(t *testing.T) {
	var out strings.Builder
	e := &Editor{cfg: Config{In: -1, Out: &out}} // no terminal: 80 columns
	e.markPartialLine()
	want := "\x1b[7m%\x1b[0m" + strings.Repeat(" ", 79) + "\r\x1b[K"
	if out.String() != want {
		t.Errorf("markPartialLine wrote %q, want %q", out.String(), want)
	}
}

// TestCompleterReplaces: a single candidate that starts with backspaces
// replaces the text before the cursor, through the listener after the
// Tab; readline itself gets no candidate to append.
func TestCompleterReplaces(t *testing.T) {
	e := &Editor{}
	c := completer{complete: func(string, int) (Completions, error) {
		return Completions{Suffixes: []string{"\b\b\bnew/ "}, Shared: 3}, nil
	},
		replace: func(r *replacement) { e.replace = r }}
	if out, _ := c.Do([]rune("cd óld tail"), 6); out != nil {
		t.Errorf("Do gave readline %q", out)
	}
	line, pos, ok := e.listen([]rune("cd óld tail"), 6, readline.CharTab)
	if !ok || string(line) != "cd new/  tail" || pos != 8 {
		t.Errorf("listen = %q, %d, %v", string(line), pos, ok)
	}
	if e.replace != nil {
		t.Error("the replacement stays after it was applied")
	}
}

// TestCompleterInterrupted: a completion that ^C interrupted inserts
// nothing and abandons the line.
func TestCompleterInterrupted(t *testing.T) {
	abandoned := false
	c := completer{complete: func(string, int) (Completions, error) {
		return Completions{Suffixes: []string{"x "}}, ErrInterrupted
	},
		interrupt: func() { abandoned = true }}
	if out, _ := c.Do([]rune("x"), 1); out != nil || !abandoned {
		t.Errorf("Do = %q, abandoned %v; want nothing, abandoned", out, abandoned)
	}
}
