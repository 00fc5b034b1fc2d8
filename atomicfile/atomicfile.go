// Package atomicfile replaces a file's contents so that a reader sees the
// old contents or the new, never a part: the new contents are written to a
// temporary file beside the old one and renamed over it.
//
// It is a package of its own because two unrelated users need the one rule:
// the history file, cut to HISTFILESIZE (package history), and the daemon
// builtin's pid file (package shell). It imports nothing of gosh's.
package atomicfile

import "os"

// Replace writes data to the temporary file tmp, gives it mode perm and
// renames it over path. tmp must be in path's file system (its directory,
// in practice), for rename(2) to be atomic. tmp is closed; on failure it is
// left in place, for the caller to remove.
//
// The caller creates tmp, so that it can do so before anything the file
// records has happened (the daemon builtin refuses to start a daemon whose
// pid file it could not write).
func Replace(tmp *os.File, path, data string, perm os.FileMode) error {
	_, err := tmp.WriteString(data)
	if err == nil {
		err = tmp.Chmod(perm)
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	return err
}
