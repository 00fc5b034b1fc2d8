//go:build cgo && unix

package main

// The Go runtime opens /dev/null on any of descriptors 0, 1 and 2 that is
// closed when the program starts (runtime.checkfds), before any Go code
// runs, so Go alone cannot tell `gosh >&-` from `gosh >/dev/null`. A C
// constructor runs earlier, from the C library's start-up, and records
// which were closed.

/*
#include <fcntl.h>

static int gosh_closed_stdio;

__attribute__((constructor)) static void gosh_record_closed_stdio(void) {
	for (int fd = 0; fd < 3; fd++) {
		if (fcntl(fd, F_GETFD) == -1) {
			gosh_closed_stdio |= 1 << fd;
		}
	}
}

static int gosh_closed_stdio_mask(void) { return gosh_closed_stdio; }
*/
import "C"

// closedAtStart reports which of descriptors 0, 1 and 2 were closed when
// gosh was started.
func closedAtStart() [3]bool {
	mask := int(C.gosh_closed_stdio_mask())
	return [3]bool{mask&1 != 0, mask&2 != 0, mask&4 != 0}
}
