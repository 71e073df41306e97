package echarts

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
)

// The files taken from the npm package, and how large each may be.
const (
	scriptName  = "package/dist/echarts.min.js"
	licenseName = "package/LICENSE"
	noticeName  = "package/NOTICE"
	maxText     = 1 << 20   // LICENSE, NOTICE
	maxUnpacked = 512 << 20 // everything in the tarball, decompressed (5.6.0: about 55 MB)
)

// errTooLarge reports a tarball that unpacks to more than maxUnpacked bytes.
var errTooLarge = errors.New("the tarball unpacks to more than 512 MiB")

// extract reads an npm package tarball (tar.gz) and returns the library's script, licence and notice. Every entry
// must have a plain relative path; the three files must be regular files, each at most once.
func extract(r io.Reader) (*Library, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("not a gzip file: %w", err)
	}
	lr := &io.LimitedReader{R: zr, N: maxUnpacked + 1}
	tr := tar.NewReader(lr)
	files := map[string][]byte{}
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if lr.N <= 0 {
			return nil, errTooLarge
		}
		if err != nil {
			return nil, fmt.Errorf("not a valid tar.gz: %w", err)
		}
		if !cleanEntry(h.Name) {
			return nil, fmt.Errorf("the tarball has an entry with an odd path %q", h.Name)
		}
		limit := int64(maxText)
		switch h.Name {
		case scriptName:
			limit = maxSize
		case licenseName, noticeName:
		default:
			continue
		}
		if _, dup := files[h.Name]; dup {
			return nil, fmt.Errorf("the tarball has %s twice", h.Name)
		}
		if !h.FileInfo().Mode().IsRegular() {
			return nil, fmt.Errorf("%s in the tarball is not a regular file", h.Name)
		}
		if h.Size > limit {
			return nil, fmt.Errorf("%s in the tarball is larger than %d bytes", h.Name, limit)
		}
		var b bytes.Buffer
		if _, err := io.Copy(&b, tr); err != nil {
			if lr.N <= 0 {
				return nil, errTooLarge
			}
			return nil, fmt.Errorf("not a valid tar.gz: %w", err)
		}
		files[h.Name] = b.Bytes()
	}
	// Reading to the end of the tar archive need not read the gzip stream to its end: its checksum is checked only
	// there, so drain it.
	if _, err := io.Copy(io.Discard, lr); err != nil {
		return nil, fmt.Errorf("not a valid tar.gz: %w", err)
	}
	if lr.N <= 0 {
		return nil, errTooLarge
	}
	lib := &Library{Script: files[scriptName], License: files[licenseName], Notice: files[noticeName]}
	switch {
	case lib.Script == nil:
		return nil, fmt.Errorf("the tarball has no %s: is it the echarts package?", scriptName)
	case lib.License == nil:
		return nil, fmt.Errorf("the tarball has no %s: is it the echarts package?", licenseName)
	}
	return lib, nil
}

// cleanEntry reports whether a tar entry's name is a plain relative path: no absolute path, no "." or ".."
// element, no empty element, no backslash, no NUL. Folders may end with a slash.
func cleanEntry(name string) bool {
	name = strings.TrimSuffix(name, "/")
	return name != "" && !strings.ContainsAny(name, "\\\x00") && !path.IsAbs(name) &&
		path.Clean(name) == name && name != "." && name != ".." && !strings.HasPrefix(name, "../")
}
