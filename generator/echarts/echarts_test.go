package echarts

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestDownloadAndCache(t *testing.T) {
	tgz := tarball(t, fakePackage)
	reg := newRegistry(t, tgz)
	o := reg.options(t, sri(tgz))

	lib, err := Load(o)
	if err != nil {
		t.Fatal(err)
	}
	checkFake(t, lib)
	cached, err := os.ReadFile(filepath.Join(o.CacheDir, "echarts-5.6.0.tgz"))
	if err != nil || !bytes.Equal(cached, tgz) {
		t.Fatalf("cache holds %d bytes (%v), want the %d-byte tarball", len(cached), err, len(tgz))
	}
	if names := cacheFiles(t, o.CacheDir); len(names) != 1 {
		t.Errorf("cache folder holds %q, want only the tarball", names)
	}

	again, err := Load(o)
	if err != nil {
		t.Fatal(err)
	}
	if n := reg.requests.Load(); n != 1 {
		t.Errorf("two loads made %d requests, want 1 (the second from the cache)", n)
	}
	if again.Path != lib.Path || !bytes.Equal(again.Script, lib.Script) {
		t.Errorf("second load = %s, first %s", again.Path, lib.Path)
	}
}

// checkFake checks a library read from fakePackage.
func checkFake(t *testing.T, lib *Library) {
	t.Helper()
	if lib.Version != "5.6.0" || !strings.Contains(string(lib.Script), "window.echarts") ||
		!strings.HasPrefix(string(lib.License), "Apache License") || !strings.Contains(string(lib.Notice), "notice") {
		t.Errorf("library = %+v", lib)
	}
	if want := fingerprint(lib.Script); lib.Path != want {
		t.Errorf("Path = %q, want %q", lib.Path, want)
	}
}

func fingerprint(script []byte) string {
	sum := sha256.Sum256(script)
	return "js/echarts-5.6.0." + hex.EncodeToString(sum[:])[:10] + ".min.js"
}

func cacheFiles(t *testing.T, dir string) []string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	return names
}

func TestCorruptedCacheIsDownloadedAgain(t *testing.T) {
	tgz := tarball(t, fakePackage)
	for name, corrupt := range map[string][]byte{
		"garbage":   []byte("<html>captive portal</html>"),
		"truncated": tgz[:len(tgz)/2],
		"empty":     {},
	} {
		t.Run(name, func(t *testing.T) {
			reg := newRegistry(t, tgz)
			o := reg.options(t, sri(tgz))
			path := filepath.Join(o.CacheDir, "echarts-5.6.0.tgz")
			if err := os.WriteFile(path, corrupt, 0o644); err != nil {
				t.Fatal(err)
			}
			lib, err := Load(o)
			if err != nil {
				t.Fatal(err)
			}
			checkFake(t, lib)
			if n := reg.requests.Load(); n != 1 {
				t.Errorf("%d requests, want 1", n)
			}
			if b, _ := os.ReadFile(path); !bytes.Equal(b, tgz) {
				t.Errorf("the corrupted cache was not replaced")
			}
		})
	}
}

func TestCorruptedCacheAndWrongDownload(t *testing.T) {
	tgz := tarball(t, fakePackage)
	reg := newRegistry(t, []byte("not it either"))
	o := reg.options(t, sri(tgz))
	if err := os.WriteFile(filepath.Join(o.CacheDir, "echarts-5.6.0.tgz"), []byte("corrupted"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(o); err == nil || !strings.Contains(err.Error(), "is not the published package") {
		t.Fatalf("err = %v", err)
	}
	if n := reg.requests.Load(); n != 1 {
		t.Errorf("%d requests, want exactly 1 (downloaded again once)", n)
	}
	if names := cacheFiles(t, o.CacheDir); len(names) != 0 {
		t.Errorf("cache folder holds %q, want nothing", names)
	}
}

func TestWrongIntegrityCachesNothing(t *testing.T) {
	tgz := tarball(t, fakePackage)
	reg := newRegistry(t, tgz)
	o := reg.options(t, sri([]byte("another file")))
	_, err := Load(o)
	if err == nil {
		t.Fatal("Load accepted a tarball that does not match the integrity")
	}
	for _, want := range []string{"is not the published package", sri(tgz), "--echarts FILE", reg.URL} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %q", err, want)
		}
	}
	if names := cacheFiles(t, o.CacheDir); len(names) != 0 {
		t.Errorf("cache folder holds %q, want nothing", names)
	}
}

func TestDownloadFailures(t *testing.T) {
	tgz := tarball(t, fakePackage)
	tests := []struct {
		name  string
		setup func(*registry, *Options)
		want  string
	}{
		{"server down", func(r *registry, o *Options) { r.Close() }, "connection refused"},
		{"not found", func(r *registry, o *Options) { r.status = http.StatusNotFound }, "HTTP 404 Not Found"},
		{"wrong registry path", func(r *registry, o *Options) { o.Registry += "/mirror/" }, "HTTP 404"},
		{"too large", func(r *registry, o *Options) { r.body = bytes.Repeat([]byte{0}, maxSize+1) }, "larger than 50 MiB"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			reg := newRegistry(t, tgz)
			o := reg.options(t, sri(tgz))
			tt.setup(reg, &o)
			_, err := Load(o)
			if err == nil {
				t.Fatal("Load succeeded")
			}
			for _, want := range []string{tt.want, "cannot download ECharts 5.6.0 from " + strings.TrimRight(o.Registry, "/"),
				"connect to the internet once", "download echarts-5.6.0.tgz", "--echarts FILE", "SHOWCASE_ECHARTS"} {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error %q does not mention %q", err, want)
				}
			}
			if names := cacheFiles(t, o.CacheDir); len(names) != 0 {
				t.Errorf("cache folder holds %q, want nothing", names)
			}
		})
	}
}

func TestNoCacheFolder(t *testing.T) {
	tgz := tarball(t, fakePackage)
	reg := newRegistry(t, tgz)
	o := reg.options(t, sri(tgz))
	o.CacheDir = filepath.Join(o.CacheDir, "file")
	if err := os.WriteFile(o.CacheDir, nil, 0o644); err != nil { // a file where the folder should be
		t.Fatal(err)
	}
	lib, err := Load(o)
	if err != nil {
		t.Fatal(err)
	}
	checkFake(t, lib)
}

// offline returns Options whose registry fails the test when asked.
func offline(t *testing.T, integrity string) Options {
	srv := newRegistry(t, nil)
	srv.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t.Errorf("unexpected request %s", r.URL)
	})
	return srv.options(t, integrity)
}

func TestLocalTarball(t *testing.T) {
	tgz := tarball(t, fakePackage)
	file := filepath.Join(t.TempDir(), "echarts-5.6.0.tgz")
	if err := os.WriteFile(file, tgz, 0o644); err != nil {
		t.Fatal(err)
	}
	o := offline(t, sri(tgz))
	o.File = file
	knowFake(t, o.Integrity)
	for range 2 { // the second load takes the files from the unpacked cache folder
		lib, err := Load(o)
		if err != nil {
			t.Fatal(err)
		}
		checkFake(t, lib)
	}
	if names := cacheFiles(t, filepath.Join(o.CacheDir, "echarts-5.6.0")); len(names) != 3 {
		t.Errorf("unpacked folder holds %q", names)
	}

	// The tarball is still checked, though its files are in the cache.
	if err := os.WriteFile(file, []byte("not the tarball"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(o); err == nil || !strings.Contains(err.Error(), "neither an echarts .tgz") {
		t.Errorf("a wrong local tarball: err = %v", err)
	}
	if err := os.WriteFile(file, tgz, 0o644); err != nil {
		t.Fatal(err)
	}
	o.Integrity = sri([]byte("the real one"))
	_, err := Load(o)
	if err == nil || !strings.Contains(err.Error(), file+" is not the published echarts-5.6.0.tgz") ||
		!strings.Contains(err.Error(), "download it again from") {
		t.Errorf("wrong integrity: err = %v", err)
	}
}

func TestLocalFileFromEnvironment(t *testing.T) {
	tgz := tarball(t, fakePackage)
	file := filepath.Join(t.TempDir(), "echarts.tgz")
	if err := os.WriteFile(file, tgz, 0o644); err != nil {
		t.Fatal(err)
	}
	o := offline(t, sri(tgz))
	t.Setenv("SHOWCASE_ECHARTS", file)
	lib, err := Load(o)
	if err != nil {
		t.Fatal(err)
	}
	checkFake(t, lib)
}

func TestLocalScript(t *testing.T) {
	script := []byte("/*! Apache ECharts */ !function(){}();\n")
	file := filepath.Join(t.TempDir(), "echarts.min.js")
	if err := os.WriteFile(file, script, 0o644); err != nil {
		t.Fatal(err)
	}
	o := offline(t, "")
	o.File = file
	lib, err := Load(o)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(lib.Script, script) || lib.License != nil || lib.Notice != nil || lib.Path != fingerprint(script) {
		t.Errorf("library = %+v", lib)
	}
}

func TestLocalFileErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	notTar := tarballOf(t, "just gzip")
	tests := []struct {
		file string
		want string
	}{
		{filepath.Join(dir, "missing.tgz"), "cannot read ECharts from"},
		{write("echarts.zip", "PK..."), "is neither an echarts .tgz nor an echarts.min.js"},
		{write("empty.js", " \n"), "is neither an echarts .tgz nor an echarts.min.js"},
		{write("gzip.tgz", string(notTar)), "is not the published echarts-5.6.0.tgz"},
		{dir, "cannot read ECharts from"},
	}
	for _, tt := range tests {
		o := offline(t, "")
		o.File = tt.file
		if _, err := Load(o); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Load(%s) error = %v, want %q", filepath.Base(tt.file), err, tt.want)
		}
	}
}

// tarballOf gzips s (which is then not a tar archive).
func tarballOf(t *testing.T, s string) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	io.WriteString(zw, s)
	zw.Close()
	return buf.Bytes()
}

func TestPathFingerprintIsStable(t *testing.T) {
	a := tarball(t, fakePackage)
	other := append([]entry(nil), fakePackage...)
	other[len(other)-1].body += "// changed"
	b := tarball(t, other)
	load := func(tgz []byte) string {
		reg := newRegistry(t, tgz)
		lib, err := Load(reg.options(t, sri(tgz)))
		if err != nil {
			t.Fatal(err)
		}
		return lib.Path
	}
	pa, pa2, pb := load(a), load(a), load(b)
	if !regexp.MustCompile(`^js/echarts-5\.6\.0\.[0-9a-f]{10}\.min\.js$`).MatchString(pa) {
		t.Errorf("Path = %q", pa)
	}
	if pa != pa2 || pa == pb {
		t.Errorf("paths %q, %q (same script), %q (another script)", pa, pa2, pb)
	}
}

func TestOptionErrors(t *testing.T) {
	tests := []struct {
		o    Options
		want string
	}{
		{Options{Version: "6.0.0"}, "ECharts 6.0.0 needs its integrity hash"},
		{Options{Version: "../5"}, "is not a version number"},
		{Options{Integrity: "md5-abc"}, "has no sha512, sha384 or sha256 digest"},
		{Options{Integrity: "sha512-short"}, "is not a sha512 digest in base64"},
	}
	for _, tt := range tests {
		if _, err := Load(tt.o); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Load(%+v) error = %v, want %q", tt.o, err, tt.want)
		}
	}
}

func TestRegistryFromEnv(t *testing.T) {
	tests := []struct {
		env  map[string]string
		want string
	}{
		{nil, "https://registry.npmjs.org"},
		{map[string]string{"npm_config_registry": "https://npm.example/"}, "https://npm.example/"},
		{map[string]string{"SHOWCASE_NPM_REGISTRY": "https://mirror.example", "npm_config_registry": "https://npm.example"},
			"https://mirror.example"},
		{map[string]string{"SHOWCASE_NPM_REGISTRY": "  "}, "https://registry.npmjs.org"},
	}
	for _, tt := range tests {
		if got := registryFromEnv(func(k string) string { return tt.env[k] }); got != tt.want {
			t.Errorf("registryFromEnv(%v) = %q, want %q", tt.env, got, tt.want)
		}
	}
	o := Options{Registry: "https://npm.example/"}
	o.defaults()
	if got := o.tarballURL(); got != "https://npm.example/echarts/-/echarts-5.6.0.tgz" {
		t.Errorf("tarballURL = %q", got)
	}
}
