// Package echarts provides the Apache ECharts library that the site serves itself, so that a page with charts makes
// no third-party request. The pinned npm package is downloaded once from the registry, checked against its
// integrity hash, and kept in the user cache folder; later builds read the cache and work offline.
//
// Where the library comes from, first match wins:
//
//   - Options.File, or else the environment variable SHOWCASE_ECHARTS: a local echarts-VERSION.tgz (checked
//     against the integrity hash, for air-gapped builds) or an echarts.min.js (used as it is);
//   - the cached tarball, CacheDir/echarts-VERSION.tgz (checked again on every read), whose files are also kept
//     unpacked in CacheDir/echarts-VERSION/ when their digests are built in (see unpacked.go);
//   - the npm registry: SHOWCASE_NPM_REGISTRY, else npm_config_registry, else https://registry.npmjs.org.
package echarts

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"
)

// The pinned release.
const (
	// PinnedVersion is the version of the echarts npm package the site serves.
	PinnedVersion = "5.6.0"
	// PinnedIntegrity is the registry's dist.integrity of its tarball (`npm view echarts@5.6.0 dist`).
	PinnedIntegrity = "sha512-oTbVTsXfKuEhxftHqL5xprgLoc0k7uScAwtryCgWF6hPYFLRwOUHiFmHGCBKP5NPFNkDVopOieyUqYGH8Fa3kA=="
	// DefaultRegistry is the npm registry used when the environment names none.
	DefaultRegistry = "https://registry.npmjs.org"
)

// maxSize bounds a downloaded or local tarball and a local script: ECharts 5.6.0's tarball is about 10 MB.
const maxSize = 50 << 20

// Options say where the library comes from. The zero value means: the pinned release, from the cache or else the
// registry (see the package documentation).
type Options struct {
	// File is a local echarts .tgz (checked against Integrity) or an echarts.min.js (used as it is). Default: the
	// environment variable SHOWCASE_ECHARTS; when both are empty, the cache and then the registry.
	File string
	// CacheDir is the folder that keeps the downloaded tarball. Default: os.UserCacheDir()/showcase. When there is
	// no cache folder, or it cannot be written, the tarball is downloaded on every build.
	CacheDir string
	// Registry is the npm registry's base URL. Default: SHOWCASE_NPM_REGISTRY, else npm_config_registry, else
	// DefaultRegistry.
	Registry string
	// Client downloads the tarball. Default: a client that gives up after 3 minutes.
	Client *http.Client
	// Integrity is the tarball's Subresource-Integrity string ("sha512-BASE64"). Default: PinnedIntegrity, which
	// is only right for PinnedVersion.
	Integrity string
	// Version is the npm version of echarts. Default: PinnedVersion.
	Version string
}

// downloadTimeout is how long the default client waits for the whole tarball.
const downloadTimeout = 3 * time.Minute

// Library is the ECharts library, ready to publish.
type Library struct {
	Version string // the npm version; for a local script, the one asked for (a script is not checked)
	Script  []byte // package/dist/echarts.min.js
	License []byte // package/LICENSE; nil when Options.File is a script
	Notice  []byte // package/NOTICE; nil when the package has none, or when Options.File is a script
	// Path is where the site publishes Script, fingerprinted so that it can be cached for ever:
	// "js/echarts-5.6.0.<first 10 hex digits of sha256(Script)>.min.js".
	Path string
}

var versionRE = regexp.MustCompile(`^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.]+)?$`)

// Load returns the library from Options.File, the cache or the registry. Its errors say what to do next.
func Load(o Options) (*Library, error) {
	if err := o.defaults(); err != nil {
		return nil, err
	}
	var lib *Library
	var err error
	if o.File != "" {
		lib, err = loadFile(o)
	} else {
		lib, err = loadCached(o)
	}
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(lib.Script)
	lib.Version = o.Version
	lib.Path = "js/echarts-" + o.Version + "." + hex.EncodeToString(sum[:])[:10] + ".min.js"
	return lib, nil
}

func (o *Options) defaults() error {
	if o.Version == "" {
		o.Version = PinnedVersion
	}
	if !versionRE.MatchString(o.Version) {
		return fmt.Errorf("ECharts version %q is not a version number like %s", o.Version, PinnedVersion)
	}
	if o.Integrity == "" {
		if o.Version != PinnedVersion {
			return fmt.Errorf("ECharts %s needs its integrity hash (npm view echarts@%s dist.integrity): only %s's is built in",
				o.Version, o.Version, PinnedVersion)
		}
		o.Integrity = PinnedIntegrity
	}
	if _, err := parseIntegrity(o.Integrity); err != nil {
		return err
	}
	if o.File == "" {
		o.File = os.Getenv("SHOWCASE_ECHARTS")
	}
	if o.CacheDir == "" {
		if dir, err := os.UserCacheDir(); err == nil {
			o.CacheDir = filepath.Join(dir, "showcase")
		}
	}
	if o.Registry == "" {
		o.Registry = registryFromEnv(os.Getenv)
	}
	o.Registry = strings.TrimRight(o.Registry, "/")
	if o.Client == nil {
		o.Client = &http.Client{Timeout: downloadTimeout}
	}
	return nil
}

// registryFromEnv is the registry named by the environment, or DefaultRegistry.
func registryFromEnv(getenv func(string) string) string {
	for _, k := range []string{"SHOWCASE_NPM_REGISTRY", "npm_config_registry"} {
		if v := strings.TrimSpace(getenv(k)); v != "" {
			return v
		}
	}
	return DefaultRegistry
}

// tarballName is the file name npm gives the package's tarball.
func (o *Options) tarballName() string { return "echarts-" + o.Version + ".tgz" }

// tarballURL is where the registry serves the tarball.
func (o *Options) tarballURL() string { return o.Registry + "/echarts/-/" + o.tarballName() }
