package dataset

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/hkshopendata/showcase/generator/diag"
	"github.com/hkshopendata/showcase/generator/schema"
)

// Options says how to read one snapshot file.
type Options struct {
	Root    *os.Root        // the content root; every read goes through it
	Dir     string          // the dataset's folder, slash path relative to the root: "datasets/hko-daily-rainfall"
	File    schema.DataFile // from dataset.yaml
	Display string          // how the content root is shown in diagnostics, e.g. "content"
	// Field returns the position in dataset.yaml of a field path such as "files[0].columns[2].name" (for
	// diagnostics about the metadata); it may return the zero Pos.
	Field  func(path string) diag.Pos
	Prefix string // the field path of this file in dataset.yaml, e.g. "files[0]"
}

// formats maps a file extension to the format read by default.
var formats = map[string]string{".csv": "csv", ".txt": "csv", ".tsv": "tsv", ".json": "json", ".geojson": "geojson",
	".xlsx": "xlsx"}

// Open reads the file once: decodes its encoding, finds the header, infers each column's type, profiles every
// column, keeps the first HeadRows rows and computes size and SHA-256 of the bytes as stored. Problems in the data
// are reported to diags with file:line (and column number where it helps); an error is returned only when the file
// cannot be read at all (missing, not a regular file, unreadable).
func Open(o Options, diags *diag.List) (*Table, error) {
	if o.Root == nil {
		return nil, errors.New("no content folder to read from")
	}
	rel := path.Join(o.Dir, string(o.File.Path))
	t := &Table{ID: string(o.File.ID), Path: rel, Format: o.File.Format}
	if t.ID == "" {
		base := path.Base(string(o.File.Path))
		t.ID = schema.Slugify(strings.TrimSuffix(base, path.Ext(base)))
	}
	if t.Format == "" {
		t.Format = formats[strings.ToLower(path.Ext(rel))]
		if t.Format == "" {
			return nil, fmt.Errorf("cannot tell the format of %s from its extension: add format:", rel)
		}
	}
	f, size, err := openFile(o.Root, rel)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	t.Size = size
	hash := sha256.New()
	in := &countingReader{r: io.TeeReader(f, hash)}

	p, r := newPlan(o, t), newRun(o, diags)
	if err := p.read(in, r, t); err != nil {
		return nil, err
	}
	// Hash the bytes that reading did not need (after a fatal problem, or past a JSON array).
	if _, err := io.Copy(io.Discard, in); err != nil {
		return nil, fmt.Errorf("cannot read %s: %w", rel, unwrapPath(err))
	}
	t.Size = in.n
	t.SHA256 = hex.EncodeToString(hash.Sum(nil))
	return t, nil
}

// openFile opens a regular file inside the root, refusing anything else (a named pipe would block) and files over
// MaxFileSize.
func openFile(root *os.Root, rel string) (*os.File, int64, error) {
	name := filepath.FromSlash(rel)
	info, err := root.Stat(name) // follows symbolic links that stay inside the root
	if err != nil {
		return nil, 0, fmt.Errorf("cannot read %s: %w", rel, unwrapPath(err))
	}
	if err := checkInfo(rel, info); err != nil {
		return nil, 0, err
	}
	f, err := root.OpenFile(name, os.O_RDONLY|openFlags, 0)
	if err != nil {
		return nil, 0, fmt.Errorf("cannot read %s: %w", rel, unwrapPath(err))
	}
	if info, err = f.Stat(); err == nil {
		err = checkInfo(rel, info)
	}
	if err != nil {
		f.Close()
		return nil, 0, err
	}
	return f, info.Size(), nil
}

func checkInfo(rel string, info fs.FileInfo) error {
	switch {
	case !info.Mode().IsRegular():
		return fmt.Errorf("%s is not a regular file", rel)
	case info.Size() > MaxFileSize:
		return fmt.Errorf("%s is %d MiB: a snapshot file may be at most %d MiB", rel, info.Size()>>20,
			MaxFileSize>>20)
	}
	return nil
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// countingReader counts the bytes read through it, and stops at MaxFileSize (in case the file grows).
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	if c.n > MaxFileSize {
		return n, fmt.Errorf("the file grew past %d MiB while being read", MaxFileSize>>20)
	}
	return n, err
}
