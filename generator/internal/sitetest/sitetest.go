// Package sitetest writes small sites for tests from a txtar-style string:
//
//	-- content/site.yaml --
//	title: Test
//	-- content/projects/a.md --
//	---
//	title: A
//	---
//
// Write returns the folder; files are written exactly as given (the text after a "-- name --" line up to the
// next one).
package sitetest

import (
	"bytes"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// Parse splits an archive into file names and contents, in order.
func Parse(archive string) (names []string, files map[string]string) {
	files = map[string]string{}
	var cur string
	var b strings.Builder
	flush := func() {
		if cur != "" {
			files[cur] = b.String()
			names = append(names, cur)
		}
		b.Reset()
	}
	for _, line := range strings.SplitAfter(archive, "\n") {
		t := strings.TrimRight(line, "\n")
		if strings.HasPrefix(t, "-- ") && strings.HasSuffix(t, " --") && len(t) > 6 {
			flush()
			cur = strings.TrimSpace(t[3 : len(t)-3])
			continue
		}
		if cur != "" {
			b.WriteString(line)
		}
	}
	flush()
	return names, files
}

// Write writes the archive's files under a new temporary folder and returns it.
func Write(t testing.TB, archive string) string {
	t.Helper()
	dir := t.TempDir()
	names, files := Parse(archive)
	for _, n := range names {
		p := filepath.Join(dir, filepath.FromSlash(n))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(files[n]), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// Site is a minimal valid site.yaml, for tests that only care about entries.
const Site = `title: Test Showcase
description: A test site.
base_url: https://example.org/
default_language: en
languages:
  - {code: en, name: English, locale: en-HK}
taxonomies:
  themes:
    - {id: smart-mobility, name: Smart Mobility}
    - {id: smart-living, name: Smart Living}
    - {id: smart-environment, name: Smart Environment}
    - {id: smart-economy, name: Smart Economy}
  cities:
    - {id: hong-kong, name: Hong Kong}
    - {id: shanghai, name: Shanghai}
  sectors:
    - {id: transportation, name: Transportation}
    - {id: environment, name: Environment}
    - {id: healthcare, name: Healthcare}
    - {id: education, name: Education}
  editions:
    - {id: 2024, name: 2024 Challenge}
    - {id: 2025, name: 2025 Challenge}
  awards:
    - {id: gold-award, name: Gold Award}
`

// Project is a valid project front matter body (without the --- lines) for slug-free tests.
const Project = `title: A Project
date: 2024-03-01
summary: Does things.
city: hong-kong
theme: smart-mobility
year: 2024
team:
  - name: Member A
`

// Copy copies the folder from (a site's content, say) to to, for tests that edit a copy.
func Copy(t testing.TB, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(to, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(to, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// Edit replaces the first old in the file p by new; old must occur.
func Edit(t testing.TB, p, old, new string) {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), old) {
		t.Fatalf("%s does not contain %q", p, old)
	}
	if err := os.WriteFile(p, []byte(strings.Replace(string(b), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

// Buffer is a bytes.Buffer that a command's goroutines write while a test reads it.
type Buffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *Buffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *Buffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// Node returns the node binary, for tests that run the theme's scripts; without it the test is skipped, except in
// CI, where it fails.
func Node(t testing.TB) string {
	t.Helper()
	p, err := exec.LookPath("node")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("node not found: CI must install Node.js to test the theme's scripts")
		}
		t.Skip("node not found: the theme's scripts are not tested")
	}
	return p
}

// Script returns the absolute path of a theme script (rel, from the test's folder) for Node.js. It reads the file
// too, so that go test takes it for an input of the test: the test's result is not reused from its cache once the
// script changed.
func Script(t testing.TB, rel string) string {
	t.Helper()
	js, err := filepath.Abs(rel)
	if err == nil {
		_, err = os.ReadFile(js)
	}
	if err != nil {
		t.Fatal(err)
	}
	return js
}
