package generator

import (
	"bytes"
	"encoding/json"
	"testing"
)

// manifestPaths are paths that encoding/json escapes in each of its ways, beside plain ones.
var manifestPaths = []string{
	"index.html", "projects/harbour-hop/index.html", "search/w/3f.json", "",
	`a"b.html`, `a\b.html`, "a<b.html", "a>b.html", "a&b.html", "tab\there.html", "new\nline", "\x00\x1f\x7f",
	"zh-hant/香港/index.html", "emoji/😀.html", "bad/\xff\xfe.html", "sep/\u2028\u2029.html",
}

// TestManifestEncoding: encode writes what json.Marshal writes, byte for byte.
func TestManifestEncoding(t *testing.T) {
	for _, m := range []manifest{
		{},
		{Version: 3, Key: "k", Files: map[string]fileRecord{}},
		{Version: manifestVersion, Key: `key "with" <quotes> & ünïcode`, Files: func() map[string]fileRecord {
			files := map[string]fileRecord{}
			for i, p := range manifestPaths {
				files[p] = fileRecord{Fingerprint: uint64(i) * 0x9e3779b97f4a7c15, Size: int64(i * 1000),
					ModTime: -int64(i) * 1e17, Inode: uint64(i % 3)}
			}
			return files
		}()},
	} {
		want, err := json.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		if got := m.encode(); !bytes.Equal(got, want) {
			t.Errorf("encode:\n%s\njson.Marshal:\n%s", got, want)
		}
	}
}

func FuzzManifestEncoding(f *testing.F) {
	for _, p := range manifestPaths {
		f.Add(p, "key", uint64(7), int64(12), int64(-3), uint64(0))
	}
	f.Fuzz(func(t *testing.T, rel, key string, fp uint64, size, mod int64, inode uint64) {
		m := manifest{Version: manifestVersion, Key: key, Files: map[string]fileRecord{
			rel: {fp, size, mod, inode}, rel + "/x": {Size: size},
		}}
		want, err := json.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		if got := m.encode(); !bytes.Equal(got, want) {
			t.Errorf("encode:\n%q\njson.Marshal:\n%q", got, want)
		}
	})
}
