package shell

import (
	"io/fs"
	"os"
	"path/filepath"

	"github.com/gosh-sh/gosh/expansion/pattern"
	"golang.org/x/sys/unix"
)

// listDir lists a directory for pathname expansion with getdents64.
// Globbing needs only names and types, and a glob over a big directory is
// dominated by the listing: os.File.ReadDir makes an object and a string
// per entry, where this makes one string for the names of each 64 KiB the
// kernel returns, and one slice for all the entries.
func listDir(path string) ([]pattern.DirEntry, error) {
	fd, err := unix.Open(path, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: path, Err: err}
	}
	defer unix.Close(fd)
	out := make([]pattern.DirEntry, 0, entriesHint(fd))
	buf := make([]byte, 64<<10)
	var names []byte
	var ends []int
	for {
		n, err := unix.Getdents(fd, buf)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return nil, &fs.PathError{Op: "readdirent", Path: path, Err: err}
		}
		if n <= 0 {
			return out, nil
		}
		// The names of this buffer go into one string, which the entries
		// then slice.
		names, ends = names[:0], ends[:0]
		first := len(out)
		for off := 0; off < n; {
			// struct linux_dirent64: ino 8, off 8, reclen 2, type 1, name.
			reclen := int(buf[off+16]) | int(buf[off+17])<<8
			typ := buf[off+18]
			name := buf[off+19 : off+reclen]
			for i, c := range name {
				if c == 0 {
					name = name[:i]
					break
				}
			}
			off += reclen
			if string(name) == "." || string(name) == ".." {
				continue
			}
			names = append(names, name...)
			ends = append(ends, len(names))
			out = append(out, pattern.DirEntry{Type: direntType(path, name, typ)})
		}
		all, start := string(names), 0
		for i, end := range ends {
			out[first+i].Name = all[start:end]
			start = end
		}
	}
}

// direntType is the file type a getdents record gives, or, where the file
// system did not say (DT_UNKNOWN), the one lstat gives.
func direntType(dir string, name []byte, typ uint8) fs.FileMode {
	switch typ {
	case unix.DT_REG:
		return 0
	case unix.DT_DIR:
		return fs.ModeDir
	case unix.DT_LNK:
		return fs.ModeSymlink
	case unix.DT_FIFO:
		return fs.ModeNamedPipe
	case unix.DT_SOCK:
		return fs.ModeSocket
	case unix.DT_CHR:
		return fs.ModeDevice | fs.ModeCharDevice
	case unix.DT_BLK:
		return fs.ModeDevice
	}
	if fi, err := os.Lstat(filepath.Join(dir, string(name))); err == nil {
		return fi.Mode().Type()
	}
	return fs.ModeIrregular
}

// entriesHint guesses how many entries the open directory fd has from its
// size, so that listDir allocates its slice once: tmpfs counts 20 bytes an
// entry, ext4 a little more for a name of a few characters. It is only a
// capacity: a guess that is wrong costs an append that grows the slice.
func entriesHint(fd int) int {
	var st unix.Stat_t
	if unix.Fstat(fd, &st) != nil || st.Size <= 0 {
		return 0
	}
	return int(min(st.Size/20, 1<<20))
}
