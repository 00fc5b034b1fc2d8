package shell

import (
	"io/fs"
	"os"
	"path/filepath"

	"golang.org/x/sys/unix"
)

// listDir lists a directory for pathname expansion with getdents64 into
// one large buffer. Globbing needs only names and types, and a glob over
// a big directory is dominated by the listing: os.File.ReadDir makes an
// object and a string per entry, where this makes one string for all the
// names and one slice for all the entries.
func listDir(path string) ([]fs.DirEntry, error) {
	fd, err := unix.Open(path, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: path, Err: err}
	}
	defer unix.Close(fd)
	var names []byte
	type raw struct {
		start, end int
		typ        uint8
	}
	var raws []raw
	buf := make([]byte, 64<<10)
	for {
		n, err := unix.Getdents(fd, buf)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return nil, &fs.PathError{Op: "readdirent", Path: path, Err: err}
		}
		if n <= 0 {
			break
		}
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
			raws = append(raws, raw{len(names), len(names) + len(name), typ})
			names = append(names, name...)
		}
	}
	all := string(names)
	ents := make([]dirEntry, len(raws))
	out := make([]fs.DirEntry, len(raws))
	for i, r := range raws {
		ents[i] = dirEntry{dir: path, name: all[r.start:r.end], typ: r.typ}
		out[i] = &ents[i]
	}
	return out, nil
}

// dirEntry is one entry of listDir.
type dirEntry struct {
	dir, name string
	typ       uint8 // DT_*
}

func (d *dirEntry) Name() string { return d.name }
func (d *dirEntry) IsDir() bool  { return d.Type().IsDir() }

func (d *dirEntry) Type() fs.FileMode {
	switch d.typ {
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
	// The file system did not say: ask.
	if fi, err := os.Lstat(filepath.Join(d.dir, d.name)); err == nil {
		return fi.Mode().Type()
	}
	return fs.ModeIrregular
}

func (d *dirEntry) Info() (fs.FileInfo, error) { return os.Lstat(filepath.Join(d.dir, d.name)) }
