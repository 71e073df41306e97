package echarts

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"crypto/sha512"
	"encoding/base64"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"
)

// entry is one file of a fabricated tarball.
type entry struct {
	name string
	body string
	typ  byte // tar.TypeReg when 0
}

// fakePackage is a small stand-in for the echarts npm package.
var fakePackage = []entry{
	{name: "package/", typ: tar.TypeDir},
	{name: "package/package.json", body: `{"name":"echarts","version":"5.6.0"}`},
	{name: "package/LICENSE", body: "Apache License 2.0 (fake)\n"},
	{name: "package/NOTICE", body: "Apache ECharts (fake notice)\n"},
	{name: "package/dist/echarts.js", body: "/* not this one */"},
	{name: "package/dist/echarts.min.js", body: "!function(){window.echarts={version:'5.6.0'}}();"},
}

// tarball builds a .tgz of the entries.
func tarball(t testing.TB, entries []entry) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	tw := tar.NewWriter(zw)
	for _, e := range entries {
		h := &tar.Header{Name: e.name, Mode: 0o644, Size: int64(len(e.body)), Typeflag: e.typ,
			ModTime: time.Date(1985, 10, 26, 8, 15, 0, 0, time.UTC)}
		switch e.typ {
		case 0:
			h.Typeflag = tar.TypeReg
		case tar.TypeDir:
			h.Mode, h.Size = 0o755, 0
		case tar.TypeSymlink:
			h.Linkname, h.Size = e.body, 0
		}
		if err := tw.WriteHeader(h); err != nil {
			t.Fatal(err)
		}
		if h.Size > 0 {
			if _, err := tw.Write([]byte(e.body)); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// sri is the sha512 Subresource-Integrity string of b.
func sri(b []byte) string {
	sum := sha512.Sum512(b)
	return "sha512-" + base64.StdEncoding.EncodeToString(sum[:])
}

// registry is a fake npm registry that serves body at the pinned tarball's path and counts requests.
type registry struct {
	*httptest.Server
	body     []byte
	status   int
	requests atomic.Int32
}

func newRegistry(t *testing.T, body []byte) *registry {
	r := &registry{body: body, status: http.StatusOK}
	r.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		r.requests.Add(1)
		if req.URL.Path != "/echarts/-/echarts-5.6.0.tgz" {
			http.NotFound(w, req)
			return
		}
		w.WriteHeader(r.status)
		w.Write(r.body)
	}))
	t.Cleanup(r.Close)
	return r
}

// options are Options for a test: the fake registry, a fresh cache, and an environment that names nothing.
func (r *registry) options(t *testing.T, integrity string) Options {
	t.Setenv("SHOWCASE_ECHARTS", "")
	t.Setenv("SHOWCASE_NPM_REGISTRY", "")
	t.Setenv("npm_config_registry", "")
	return Options{CacheDir: t.TempDir(), Registry: r.URL, Client: r.Client(), Integrity: integrity}
}
