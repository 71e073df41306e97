package echarts

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
)

// loadFile reads Options.File: a tarball, checked against the integrity, or a script, used as it is.
func loadFile(o Options) (*Library, error) {
	b, err := readLimited(o.File)
	if err != nil {
		return nil, fmt.Errorf("cannot read ECharts from %s (named by --echarts or SHOWCASE_ECHARTS): %w", o.File, err)
	}
	if !bytes.HasPrefix(b, []byte{0x1f, 0x8b}) {
		if !strings.HasSuffix(strings.ToLower(o.File), ".js") || len(bytes.TrimSpace(b)) == 0 {
			return nil, fmt.Errorf("%s is neither an echarts .tgz nor an echarts.min.js: download %s from %s, or take "+
				"dist/echarts.min.js from it", o.File, o.tarballName(), o.tarballURL())
		}
		return &Library{Script: b}, nil
	}
	in, _ := parseIntegrity(o.Integrity) // checked by defaults
	h := in.hasher()
	h.Write(b)
	if !in.matches(h) {
		return nil, fmt.Errorf("%s is not the published %s: its integrity is %s, not %s (download it again from %s)",
			o.File, o.tarballName(), in.format(h), o.Integrity, o.tarballURL())
	}
	if lib := readUnpacked(o); lib != nil {
		return lib, nil
	}
	lib, err := extract(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", o.File, err)
	}
	writeUnpacked(o, lib)
	return lib, nil
}

// readLimited reads a local file of at most maxSize bytes.
func readLimited(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxSize+1))
	if err == nil && len(b) > maxSize {
		err = fmt.Errorf("larger than %d MiB", maxSize>>20)
	}
	return b, err
}

// loadCached reads the cached tarball when it is intact, and downloads it (once) when it is missing or corrupted.
func loadCached(o Options) (*Library, error) {
	if lib := readUnpacked(o); lib != nil {
		return lib, nil
	}
	in, _ := parseIntegrity(o.Integrity) // checked by defaults
	cached := ""
	if o.CacheDir != "" {
		cached = filepath.Join(o.CacheDir, o.tarballName())
		b, err := readLimited(cached)
		if err == nil {
			h := in.hasher()
			h.Write(b)
			if in.matches(h) {
				lib, err := extract(bytes.NewReader(b))
				if err != nil {
					return nil, fmt.Errorf("%s: %w", cached, err)
				}
				writeUnpacked(o, lib)
				return lib, nil
			}
		}
		if err == nil || !errors.Is(err, fs.ErrNotExist) {
			os.Remove(cached) // corrupted or unreadable: download it again
		}
	}
	part := newPart(cached) // nil without a writable cache: the next build downloads again
	b, err := download(o, in, part)
	if err != nil {
		part.discard()
		return nil, err
	}
	lib, err := extract(bytes.NewReader(b))
	if err != nil {
		part.discard()
		return nil, fmt.Errorf("%s: %w", o.tarballURL(), err)
	}
	part.keep(cached)
	writeUnpacked(o, lib)
	return lib, nil
}

// download fetches the tarball into memory, and into part when it is not nil, and checks its integrity.
func download(o Options, in integrity, part *partFile) ([]byte, error) {
	u := o.tarballURL()
	fail := func(why string) error {
		return fmt.Errorf("cannot download ECharts %s from %s (%s): connect to the internet once, or download %s "+
			"from %s and pass --echarts FILE (or set SHOWCASE_ECHARTS=FILE)", o.Version, o.Registry, why,
			o.tarballName(), u)
	}
	req, err := http.NewRequest(http.MethodGet, u, nil)
	if err != nil {
		return nil, fail(err.Error())
	}
	req.Header.Set("Accept", "application/octet-stream")
	req.Header.Set("User-Agent", "showcase (+https://github.com/hkshopendata/showcase)")
	resp, err := o.Client.Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return nil, fail(err.Error())
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fail("HTTP " + resp.Status)
	}
	h := in.hasher()
	var buf bytes.Buffer
	w := io.MultiWriter(&buf, h)
	if part != nil {
		w = io.MultiWriter(&buf, h, part)
	}
	n, err := io.Copy(w, io.LimitReader(resp.Body, maxSize+1))
	switch {
	case err != nil:
		return nil, fail(err.Error())
	case n > maxSize:
		return nil, fail(fmt.Sprintf("the file is larger than %d MiB", maxSize>>20))
	case !in.matches(h):
		return nil, fmt.Errorf("the ECharts %s tarball from %s is not the published package: its integrity is %s, not %s "+
			"(does SHOWCASE_NPM_REGISTRY or a proxy serve another file? download %s from %s and pass --echarts FILE)",
			o.Version, u, in.format(h), o.Integrity, o.tarballName(), DefaultRegistry+"/echarts/-/"+o.tarballName())
	}
	return buf.Bytes(), nil
}

// partFile is a download in progress in the cache folder: kept (renamed into place) only once it is verified, so
// that a reader of the cache never sees half a file or a wrong one.
type partFile struct {
	f   *os.File
	err error // the first write error: the file is then discarded, but the download goes on
}

// Write writes to the file until an error, which it keeps for keep rather than failing the download.
func (p *partFile) Write(b []byte) (int, error) {
	if p.err == nil {
		_, p.err = p.f.Write(b)
	}
	return len(b), nil
}

// newPart creates a temporary file beside dst, or returns nil when dst is "" or the folder cannot be written.
func newPart(dst string) *partFile {
	if dst == "" || os.MkdirAll(filepath.Dir(dst), 0o755) != nil {
		return nil
	}
	f, err := os.CreateTemp(filepath.Dir(dst), "."+filepath.Base(dst)+"-*.part")
	if err != nil {
		return nil
	}
	return &partFile{f: f}
}

// discard removes the temporary file. A nil partFile does nothing.
func (p *partFile) discard() {
	if p != nil {
		p.f.Close()
		os.Remove(p.f.Name())
	}
}

// keep flushes the temporary file and renames it to dst; on failure it is removed (the cache is best effort).
func (p *partFile) keep(dst string) {
	if p == nil {
		return
	}
	err := p.err
	if err == nil {
		err = p.f.Chmod(0o644)
	}
	if err == nil {
		err = p.f.Sync()
	}
	if cerr := p.f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(p.f.Name(), dst)
	}
	if err != nil {
		os.Remove(p.f.Name())
	}
}
