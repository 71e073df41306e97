package echarts

import (
	"crypto/sha256"
	"crypto/sha512"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"hash"
	"strings"
)

// integrity is a parsed Subresource-Integrity string, as npm writes it: "sha512-BASE64", possibly several
// space-separated. Only the strongest algorithm present counts, as in browsers.
type integrity struct {
	algo    string   // "sha512", "sha384" or "sha256"
	digests [][]byte // any of them matches
}

var algoStrength = map[string]int{"sha256": 1, "sha384": 2, "sha512": 3}

func parseIntegrity(s string) (integrity, error) {
	var best integrity
	for _, f := range strings.Fields(s) {
		algo, b64, ok := strings.Cut(f, "-")
		if !ok || algoStrength[algo] == 0 {
			continue // unknown algorithms are ignored, as the SRI specification says
		}
		b64, _, _ = strings.Cut(b64, "?") // options are allowed after '?'
		d, err := base64.StdEncoding.DecodeString(b64)
		if err != nil || len(d) != newHash(algo).Size() {
			return integrity{}, fmt.Errorf("integrity %q: %q is not a %s digest in base64", s, f, algo)
		}
		switch {
		case algoStrength[algo] > algoStrength[best.algo]:
			best = integrity{algo: algo, digests: [][]byte{d}}
		case algo == best.algo:
			best.digests = append(best.digests, d)
		}
	}
	if best.algo == "" {
		return integrity{}, fmt.Errorf("integrity %q has no sha512, sha384 or sha256 digest", s)
	}
	return best, nil
}

func newHash(algo string) hash.Hash {
	switch algo {
	case "sha256":
		return sha256.New()
	case "sha384":
		return sha512.New384()
	}
	return sha512.New()
}

// hasher starts hashing with the integrity's algorithm.
func (in integrity) hasher() hash.Hash { return newHash(in.algo) }

// matches reports whether the sum h computed is one of the expected digests.
func (in integrity) matches(h hash.Hash) bool {
	sum := h.Sum(nil)
	for _, d := range in.digests {
		if subtle.ConstantTimeCompare(sum, d) == 1 {
			return true
		}
	}
	return false
}

// format writes a computed sum in SRI form, for error messages.
func (in integrity) format(h hash.Hash) string {
	return in.algo + "-" + base64.StdEncoding.EncodeToString(h.Sum(nil))
}
