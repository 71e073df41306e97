//go:build !linux

package publish

import (
	"errors"
	"io/fs"
	"os"
)

// createFile writes data into a new file at p, which must not exist, and returns its fs.FileInfo.
func createFile(p string, data []byte) (fs.FileInfo, error) {
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return nil, err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return nil, err
	}
	st, err := f.Stat()
	return st, errors.Join(err, f.Close())
}
