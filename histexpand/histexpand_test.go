package histexpand

import (
	"errors"
	"testing"
)

// testHistory is the history every case of TestExpandLikeBash runs against.
var testHistory = []string{
	"echo a b c",
	"ls -l /usr/lib/foo.tar.gz x.c",
	`printf "%s\n" "two words" 'q t' $(date +%s) >out.txt 2>&1`,
}

// errOut marks a case where bash fails the expansion.
const errOut = "\x00error"

// TestExpandLikeBash checks expansions against bash 5.2's. The expected
// column was produced by bash itself, with extglob on (as in gosh):
//
//	bash -c 'set -o history; shopt -s extglob; history -s ENTRY...; history -p LINE'
//
// except for the comment character, which `bash -c` does not set up: those
// rows come from an interactive bash in a pty.
func TestExpandLikeBash(t *testing.T) {
	cases := []struct{ in, want string }{
		{"!!", "printf \"%s\\n\" \"two words\" 'q t' $(date +%s) >out.txt 2>&1"},
		{"!$", "2>&1"},
		{"!^", "\"%s\\n\""},
		{"!*", "\"%s\\n\" \"two words\" 'q t' $(date +%s) > out.txt 2>&1"},
		{"!:0", "printf"},
		{"!-2", "ls -l /usr/lib/foo.tar.gz x.c"},
		{"!-3", "echo a b c"},
		{"!1", "echo a b c"},
		{"!2:1", "-l"},
		{"!echo", "echo a b c"},
		{"!ls", "ls -l /usr/lib/foo.tar.gz x.c"},
		{"!?foo?", "ls -l /usr/lib/foo.tar.gz x.c"},
		{"!?tar", "ls -l /usr/lib/foo.tar.gz x.c"},
		{"!?two w?:2", "\"two words\""},
		{"^a^b", "printf \"%s\\n\" \"two words\" 'q t' $(dbte +%s) >out.txt 2>&1"},
		{"^foo^bar^", errOut},
		{"^foo^bar^ tail", errOut},
		{"!!:1", "\"%s\\n\""},
		{"!!:2", "\"two words\""},
		{"!!:0-1", "printf \"%s\\n\""},
		{"!!:2*", "\"two words\" 'q t' $(date +%s) > out.txt 2>&1"},
		{"!!:2-", "\"two words\" 'q t' $(date +%s) > out.txt"},
		{"!!:-2", "printf \"%s\\n\" \"two words\""},
		{"!!:^", "\"%s\\n\""},
		{"!!:$", "2>&1"},
		{"!!:*", "\"%s\\n\" \"two words\" 'q t' $(date +%s) > out.txt 2>&1"},
		{"!!:0*", "printf \"%s\\n\" \"two words\" 'q t' $(date +%s) > out.txt 2>&1"},
		{"!-2:1-$", "-l /usr/lib/foo.tar.gz x.c"},
		{"!-2$", "x.c"},
		{"!-2:2-3", "/usr/lib/foo.tar.gz x.c"},
		{"!-2:3-2", errOut},
		{"!-2:9", errOut},
		{"!$:h", "2>&1"},
		{"!$:t", "2>&1"},
		{"!-2:2:h", "/usr/lib"},
		{"!-2:2:t", "foo.tar.gz"},
		{"!-2:2:r", "/usr/lib/foo.tar"},
		{"!-2:2:e", ".gz"},
		{"!-2:2:r:r", "/usr/lib/foo"},
		{"!-2:2:t:r", "foo.tar"},
		{"!-3:s/b/X/", "echo a X c"},
		{"!-3:gs/ /_/", "echo_a_b_c"},
		{"!-3:s/a/&&/", "echo aa b c"},
		{"!-3:s/a/\\&/", "echo & b c"},
		{"!-3:s/b/X", "echo a X c"},
		{"!-3:s/b/X/ tail", "echo a X c tail"},
		{"!-3:s/zzz/y/", errOut},
		{"!-3:s;b;X;", "echo a X c"},
		{"!-3:s/b\\/c/X/", errOut},
		{"!-3:q", "'echo a b c'"},
		{"!-3:x", "'echo' 'a' 'b' 'c'"},
		{"!-3:p", "echo a b c"},
		{"!-3:z", errOut},
		{"!-3:s/b/X/:&", errOut},
		{"!!:gs/-l/-L/", errOut},
		{"sudo !!", "sudo printf \"%s\\n\" \"two words\" 'q t' $(date +%s) >out.txt 2>&1"},
		{"x != y", "x != y"},
		{"a=!", "a=!"},
		{"echo !(x)", "echo !(x)"},
		{"echo '!!'", "echo '!!'"},
		{"echo \\!!", "echo \\!!"},
		{"echo \\\\!!", "echo \\\\printf \"%s\\n\" \"two words\" 'q t' $(date +%s) >out.txt 2>&1"},
		{"echo \"!!\"", "echo \"printf \"%s\\n\" \"two words\" 'q t' $(date +%s) >out.txt 2>&1\""},
		{"echo \"!\"", "echo \"!\""},
		{"echo \"a!\"", "echo \"a!\""},
		{"echo \"!\" !!", "echo \"!\" printf \"%s\\n\" \"two words\" 'q t' $(date +%s) >out.txt 2>&1"},
		{"echo \"\\!!\"", "echo \"\\!!\""},
		{"echo $!", "echo $!"},
		{"echo ${!x}", "echo ${!x}"},
		{"echo [!a]", "echo [!a]"},
		{"echo $'!!'", "echo $'!!'"},
		{"echo \"'!!'\"", "echo \"'printf \"%s\\n\" \"two words\" 'q t' $(date +%s) >out.txt 2>&1'\""},
		{"echo \"$(echo '!!')\"", "echo \"$(echo '!!')\""},
		{"echo `echo '!!'`", "echo `echo '!!'`"},
		{"echo $(echo !!)", "echo $(echo printf \"%s\\n\" \"two words\" 'q t' $(date +%s) >out.txt 2>&1)"},
		{"echo # !!", "echo # !!"}, // a comment: bash -i, not bash -c, where # is not set
		{"echo #!!", "echo #!!"},
		{"echo a#!!", "echo a#printf \"%s\\n\" \"two words\" 'q t' $(date +%s) >out.txt 2>&1"},
		{"!nosuch", errOut},
		{"!?nosuch?", errOut},
		{"!99", errOut},
		{"!0", errOut},
		{"!-9", errOut},
		{"echo !", "echo !"},
		{"!!!", "printf \"%s\\n\" \"two words\" 'q t' $(date +%s) >out.txt 2>&1!"},
		{"!#", ""},
		{"echo !#", "echo echo "},
		{"!!a", "printf \"%s\\n\" \"two words\" 'q t' $(date +%s) >out.txt 2>&1a"},
		{"echo !$ !^", "echo 2>&1 \"%s\\n\""},
		{"cat <!$", "cat <2>&1"},
		{"a;!!", "a;printf \"%s\\n\" \"two words\" 'q t' $(date +%s) >out.txt 2>&1"},
		{"no bang here", "no bang here"},
		{"'!!", "'!!"},
	}
	for _, c := range cases {
		got, changed, _, err := Expand(c.in, testHistory, &Options{Base: 1, Extglob: true})
		switch {
		case c.want == errOut && err == nil:
			t.Errorf("Expand(%q) = %q, want an error", c.in, got)
		case c.want == errOut:
		case err != nil:
			t.Errorf("Expand(%q): %v, want %q", c.in, err, c.want)
		case got != c.want:
			t.Errorf("Expand(%q) = %q, want %q", c.in, got, c.want)
		case changed != (got != c.in) && c.in != "!#":
			t.Errorf("Expand(%q): changed = %v", c.in, changed)
		}
	}
}

// TestExpandErrors checks the text bash quotes in its messages, as an
// interactive bash prints them ("bash: !nosuch: event not found").
func TestExpandErrors(t *testing.T) {
	hist := []string{"echo a b/c.d"}
	cases := []struct{ in, text, reason string }{
		{"!nosuch", "!nosuch", ReasonEventNotFound},
		{"echo !nosuch more", "!nosuch", ReasonEventNotFound},
		{"!?zz?", "!?zz?", ReasonEventNotFound},
		{"!-9", "!-9", ReasonEventNotFound},
		{"!!:9", ":9", ReasonBadWordSpec},
		{"!!:s/zzz/y/", ":s/zzz/y/", ReasonSubstFailed},
		{"!!:z", "z", ReasonBadModifier},
		{"!!:&", ":&", ReasonNoPrevSubst},
	}
	for _, c := range cases {
		_, _, _, err := Expand(c.in, hist, &Options{Base: 1})
		var e *Error
		if !errors.As(err, &e) || e.Text != c.text || e.Reason != c.reason {
			t.Errorf("Expand(%q): error %v, want %s: %s", c.in, err, c.text, c.reason)
		}
	}
	if _, _, _, err := Expand("!!", nil, &Options{}); err == nil || err.Error() != "!!: event not found" {
		t.Errorf("!! with no history: %v", err)
	}
}

// TestExpandState covers what depends on more than one line, the options
// and the history's numbering.
func TestExpandState(t *testing.T) {
	hist := []string{"echo lsx", "cat a.txt b.txt"}
	mem := &Memory{}
	opts := &Options{Base: 41, Memory: mem}
	steps := []struct {
		in, want string
		print    bool
	}{
		{"!41", "echo lsx", false},
		{"!-1:p", "cat a.txt b.txt", true},
		{"!!:s/a/A/", "cAt a.txt b.txt", false},
		{"!!:&", "cAt a.txt b.txt", false},     // the last substitution, on a new line
		{"!!:g&", "cAt A.txt b.txt", false},    // and globally
		{"!?b.t?:%", "b.txt", false},           // the word the search matched
		{"!!:s//B/", "cBt a.txt b.txt", false}, // an empty pattern: the last one
		{"^cat^more", "more a.txt b.txt", false},
		{"^cat^more^ -n", "more a.txt b.txt -n", false},
		{"echo !ec;", "echo echo lsx;", false}, // ; ends !string (bash -i)
		{"echo !ec|wc", "echo echo lsx|wc", false},
		{`echo "!ec"`, `echo "echo lsx"`, false}, // so does " inside double quotes
	}
	for _, s := range steps {
		got, _, p, err := Expand(s.in, hist, opts)
		if err != nil || got != s.want || p != s.print {
			t.Errorf("Expand(%q) = %q, print %v, %v; want %q, print %v", s.in, got, p, err, s.want, s.print)
		}
	}
	// histchars: % expands, and ; is the comment character.
	opts = &Options{Base: 1, Chars: ParseChars("%^;")}
	for in, want := range map[string]string{
		"echo %% !!":   "echo cat a.txt b.txt !!",
		"echo a ;%%":   "echo a ;%%",
		"^lsx^ls":      "echo ls",
		"echo %$ ; %$": "echo lsx ; %$",
	} {
		hist := hist[:1]
		if in != "^lsx^ls" && in != "echo %$ ; %$" {
			hist = []string{"cat a.txt b.txt"}
		}
		if got, _, _, err := Expand(in, hist, opts); err != nil || got != want {
			t.Errorf("histchars %%^;: Expand(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	// Without extglob, !( is an event search and fails, as in bash.
	if _, _, _, err := Expand("echo !(x)", hist, &Options{Base: 1}); err == nil {
		t.Errorf("!(x) without extglob: no error")
	}
}

// A line that continues a single-quoted string is not expanded up to the
// closing quote, as in bash (echo 'a, then b !!' !!).
func TestExpandContinuedQuote(t *testing.T) {
	hist := []string{"echo x"}
	for _, c := range []struct {
		before string
		line   string
		want   string
	}{
		{"echo 'a\n", "b !!' !!", "b !!' echo x"},
		{"echo 'a\n", "b !!", "b !!"},
		{"echo \"'a\n", "b !!", "b echo x"}, // ' inside double quotes
		{"echo 'a' b\n", "!!", "echo x"},
		{`echo \'a` + "\n", "!!", "echo x"},
	} {
		opts := &Options{Base: 1, InSingleQuote: OpenSingleQuote(c.before)}
		if got, _, _, err := Expand(c.line, hist, opts); err != nil || got != c.want {
			t.Errorf("after %q, Expand(%q) = %q, %v; want %q", c.before, c.line, got, err, c.want)
		}
	}
}
