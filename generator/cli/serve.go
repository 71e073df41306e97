package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"syscall"

	"github.com/hkshopendata/showcase/generator/serve"
)

// interrupted is the context that ends serve: Ctrl-C or SIGTERM.
var interrupted = func() (context.Context, context.CancelFunc) {
	return signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
}

func serveCmd(args []string, stdout, stderr io.Writer) int {
	f := newFlags("serve", "Builds the site in memory and serves it, rebuilding when a file under the content or\n"+
		"themes folder changes. Open pages reload when their page changed; content errors show over the page,\n"+
		"which keeps the last good build, until the file is fixed. Ctrl-C stops it.", stderr)
	port := f.fs.Int("port", 1313, "the TCP `port` to listen on (0: any free port)")
	bind := f.fs.String("bind", "127.0.0.1", "the `address` to listen on (0.0.0.0: let other devices, such as a phone,\nsee it)")
	f.fs.StringVar(&f.opts.ThemesDir, "themes", "", "the themes `folder` (default: themes/ beside the content folder)")
	f.fs.StringVar(&f.opts.ECharts.File, "echarts", "", "an ECharts tarball or echarts.min.js `file` (also: SHOWCASE_ECHARTS)")
	renderAll := f.fs.Bool("render-all", false, "after an edit, render every page it changes before the open pages\n"+
		"reload (by default the pages opened lately are, and the others after, or when asked for)")
	if code, stop := f.parse(args); stop {
		return code
	}
	if *port < 0 || *port > 65535 {
		fmt.Fprintf(stderr, "showcase serve: --port must be between 0 and 65535, not %d\n", *port)
		return ExitUsage
	}
	if code, ok := contentFolder("serve", f.opts.ContentDir, stderr); !ok {
		return code
	}
	ln, err := net.Listen("tcp", net.JoinHostPort(*bind, strconv.Itoa(*port)))
	if err != nil {
		if errors.Is(err, syscall.EADDRINUSE) {
			fmt.Fprintf(stderr, "showcase serve: port %d is in use (is another serve running? pick one with --port, or --port 0 for any free port)\n", *port)
		} else {
			fmt.Fprintf(stderr, "showcase serve: %v\n", err)
		}
		return ExitUsage
	}
	host := *bind
	if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
		host = "localhost"
	}
	url := "http://" + net.JoinHostPort(host, strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)) + "/"
	f.opts.BaseURL = url
	themes := f.opts.ThemesDir
	if themes == "" {
		themes = filepath.Join(filepath.Dir(filepath.Clean(f.opts.ContentDir)), "themes")
	}
	ctx, stop := interrupted()
	defer stop()
	s, err := serve.New(serve.Options{Site: f.opts, Watch: []string{f.opts.ContentDir, themes}, Log: stderr,
		RenderAll: *renderAll})
	if err != nil {
		ln.Close()
		fmt.Fprintf(stderr, "showcase serve: %v\n", err)
		return ExitContent
	}
	fmt.Fprintf(stdout, "Serving %s at %s\nWatching %s and %s; save a file to rebuild. Press Ctrl-C to stop.\n",
		f.opts.ContentDir, url, f.opts.ContentDir, themes)
	if err := s.Serve(ctx, ln); err != nil {
		fmt.Fprintf(stderr, "showcase serve: %v\n", err)
		return ExitContent
	}
	fmt.Fprintln(stdout, "Stopped.")
	return ExitOK
}
