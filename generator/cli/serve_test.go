package cli

import (
	"io"
	"net"
	"net/http"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/hkshopendata/showcase/generator/internal/sitetest"
)

// TestServeCtrlC starts `showcase serve` on a free port, fetches a page, and stops it with a real SIGINT, as
// Ctrl-C in a terminal sends: it must exit 0 after saying so.
func TestServeCtrlC(t *testing.T) {
	dir := sitetest.Write(t, "-- content/site.yaml --\n"+sitetest.Site+`-- content/pages/about.md --
---
title: About
summary: About the test site.
---
Hello.
`)
	t.Chdir(dir)
	var out, errs sitetest.Buffer
	code := make(chan int, 1)
	go func() { code <- Run([]string{"serve", "--port", "0"}, &out, &errs) }()
	addr := regexp.MustCompile(`at (http://127\.0\.0\.1:\d+/)`)
	deadline := time.Now().Add(30 * time.Second)
	for !addr.MatchString(out.String()) {
		if time.Now().After(deadline) {
			t.Fatalf("serve did not start: %s%s", out.String(), errs.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	base := addr.FindStringSubmatch(out.String())[1]
	res, err := http.Get(base + "about/")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || !strings.Contains(string(body), "Hello.") {
		t.Fatalf("GET about/: %d %s", res.StatusCode, body)
	}
	if err := syscall.Kill(syscall.Getpid(), syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	select {
	case c := <-code:
		if c != ExitOK || !strings.Contains(out.String(), "Stopped.") {
			t.Errorf("after Ctrl-C: exit %d, output %q, errors %q", c, out.String(), errs.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not stop on Ctrl-C")
	}
}

func TestServeUsage(t *testing.T) {
	dir := sitetest.Write(t, "-- content/site.yaml --\n"+sitetest.Site)
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	port := strings.TrimPrefix(busy.Addr().String(), "127.0.0.1:")
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"serve", "--port", "70000"}, "--port must be between 0 and 65535"},
		{[]string{"serve", "--content", "nowhere"}, "no content folder at nowhere"},
		{[]string{"serve", "--port", port}, "port " + port + " is in use"},
	} {
		code, _, errs := run(t, dir, tc.args...)
		if code != ExitUsage || !strings.Contains(errs, tc.want) {
			t.Errorf("%v: exit %d, %q; want %d and %q", tc.args, code, errs, ExitUsage, tc.want)
		}
	}
}
