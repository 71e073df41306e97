package generator_test

import (
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/hkshopendata/showcase/generator/internal/sitetest"
)

// showcaseBinary builds cmd/showcase for tests that run it as a process.
func showcaseBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "showcase")
	out, err := exec.Command("go", "build", "-o", bin, "../cmd/showcase").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

func runBuild(t *testing.T, bin, dir string, env []string, args ...string) {
	t.Helper()
	cmd := exec.Command(bin, append([]string{"build"}, args...)...)
	cmd.Dir, cmd.Env = dir, append(os.Environ(), env...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("showcase build %v: %v\n%s", args, err, out)
	}
}

// TestDeterministicProcesses builds content/ twice as separate processes, from different working directories
// and with different GOMAXPROCS: the two sites are byte-identical.
func TestDeterministicProcesses(t *testing.T) {
	bin := showcaseBinary(t)
	content, _ := filepath.Abs("../content")
	a, b := t.TempDir(), t.TempDir()
	runBuild(t, bin, a, []string{"GOMAXPROCS=1"}, "--content", content, "--out", "site")
	runBuild(t, bin, b, []string{"GOMAXPROCS=4"}, "--content", content, "--out", filepath.Join(b, "nested", "site"))
	ha, hb := hashTree(t, filepath.Join(a, "site")), hashTree(t, filepath.Join(b, "nested", "site"))
	if !slices.Equal(ha, hb) {
		t.Errorf("two builds differ:\n%s", diffLines(ha, hb))
	}
}

// TestKilledBuilds kills builds at random moments (SIGKILL: no chance to clean up) while the content flips
// between two versions. After every kill the output folder is one of the two complete sites, never a mix or
// nothing; the next build removes the staging folders the killed ones left.
func TestKilledBuilds(t *testing.T) {
	bin := showcaseBinary(t)
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	sitetest.Copy(t, "../content", content)
	out := filepath.Join(dir, "public")
	rain := filepath.Join(content, "projects", "rain-ready.md")
	version := func(n int) {
		b, err := os.ReadFile(rain)
		if err != nil {
			t.Fatal(err)
		}
		s := strings.Replace(string(b), "RainReady B:", "RainReady:", 1)
		if n%2 == 1 {
			s = strings.Replace(s, "RainReady:", "RainReady B:", 1)
		}
		writeFile(t, rain, s)
	}
	// the two complete sites, and how long a build takes
	sites := make([][]string, 2)
	var took time.Duration
	for n := range 2 {
		version(n)
		start := time.Now()
		runBuild(t, bin, dir, nil, "--content", content, "--out", out)
		took = max(took, time.Since(start))
		sites[n] = hashTree(t, out)
	}
	if slices.Equal(sites[0], sites[1]) {
		t.Fatal("the two versions build the same site")
	}
	rng := rand.New(rand.NewPCG(7, 11))
	kills := 0
	for n := range 16 {
		version(n)
		cmd := exec.Command(bin, "build", "--content", content, "--out", out)
		cmd.Dir = dir
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(rng.Int64N(int64(took))))
		if cmd.Process.Signal(syscall.SIGKILL) == nil {
			kills++
		}
		_ = cmd.Wait()
		got := hashTree(t, out)
		if !slices.Equal(got, sites[0]) && !slices.Equal(got, sites[1]) {
			t.Fatalf("kill %d: %s is neither complete site:\n%s", n, out, diffLines(sites[n%2], got))
		}
	}
	runBuild(t, bin, dir, nil, "--content", content, "--out", out)
	left, _ := filepath.Glob(filepath.Join(dir, ".public.tmp-*"))
	if len(left) > 0 {
		t.Errorf("staging folders left after a complete build: %v", left)
	}
	t.Logf("%d builds killed at random points within %v", kills, took)
}
