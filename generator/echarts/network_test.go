package echarts

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

// TestRegistryDownload downloads the pinned release from the real registry. It runs only with
// SHOWCASE_NETWORK_TESTS=1.
func TestRegistryDownload(t *testing.T) {
	if os.Getenv("SHOWCASE_NETWORK_TESTS") != "1" {
		t.Skip("set SHOWCASE_NETWORK_TESTS=1 to download ECharts from the npm registry")
	}
	t.Setenv("SHOWCASE_ECHARTS", "")
	lib, err := Load(Options{CacheDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	if lib.Version != PinnedVersion || !bytes.Contains(lib.Script, []byte(`"5.6.0"`)) ||
		!bytes.Contains(lib.License, []byte("Apache License")) || lib.Notice == nil {
		t.Errorf("library %s: %d-byte script, licence %.40q, notice %.40q",
			lib.Version, len(lib.Script), lib.License, lib.Notice)
	}
	if !strings.HasPrefix(lib.Path, "js/echarts-5.6.0.") {
		t.Errorf("Path = %q", lib.Path)
	}
	t.Logf("%s: %d bytes", lib.Path, len(lib.Script))
}
