package echarts

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// knowFake makes the fake package's files known, as the pinned release's are, for the test's duration.
func knowFake(t *testing.T, integrity string) {
	t.Helper()
	files := map[string]string{}
	for _, e := range fakePackage {
		files[e.name] = sum([]byte(e.body))
	}
	knownFiles[integrity] = unpackedFiles{files[scriptName], files[licenseName], files[noticeName]}
	t.Cleanup(func() { delete(knownFiles, integrity) })
}

func TestUnpackedCache(t *testing.T) {
	tgz := tarball(t, fakePackage)
	reg := newRegistry(t, tgz)
	o := reg.options(t, sri(tgz))
	knowFake(t, o.Integrity)

	first, err := Load(o)
	if err != nil {
		t.Fatal(err)
	}
	checkFake(t, first)
	dir := filepath.Join(o.CacheDir, "echarts-5.6.0")
	if names := cacheFiles(t, o.CacheDir); !slices.Equal(names, []string{"echarts-5.6.0", "echarts-5.6.0.tgz"}) {
		t.Fatalf("cache folder holds %q, want the tarball and its unpacked folder", names)
	}
	if names := cacheFiles(t, dir); !slices.Equal(names, []string{"LICENSE", "NOTICE", "echarts.min.js"}) {
		t.Fatalf("unpacked folder holds %q", names)
	}

	// Read from the unpacked folder: the tarball is not needed any more.
	if err := os.WriteFile(filepath.Join(o.CacheDir, "echarts-5.6.0.tgz"), []byte("not read"), 0o644); err != nil {
		t.Fatal(err)
	}
	second, err := Load(o)
	if err != nil {
		t.Fatal(err)
	}
	checkFake(t, second)
	if second.Path != first.Path || !bytes.Equal(second.Script, first.Script) {
		t.Errorf("from the unpacked folder: %s, want %s", second.Path, first.Path)
	}
	if n := reg.requests.Load(); n != 1 {
		t.Errorf("%d requests, want 1", n)
	}

	// A file changed in the unpacked folder is not used: the tarball is read (here downloaded) again, and the
	// folder repaired.
	script := filepath.Join(dir, "echarts.min.js")
	if err := os.WriteFile(script, []byte("alert(1)"), 0o644); err != nil {
		t.Fatal(err)
	}
	third, err := Load(o)
	if err != nil {
		t.Fatal(err)
	}
	checkFake(t, third)
	if n := reg.requests.Load(); n != 2 {
		t.Errorf("%d requests, want 2 (the unpacked script was changed and the cached tarball is corrupted)", n)
	}
	if b, _ := os.ReadFile(script); !bytes.Equal(b, first.Script) {
		t.Errorf("the unpacked script was not repaired: %q", b)
	}

	// A missing file is as good as a changed one.
	if err := os.Remove(filepath.Join(dir, "NOTICE")); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(o); err != nil {
		t.Fatal(err)
	}
	if n := reg.requests.Load(); n != 2 {
		t.Errorf("%d requests, want 2 (the cached tarball is intact again)", n)
	}
	if _, err := os.Stat(filepath.Join(dir, "NOTICE")); err != nil {
		t.Errorf("NOTICE was not restored: %v", err)
	}
}

// TestUnpackedOnlyWhenKnown: files whose digests are not built in, or do not match them, are not kept unpacked.
func TestUnpackedOnlyWhenKnown(t *testing.T) {
	tgz := tarball(t, fakePackage)
	for name, known := range map[string]func(o Options){
		"unknown": func(Options) {},
		"other digests": func(o Options) {
			knownFiles[o.Integrity] = unpackedFiles{script: sum([]byte("another script")), license: sum(nil)}
			t.Cleanup(func() { delete(knownFiles, o.Integrity) })
		},
	} {
		t.Run(name, func(t *testing.T) {
			reg := newRegistry(t, tgz)
			o := reg.options(t, sri(tgz))
			known(o)
			lib, err := Load(o)
			if err != nil {
				t.Fatal(err)
			}
			checkFake(t, lib)
			if names := cacheFiles(t, o.CacheDir); !slices.Equal(names, []string{"echarts-5.6.0.tgz"}) {
				t.Errorf("cache folder holds %q, want only the tarball", names)
			}
		})
	}
}

// TestPinnedFiles checks the built-in digests against the pinned tarball: the one in the user cache (which any
// build with a chart leaves there, as CI's does before running this test again) or SHOWCASE_ECHARTS.
func TestPinnedFiles(t *testing.T) {
	var b []byte
	var err error
	if f := os.Getenv("SHOWCASE_ECHARTS"); filepath.Ext(f) == ".tgz" {
		b, err = readLimited(f)
	} else if dir, derr := os.UserCacheDir(); derr == nil {
		b, err = readLimited(filepath.Join(dir, "showcase", "echarts-"+PinnedVersion+".tgz"))
	} else {
		err = derr
	}
	if err != nil {
		if os.Getenv("SHOWCASE_REQUIRE_ECHARTS") == "1" {
			t.Fatalf("no pinned tarball: %v", err)
		}
		t.Skipf("no pinned tarball to check against: %v", err)
	}
	in, _ := parseIntegrity(PinnedIntegrity)
	h := in.hasher()
	h.Write(b)
	if !in.matches(h) {
		t.Skip("the cached tarball is not the pinned one (a build repairs it)")
	}
	lib, err := extract(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	want := knownFiles[PinnedIntegrity]
	if got := filesOf(lib); got != want {
		t.Errorf("the pinned release's files have digests %+v, want %+v", got, want)
	}
}
