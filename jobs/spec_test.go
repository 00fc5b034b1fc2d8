package jobs

import (
	"errors"
	"fmt"
	"testing"
)

// specJobs is the job table of a bash session used to check the specs
// (bash 5.2, interactive):
//
//	[1]   Stopped                 sleep 100
//	[2]   Stopped                 sleep 101
//	[3]-  Stopped                 sleep 102
//	[4]+  Stopped                 sleep 103
//	[5]   Running                 sleep 104 | cat &
//	[6]   Running                 sleep 105 | sleep 106 &
func specJobs() []SpecEntry {
	return []SpecEntry{
		{ID: 1, Command: "sleep 100"},
		{ID: 2, Command: "sleep 101"},
		{ID: 3, Command: "sleep 102", Previous: true},
		{ID: 4, Command: "sleep 103", Current: true},
		{ID: 5, Command: "sleep 104 | cat"},
		{ID: 6, Command: "sleep 105 | sleep 106"},
	}
}

func TestResolveSpec(t *testing.T) {
	specJobs := specJobs()
	one := []SpecEntry{{ID: 1, Command: "sleep 9", Current: true, Previous: true}}
	unmarked := []SpecEntry{{ID: 1, Command: "sleep 9"}, {ID: 2, Command: "sleep 8"}}
	tests := []struct {
		spec    string
		entries []SpecEntry
		want    int    // index, if err is ""
		err     string // the error text, which is bash's unless noted
	}{
		{"%1", specJobs, 0, ""},
		{"1", specJobs, 0, ""}, // fg, bg, jobs and disown take a bare number
		{"%01", specJobs, 0, ""},
		{"%6", specJobs, 5, ""},
		{"%105", specJobs, 0, "%105: no such job"},
		{"%0", specJobs, 0, "%0: no such job"},
		{"%99999999999999999999", specJobs, 0, "%99999999999999999999: no such job"},

		{"%%", specJobs, 3, ""},
		{"%+", specJobs, 3, ""},
		{"%", specJobs, 3, ""},
		{"%%x", specJobs, 3, ""}, // only the first character counts
		{"%+x", specJobs, 3, ""},
		{"%-", specJobs, 2, ""},
		{"%-x", specJobs, 2, ""},
		{"%-1", specJobs, 2, ""},
		{"%-", one, 0, ""}, // a single job is both + and -
		{"%%", unmarked, 0, "%%: no such job"},
		{"%+", unmarked, 0, "%+: no such job"},
		{"%-", unmarked, 0, "%-: no such job"},
		{"%", nil, 0, "%: no such job"},

		{"%sl", specJobs, 0, "sl: ambiguous job spec"},
		{"%?sle", specJobs, 0, "sle: ambiguous job spec"},
		{"%?10", specJobs, 0, "10: ambiguous job spec"},
		{"%?", specJobs, 0, ": ambiguous job spec"},
		{"%?", one, 0, ""},
		{"%sleep 103", specJobs, 3, ""},
		{"sleep 103", specJobs, 3, ""},
		{"%?103", specJobs, 3, ""},
		{"%zz", specJobs, 0, "%zz: no such job"},
		{"%?zz", specJobs, 0, "%?zz: no such job"},
		{"%Sleep 103", specJobs, 0, "%Sleep 103: no such job"}, // prefixes keep case
		{"%?SLEEP 103", specJobs, 3, ""},                       // substrings do not

		// Deliberate differences: bash matches each process of a pipeline
		// separately and calls every match on a later process ambiguous.
		{"%cat", specJobs, 0, "%cat: no such job"}, // bash: cat: ambiguous job spec
		{"%?CAT", specJobs, 4, ""},                 // bash: CAT: ambiguous job spec
		{"%?106", specJobs, 5, ""},                 // bash: 106: ambiguous job spec
		{"%sleep 105 | s", specJobs, 5, ""},

		{"", specJobs, 0, ": no such job"}, // fg ''
	}
	for _, tt := range tests {
		got, err := ResolveSpec(tt.spec, tt.entries)
		if tt.err != "" {
			if err == nil || err.Error() != tt.err {
				t.Errorf("ResolveSpec(%q) = %d, %v; want error %q", tt.spec, got, err, tt.err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("ResolveSpec(%q) = %d, %v; want %d", tt.spec, got, err, tt.want)
		}
	}
}

func TestSpecErrorReasons(t *testing.T) {
	specJobs := specJobs()
	_, err := ResolveSpec("%9", specJobs)
	var se *SpecError
	if !errors.As(err, &se) || se.Spec != "%9" || !errors.Is(err, ErrNoSuchJob) || errors.Is(err, ErrAmbiguousSpec) {
		t.Errorf("%%9: %#v, want a SpecError for %%9 wrapping ErrNoSuchJob", err)
	}
	_, err = ResolveSpec("%sl", specJobs)
	if !errors.As(err, &se) || se.Spec != "sl" || !errors.Is(err, ErrAmbiguousSpec) {
		t.Errorf("%%sl: %#v, want a SpecError for sl wrapping ErrAmbiguousSpec", err)
	}
}

func TestResolveCurrent(t *testing.T) {
	if i, err := ResolveCurrent(specJobs()); err != nil || i != 3 {
		t.Errorf("ResolveCurrent = %d, %v; want 3", i, err)
	}
	// bash: "fg: current: no such job".
	if _, err := ResolveCurrent(nil); err == nil || err.Error() != "current: no such job" {
		t.Errorf("ResolveCurrent(no jobs) error = %v, want current: no such job", err)
	}
}

// markSim is a job table reduced to what Marks needs, driven by the
// events of a bash session, the way the job table is meant to drive Marks.
type markSim struct {
	jobs  []MarkEntry
	marks Marks
}

func (s *markSim) index(id int) int {
	for i, e := range s.jobs {
		if e.ID == id {
			return i
		}
	}
	panic(fmt.Sprintf("no job %d", id))
}

// do applies one event: "start N" (cmd &), "stop N" (the job stopped),
// "bg N", "fg N", "cont N" (continued by a signal from outside: bash gets
// WCONTINUED), "kcont N" (bash's kill -CONT builtin, which marks the job
// running without choosing marks), "die N" (finished, still listed),
// "remove N" (reported and removed).
func (s *markSim) do(ev string) {
	var op string
	var id int
	if _, err := fmt.Sscanf(ev, "%s %d", &op, &id); err != nil {
		panic(ev)
	}
	switch op {
	case "start":
		s.jobs = append(s.jobs, MarkEntry{ID: id, Running: true})
		s.marks = s.marks.Reset(s.jobs)
	case "stop":
		s.jobs[s.index(id)] = MarkEntry{ID: id, Stopped: true}
		s.marks = s.marks.Set(id, s.jobs)
	case "bg", "cont":
		s.jobs[s.index(id)] = MarkEntry{ID: id, Running: true}
		s.marks = s.marks.Reset(s.jobs)
	case "fg":
		s.jobs[s.index(id)] = MarkEntry{ID: id, Running: true}
		s.marks = s.marks.Set(id, s.jobs)
	case "kcont":
		s.jobs[s.index(id)] = MarkEntry{ID: id, Running: true}
	case "die":
		s.jobs[s.index(id)] = MarkEntry{ID: id}
	case "remove":
		i := s.index(id)
		s.jobs = append(s.jobs[:i], s.jobs[i+1:]...)
		if id == s.marks.Current || id == s.marks.Previous {
			s.marks = s.marks.Reset(s.jobs)
		}
	default:
		panic(ev)
	}
}

// TestMarks replays bash sessions; each want is what bash's `jobs` showed
// at that point (interactive bash 5.2 in a pty).
func TestMarks(t *testing.T) {
	type step struct {
		events []string
		want   Marks
	}
	sessions := map[string][]step{
		"stops, kill -CONT, bg, kills": {
			{[]string{"start 1"}, Marks{1, 1}},
			{[]string{"start 2", "start 3"}, Marks{3, 2}}, // [2]- [3]+ running
			{[]string{"stop 1"}, Marks{1, 3}},
			{[]string{"stop 2", "stop 3"}, Marks{3, 2}},                     // [1] [2]- [3]+ stopped
			{[]string{"kcont 1", "stop 1"}, Marks{1, 3}},                    // [1]+ [2] [3]-
			{[]string{"bg 2"}, Marks{1, 3}},                                 // [1]+ [2] running [3]-
			{[]string{"cont 1", "die 1", "remove 1"}, Marks{3, 2}},          // kill %1: [2]- [3]+
			{[]string{"cont 3", "die 3", "remove 3"}, Marks{2, 2}},          // kill %3: [2]+
			{[]string{"start 3"}, Marks{3, 2}},                              // [2]- [3]+
			{[]string{"stop 2"}, Marks{2, 3}},                               // [2]+ [3]-
			{[]string{"die 2", "remove 2"}, Marks{3, 3}},                    // kill -9 %2: [3]+
			{[]string{"die 3"}, Marks{3, 3}},                                // listed until reported
			{[]string{"remove 3"}, Marks{}},                                 // no jobs
			{[]string{"start 1", "start 2", "fg 1", "stop 1"}, Marks{1, 2}}, // fg %1, ^Z: [1]+ [2]-
		},
		"stopped jobs stay ahead of new background jobs": {
			{[]string{"start 1", "stop 1"}, Marks{1, 1}},
			{[]string{"start 2"}, Marks{1, 2}}, // notice: [1]+ Stopped
			{[]string{"stop 2"}, Marks{2, 1}},
			{[]string{"start 3", "stop 3", "start 4", "stop 4"}, Marks{4, 3}},
			{[]string{"start 5", "start 6"}, Marks{4, 3}}, // [3]- [4]+, [5] [6] running
		},
	}
	for name, steps := range sessions {
		var s markSim
		for _, st := range steps {
			for _, ev := range st.events {
				s.do(ev)
			}
			if s.marks != st.want {
				t.Errorf("%s: after %v: marks %+v, want %+v", name, st.events, s.marks, st.want)
			}
		}
	}
}

func TestMark(t *testing.T) {
	m := Marks{Current: 2, Previous: 1}
	for id, want := range map[int]byte{1: '-', 2: '+', 3: ' ', 0: ' '} {
		if got := m.Mark(id); got != want {
			t.Errorf("Mark(%d) = %q, want %q", id, got, want)
		}
	}
	if got := (Marks{Current: 4, Previous: 4}).Mark(4); got != '+' {
		t.Errorf("a job both current and previous: mark %q, want '+'", got)
	}
	if got := (Marks{}).Mark(0); got != ' ' {
		t.Errorf("no jobs: Mark(0) = %q", got)
	}
}
