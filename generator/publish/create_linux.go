package publish

import (
	"io"
	"io/fs"
	"path"
	"syscall"
	"time"
)

// createFile writes data into a new file at p, which must not exist, and returns what fstat says of the file.
// It makes the system calls itself: os.OpenFile would also try to register the file with the runtime's network
// poller, which a regular file cannot use (an epoll_ctl and two fcntl calls more for each of a build's 16,000
// files, more than the open itself costs).
func createFile(p string, data []byte) (fs.FileInfo, error) {
	var fd int
	var err error
	for {
		fd, err = syscall.Open(p, syscall.O_WRONLY|syscall.O_CREAT|syscall.O_EXCL|syscall.O_CLOEXEC, 0o644)
		if err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: p, Err: err}
	}
	fail := func(op string, err error) (fs.FileInfo, error) {
		syscall.Close(fd)
		return nil, &fs.PathError{Op: op, Path: p, Err: err}
	}
	for len(data) > 0 {
		n, err := syscall.Write(fd, data)
		switch {
		case err == syscall.EINTR:
			continue
		case err != nil:
			return fail("write", err)
		case n <= 0:
			return fail("write", io.ErrShortWrite)
		}
		data = data[n:]
	}
	info := &fileInfo{name: path.Base(p)}
	if err := syscall.Fstat(fd, &info.st); err != nil {
		return fail("stat", err)
	}
	if err := syscall.Close(fd); err != nil {
		return nil, &fs.PathError{Op: "close", Path: p, Err: err}
	}
	return info, nil
}

// fileInfo is a file's fstat, as os.File.Stat would give it for a regular file.
type fileInfo struct {
	name string
	st   syscall.Stat_t
}

func (f *fileInfo) Name() string       { return f.name }
func (f *fileInfo) Size() int64        { return f.st.Size }
func (f *fileInfo) Mode() fs.FileMode  { return fs.FileMode(f.st.Mode & 0o777) } // a regular file's permissions
func (f *fileInfo) ModTime() time.Time { return time.Unix(f.st.Mtim.Unix()) }
func (f *fileInfo) IsDir() bool        { return false }
func (f *fileInfo) Sys() any           { return &f.st }
