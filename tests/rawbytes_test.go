package tests

// Scripts are bytes: a script in Latin-1 (or any bytes that are not
// UTF-8) runs byte for byte, as in bash, whatever the parser wants.

import (
	"os"
	"path/filepath"
	"testing"
)

// latin1Script holds bytes that are not UTF-8 in every place a script can:
// comments, words, quotes, variable values, a function name, here-documents,
// patterns, file names, eval, `.`, subshells and background jobs (which
// re-execute gosh with the source printed back), next to valid UTF-8, UTF-8
// cut short and the private-use runes the parser uses as markers.
const latin1Script = "# caf\xe9 -- a Latin-1 comment \xff\xfe\n" +
	"echo a; y=\xff\n" +
	"printf '%s\\n' \"$y\" \"${#y}\"\n" +
	"x='s\xe9l\xe9ction'; echo \"$x\" ${#x} \"d\xe9j\xe0\" caf\xe9\n" +
	"f\xe9() { echo \"in f\xe9: $1\"; }\n" +
	"f\xe9 arg\xe9\n" +
	"cat <<EOF\nbody \xe9 $x \xff\nEOF\n" +
	"cat <<'EOF'\nquoted \xe9 $x\nEOF\n" +
	"case $x in s\xe9l*) echo match \xe9;; *) echo no;; esac\n" +
	"[[ $x == *\xe9ction ]] && echo test-ok\n" +
	"echo > fich\xe9 && echo fich* && echo fich\xe9\n" +
	"printf 'p\xe9 %s\\n' \xff\n" +
	"echo $'\\xff\\xe9' | od -An -tx1\n" +
	"eval 'echo ev\xe9'\n" +
	"printf 'echo dot\\xe9\\n' > dot.sh && . ./dot.sh\n" +
	"(echo sub\xe9 \xff)\n" +
	"f\xe9 bg\xff & wait\n" +
	"{ echo grp\xff; } & wait\n" +
	"f\xe9 pipe | cat\n" +
	"echo \"\xe2\x82\xac ok, cut \xe2\x82 short, marker \xef\x9e\x80 \xef\x9f\xbf\"\n" +
	"arr=(\xe9 b\xff); echo \"${arr[@]}\" ${#arr[@]}\n" +
	"z=${x/\xe9/E}; echo \"$z\" ${x%%\xe9*}\n"

// TestRawBytesScriptLikeBash runs latin1Script as a file, on stdin and
// with -c, and compares gosh's output with bash's, byte for byte.
func TestRawBytesScriptLikeBash(t *testing.T) {
	bash := bashPath(t)
	gosh := shellUnderTest(t)
	file := filepath.Join(t.TempDir(), "latin1.sh")
	if err := os.WriteFile(file, []byte(latin1Script), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, how := range []struct {
		name string
		run  func(sh string) scriptRun
	}{
		{"file", func(sh string) scriptRun {
			return scriptRun{Shell: sh, Script: `exec "$1" "$2"`, Args: []string{"sh", sh, file}}
		}},
		{"stdin", func(sh string) scriptRun { return scriptRun{Shell: sh, Script: latin1Script, ViaStdin: true} }},
		{"-c", func(sh string) scriptRun { return scriptRun{Shell: sh, Script: latin1Script} }},
	} {
		t.Run(how.name, func(t *testing.T) {
			t.Parallel()
			want, wantErr, wantStatus := run(t, how.run(bash))
			if wantErr != "" || wantStatus != 0 {
				t.Fatalf("bash: status %d, stderr %s: the script is wrong", wantStatus, quote(wantErr))
			}
			got, gotErr, status := run(t, how.run(gosh))
			if got != want || gotErr != "" || status != 0 {
				t.Errorf("gosh: stdout %s, stderr %s, status %d\nbash: stdout %s", quote(got), quote(gotErr), status, quote(want))
			}
		})
	}
}

// TestRawBytesIssue checks issue 13's cases: a byte that is not UTF-8 is
// no syntax error and no crash, and syntax errors count columns in bytes.
func TestRawBytesIssue(t *testing.T) {
	runScriptCases(t, []scriptCase{
		{name: "a raw byte after a command", viaStdin: true, script: "echo a; y=\xff\necho \"$y\"\n", wantOut: "a\n\xff\n"},
		{name: "a Latin-1 function name", script: "f\xe9() { echo \"\xe9\"; }; f\xe9; type f\xe9 | head -n 1",
			wantOut: "\xe9\nf\xe9 is a function\n"},
		{name: "read shares stdin with a Latin-1 script", viaStdin: true, script: "read x\n\xe9d\xff\necho \"got $x\" \xe9\n",
			wantOut: "got \xe9d\xff \xe9\n"},
		{name: "a syntax error after raw bytes", viaStdin: true, script: "echo \xe9\n\xe9\xe9; fi\n",
			wantOut: "\xe9\n", wantErr: exactly("gosh: stdin:2:5: syntax error: `fi` can only be used to end an `if`\n"), wantStatus: 2},
	})
}
