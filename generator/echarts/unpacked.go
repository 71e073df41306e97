package echarts

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
)

// Unpacking the 10 MB tarball (55 MB of files) costs a third of a second, on every build with a chart. So the
// three files a build takes from it are also kept unpacked in the cache, CacheDir/echarts-VERSION/, and read
// from there when each has the sha256 digest known for them. The digests are built in, as the tarball's integrity
// is: a file in the cache is trusted no more than the tarball is. For a release whose digests are not built in
// (a version and integrity given by the site), the tarball is unpacked on every build.

// unpackedFiles are the sha256 digests (hex) of the files a build takes from a tarball, by the tarball's
// integrity; "" for a file the package does not have (NOTICE).
type unpackedFiles struct{ script, license, notice string }

// knownFiles are the digests of the pinned release's files, checked by TestPinnedFiles against the tarball.
var knownFiles = map[string]unpackedFiles{
	PinnedIntegrity: {
		script:  "bf4a223524e40b77c304bec67e1222cf551f14880cf42c69dc046558e11c07b1",
		license: "634293835b43a6dd2094fa39182a3d9a6b9ca43b7fdb9ac354e8037af2a3093a",
		notice:  "fa99ac3af859d0e13166906dc53a73ad34a08898da7e8ae83407275496e9e30c",
	},
}

// Names of the unpacked files in their cache folder.
const (
	unpackedScript  = "echarts.min.js"
	unpackedLicense = "LICENSE"
	unpackedNotice  = "NOTICE"
)

// unpackedDir is the cache folder of the release's unpacked files; "" when there is no cache or the files'
// digests are not known.
func (o *Options) unpackedDir() (string, unpackedFiles) {
	want, ok := knownFiles[o.Integrity]
	if o.CacheDir == "" || !ok {
		return "", unpackedFiles{}
	}
	return filepath.Join(o.CacheDir, "echarts-"+o.Version), want
}

// readUnpacked returns the library from its unpacked cache folder, or nil when a file is missing or is not the
// one expected.
func readUnpacked(o Options) *Library {
	dir, want := o.unpackedDir()
	if dir == "" {
		return nil
	}
	lib := &Library{}
	for _, f := range []struct {
		name, sum string
		dst       *[]byte
	}{{unpackedScript, want.script, &lib.Script}, {unpackedLicense, want.license, &lib.License},
		{unpackedNotice, want.notice, &lib.Notice}} {
		if f.sum == "" {
			continue
		}
		b, err := readLimited(filepath.Join(dir, f.name))
		if err != nil || sum(b) != f.sum {
			return nil
		}
		*f.dst = b
	}
	return lib
}

// writeUnpacked keeps lib's files unpacked in the cache when they are the ones expected, replacing a folder
// that is not right. Like the tarball, the folder appears whole or not at all; the cache is best effort.
func writeUnpacked(o Options, lib *Library) {
	dir, want := o.unpackedDir()
	if dir == "" || filesOf(lib) != want {
		return
	}
	tmp, err := os.MkdirTemp(o.CacheDir, ".echarts-"+o.Version+"-*.part")
	if err != nil {
		return
	}
	defer os.RemoveAll(tmp) // left only when the rename failed
	files := map[string][]byte{unpackedScript: lib.Script, unpackedLicense: lib.License}
	if lib.Notice != nil {
		files[unpackedNotice] = lib.Notice
	}
	for name, b := range files {
		if writeSynced(filepath.Join(tmp, name), b) != nil {
			return
		}
	}
	if os.Chmod(tmp, 0o755) != nil {
		return
	}
	os.RemoveAll(dir) // a folder that readUnpacked refused
	os.Rename(tmp, dir)
}

// writeSynced writes a file and flushes it to disk.
func writeSynced(name string, b []byte) error {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(b)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// filesOf is the digests of lib's files.
func filesOf(lib *Library) unpackedFiles {
	f := unpackedFiles{script: sum(lib.Script), license: sum(lib.License)}
	if lib.Notice != nil {
		f.notice = sum(lib.Notice)
	}
	return f
}

func sum(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}
