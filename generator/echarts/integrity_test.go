package echarts

import (
	"crypto/sha256"
	"encoding/base64"
	"strings"
	"testing"
)

func TestIntegrity(t *testing.T) {
	data := []byte("tarball")
	sum256 := sha256.Sum256(data)
	sha256SRI := "sha256-" + base64.StdEncoding.EncodeToString(sum256[:])
	tests := []struct {
		sri   string
		match bool
	}{
		{sri(data), true},
		{sri([]byte("other")), false},
		{sha256SRI, true},
		{sri(data) + " " + sri([]byte("other")), true},  // any digest of the strongest algorithm
		{sri([]byte("other")) + " " + sha256SRI, false}, // only the strongest algorithm counts
		{"md5-xyz " + sri(data) + "?opt", true},         // unknown algorithms and options are ignored
		{"\t" + sri(data) + "\n", true},
	}
	for _, tt := range tests {
		in, err := parseIntegrity(tt.sri)
		if err != nil {
			t.Errorf("parseIntegrity(%q): %v", tt.sri, err)
			continue
		}
		h := in.hasher()
		h.Write(data)
		if got := in.matches(h); got != tt.match {
			t.Errorf("%q matches = %v, want %v", tt.sri, got, tt.match)
		}
	}
	in, _ := parseIntegrity(PinnedIntegrity)
	h := in.hasher()
	h.Write(data)
	if got := in.format(h); got != sri(data) {
		t.Errorf("format = %q, want %q", got, sri(data))
	}
}

func TestIntegrityErrors(t *testing.T) {
	for _, s := range []string{"", "sha512", "md5-AAAA", "sha512-!!!", "sha512-" + strings.Repeat("A", 44), "sha1-AAAA"} {
		if _, err := parseIntegrity(s); err == nil {
			t.Errorf("parseIntegrity(%q) succeeded", s)
		}
	}
}
