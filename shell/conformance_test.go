package shell

import "testing"

// These cases came from gaps the public conformance suite showed; each is
// checked against bash as well (runBashCases).

func TestDupOntoItself(t *testing.T) {
	runBashCases(t, []scriptCase{
		{name: "closed fd onto itself", src: `: 3>&3; echo $?`, out: "0\n"},
		{name: "closed fd moved onto itself", src: `: 3>&3-; echo $?`, out: "0\n"},
		{name: "exec keeps an open fd", src: `exec 4>f; exec 4>&4; echo hi >&4; exec 4>&4-; echo there >&4; cat f`, out: "hi\nthere\n"},
		{name: "input onto itself", src: `: 5<&5; echo $?`, out: "0\n"},
	})
}
