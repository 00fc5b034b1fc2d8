package tests

import (
	"encoding/json"
	"io"
	"os/exec"
	"strings"
	"testing"
)

// The README's rule: imports flow one way, cmd/gosh → interactive →
// shell → the rest → tty, and tty and parser import nothing of ours.
// layoutRanks gives each package its place in that order: a package may
// import only packages of a lower rank, except that the leaves (rank 1,
// every package not named) may import one another (history → atomicfile).
var layoutRanks = map[string]int{
	"cmd/gosh":    5,
	"bench/floor": 5, // links all of gosh to measure it
	"interactive": 4,
	"shell":       3,
	"tests":       5,
	"tty":         0,
	"parser":      0,
}

const module = "github.com/gosh-sh/gosh"

func layoutRank(pkg string) int {
	rel := strings.TrimPrefix(strings.TrimPrefix(pkg, module), "/")
	for prefix, rank := range layoutRanks {
		if rel == prefix || strings.HasPrefix(rel, prefix+"/") {
			return rank
		}
	}
	return 1
}

func TestImportsFlowOneWay(t *testing.T) {
	out, err := exec.Command("go", "list", "-json=ImportPath,Imports", module+"/...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	dec := json.NewDecoder(strings.NewReader(string(out)))
	seen := 0
	for {
		var p struct {
			ImportPath string
			Imports    []string
		}
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		seen++
		for _, imp := range p.Imports {
			if !strings.HasPrefix(imp, module+"/") {
				continue
			}
			from, to := layoutRank(p.ImportPath), layoutRank(imp)
			if to > from || (to == from && from != 1) {
				t.Errorf("%s imports %s: against the layout (ranks %d → %d)", p.ImportPath, imp, from, to)
			}
		}
	}
	if seen < 10 {
		t.Fatalf("go list gave %d packages; expected the whole module", seen)
	}
}
