package echarts

import (
	"archive/tar"
	"bytes"
	"strings"
	"testing"
)

// with returns fakePackage with e added at the end.
func with(e entry) []entry { return append(append([]entry(nil), fakePackage...), e) }

// without returns fakePackage without the entry called name.
func without(name string) []entry {
	var out []entry
	for _, e := range fakePackage {
		if e.name != name {
			out = append(out, e)
		}
	}
	return out
}

func TestExtract(t *testing.T) {
	tests := []struct {
		name    string
		entries []entry
		want    string // error substring; "" means success
	}{
		{"package", fakePackage, ""},
		{"no notice", without("package/NOTICE"), ""},
		{"no script", without("package/dist/echarts.min.js"), "has no package/dist/echarts.min.js"},
		{"no licence", without("package/LICENSE"), "has no package/LICENSE"},
		{"script twice", with(entry{name: "package/dist/echarts.min.js", body: "again"}),
			"has package/dist/echarts.min.js twice"},
		{"script is a link", append(without("package/dist/echarts.min.js"),
			entry{name: "package/dist/echarts.min.js", body: "/etc/passwd", typ: tar.TypeSymlink}), "not a regular file"},
		{"absolute", with(entry{name: "/etc/cron.d/x", body: "x"}), `odd path "/etc/cron.d/x"`},
		{"parent", with(entry{name: "../x", body: "x"}), `odd path "../x"`},
		{"inner parent", with(entry{name: "package/../../x", body: "x"}), "odd path"},
		{"dot", with(entry{name: "./package/LICENSE", body: "x"}), "odd path"},
		{"double slash", with(entry{name: "package//LICENSE", body: "x"}), "odd path"},
		{"backslash", with(entry{name: `package\..\x`, body: "x"}), "odd path"},
		{"empty name", with(entry{name: "", body: "x"}), "odd path"},
		{"other files are ignored", with(entry{name: "package/dist/extension/bmap.min.js", body: "x"}), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lib, err := extract(bytes.NewReader(tarball(t, tt.entries)))
			switch {
			case tt.want == "" && err != nil:
				t.Fatal(err)
			case tt.want == "":
				if !strings.Contains(string(lib.Script), "window.echarts") || lib.License == nil {
					t.Errorf("library = %+v", lib)
				}
			case err == nil || !strings.Contains(err.Error(), tt.want):
				t.Errorf("err = %v, want %q", err, tt.want)
			}
		})
	}
}

func TestExtractBadArchives(t *testing.T) {
	tgz := tarball(t, fakePackage)
	corrupt := bytes.Clone(tgz)
	corrupt[len(corrupt)-6] ^= 0xff // the gzip trailer's checksum
	tests := map[string][]byte{
		"empty":       nil,
		"not gzip":    []byte("PK\x03\x04"),
		"truncated":   tgz[:len(tgz)-20],
		"bad crc":     corrupt,
		"gzip no tar": tarballOf(t, strings.Repeat("x", 1000)),
	}
	for name, b := range tests {
		if _, err := extract(bytes.NewReader(b)); err == nil {
			t.Errorf("%s: extract succeeded", name)
		}
	}
}

func TestExtractLargeEntry(t *testing.T) {
	big := entry{name: "package/NOTICE", body: strings.Repeat("n", maxText+1)}
	_, err := extract(bytes.NewReader(tarball(t, append(without("package/NOTICE"), big))))
	if err == nil || !strings.Contains(err.Error(), "package/NOTICE in the tarball is larger than") {
		t.Errorf("err = %v", err)
	}
}

func TestCleanEntry(t *testing.T) {
	for name, want := range map[string]bool{
		"package/":                    true,
		"package/dist/echarts.min.js": true,
		"package/a..b":                true,
		"":                            false,
		"/":                           false,
		".":                           false,
		"..":                          false,
		"../package":                  false,
		"package/..":                  false,
		"package/./LICENSE":           false,
		"package\\LICENSE":            false,
		"package/\x00":                false,
		"C:/x":                        true, // a plain relative path on the POSIX paths tar uses
	} {
		if got := cleanEntry(name); got != want {
			t.Errorf("cleanEntry(%q) = %v, want %v", name, got, want)
		}
	}
}

// FuzzExtract: a tarball (a local file, or a cache someone wrote into) never crashes or hangs the reader.
func FuzzExtract(f *testing.F) {
	f.Add(tarball(f, fakePackage))
	f.Add(tarball(f, with(entry{name: "../x", body: "x"})))
	f.Add(tarball(f, without("package/LICENSE")))
	f.Add([]byte{0x1f, 0x8b})
	f.Fuzz(func(t *testing.T, b []byte) {
		lib, err := extract(bytes.NewReader(b))
		if err == nil && (lib.Script == nil || lib.License == nil) {
			t.Errorf("extract succeeded without a script or licence")
		}
	})
}
