package builtins

import (
	"errors"
	"slices"
	"testing"
)

func TestParseOptions(t *testing.T) {
	if got := (&OptionError{Letter: 'z', Plus: true}).Error(); got != "+z: invalid option" {
		t.Errorf("OptionError for +z says %q", got)
	}
	for _, tc := range []struct {
		args     []string
		spec     string
		opts     []Option
		operands []string
		err      *OptionError
	}{
		{args: []string{"x"}, spec: "ab"},
		{args: []string{"x", "-a", "-b", "c"}, spec: "ab", opts: []Option{{Letter: 'a'}, {Letter: 'b'}}, operands: []string{"c"}},
		{args: []string{"x", "-ba", "--", "-a"}, spec: "ab", opts: []Option{{Letter: 'b'}, {Letter: 'a'}}, operands: []string{"-a"}},
		{args: []string{"x", "-", "-a"}, spec: "a", operands: []string{"-", "-a"}},
		{args: []string{"x", "c", "-a"}, spec: "a", operands: []string{"c", "-a"}},
		{args: []string{"x", "-az"}, spec: "a", err: &OptionError{Letter: 'z'}},
		{args: []string{"x", "-:"}, spec: "a:", err: &OptionError{Letter: ':'}},
		{args: []string{"x", "-;"}, spec: "a;", err: &OptionError{Letter: ';'}},
		// A value: attached, or the next word whatever it is, or missing.
		{args: []string{"x", "-dX", "-d", "-a", "y"}, spec: "ad:", opts: []Option{{Letter: 'd', Value: "X", HasValue: true}, {Letter: 'd', Value: "-a", HasValue: true}}, operands: []string{"y"}},
		{args: []string{"x", "-ad", ""}, spec: "ad:", opts: []Option{{Letter: 'a'}, {Letter: 'd', Value: "", HasValue: true}}, operands: []string{}},
		{args: []string{"x", "-d"}, spec: "d:", err: &OptionError{Letter: 'd', Missing: true}},
		// An optional value: attached, or the next word unless it is an option.
		{args: []string{"x", "-n64", "-c", "0", "-t", "-f"}, spec: "n;c;t;f;", opts: []Option{{Letter: 'n', Value: "64", HasValue: true}, {Letter: 'c', Value: "0", HasValue: true}, {Letter: 't'}, {Letter: 'f'}}, operands: []string{}},
		{args: []string{"x", "-Sn", "", "9"}, spec: "Sn;", opts: []Option{{Letter: 'S'}, {Letter: 'n', Value: "", HasValue: true}}, operands: []string{"9"}},
		// +L options, where the spec starts with '+'.
		{args: []string{"x", "+ab", "-a", "+", "-b"}, spec: "+ab", opts: []Option{{Letter: 'a', Plus: true}, {Letter: 'b', Plus: true}, {Letter: 'a'}}, operands: []string{"+", "-b"}},
		{args: []string{"x", "+a"}, spec: "ab", operands: []string{"+a"}},
		{args: []string{"x", "+z"}, spec: "+a", err: &OptionError{Letter: 'z', Plus: true}},
		{args: []string{"x", "-+"}, spec: "+a", err: &OptionError{Letter: '+'}},
		{args: []string{"x", "-o", "+a", "-o", "x"}, spec: "+ao;", opts: []Option{{Letter: 'o'}, {Letter: 'a', Plus: true}, {Letter: 'o', Value: "x", HasValue: true}}, operands: []string{}},
		{args: []string{"x", "-n", "+5"}, spec: "n;", opts: []Option{{Letter: 'n', Value: "+5", HasValue: true}}, operands: []string{}},
	} {
		opts, operands, err := ParseOptions(tc.args, tc.spec)
		if tc.err != nil {
			var oe *OptionError
			if !errors.As(err, &oe) || *oe != *tc.err {
				t.Errorf("ParseOptions(%q, %q) error = %v, want %v", tc.args, tc.spec, err, tc.err)
			}
			continue
		}
		if err != nil || !slices.Equal(opts, tc.opts) || !slices.Equal(operands, tc.operands) && len(operands)+len(tc.operands) > 0 {
			t.Errorf("ParseOptions(%q, %q) = %v, %q, %v; want %v, %q", tc.args, tc.spec, opts, operands, err, tc.opts, tc.operands)
		}
	}
}
