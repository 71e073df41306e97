package dataset

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// decodeText returns the file's text as UTF-8: a byte-order mark picks UTF-8 or UTF-16 whatever the declared
// encoding (and is dropped); otherwise the declared encoding is used. big5-hkscs is read with the Big5 decoder,
// which follows the WHATWG Big5 index and so includes the HKSCS characters. The name returned is the encoding in
// effect ("utf-8" when the text is passed through unchanged and must be checked for invalid bytes).
func decodeText(r io.Reader, declared string) (io.Reader, string) {
	br := bufio.NewReaderSize(r, 64<<10)
	head, _ := br.Peek(3)
	switch {
	case bytes.HasPrefix(head, []byte("\xef\xbb\xbf")):
		br.Discard(3)
		return br, "utf-8"
	case bytes.HasPrefix(head, []byte("\xff\xfe")), bytes.HasPrefix(head, []byte("\xfe\xff")):
		return transform.NewReader(br, unicode.BOMOverride(unicode.UTF16(unicode.LittleEndian,
			unicode.IgnoreBOM).NewDecoder())), "utf-16"
	}
	var enc encoding.Encoding
	switch strings.ToLower(declared) {
	case "big5", "big5-hkscs":
		enc = traditionalchinese.Big5
	case "gbk":
		enc = simplifiedchinese.GBK
	case "gb18030":
		enc = simplifiedchinese.GB18030
	case "utf-16":
		enc = unicode.UTF16(unicode.LittleEndian, unicode.UseBOM)
	default:
		return br, "utf-8"
	}
	return transform.NewReader(br, enc.NewDecoder()), strings.ToLower(declared)
}

// guessEncoding suggests the encoding of text that is not valid UTF-8: Big5 or GB18030, whichever reads it as
// Chinese text; "" when neither does.
func guessEncoding(b []byte) string {
	big5OK, gbOK := true, true
	big5Hint := false // a trail byte in 0x40–0x7e: common in Big5, absent from GB2312 text
	for i := 0; i < len(b); i++ {
		c := b[i]
		if c < 0x80 {
			continue
		}
		if c == 0x80 || c == 0xff || i+1 >= len(b) {
			big5OK, gbOK = false, false
			break
		}
		t := b[i+1]
		switch {
		case t >= 0x40 && t <= 0x7e:
			big5Hint = true
		case t >= 0xa1 && t <= 0xfe:
		case t >= 0x80 && t <= 0xa0:
			big5OK = false // not a Big5 trail byte; fine in GBK
		case t >= 0x30 && t <= 0x39:
			big5OK = false // GB18030 four-byte sequence
			i += 2
		default:
			big5OK, gbOK = false, false
		}
		i++
	}
	if big5OK {
		big5OK = !strings.ContainsRune(decodeWith(traditionalchinese.Big5, b), utf8.RuneError)
	}
	if gbOK {
		gbOK = !strings.ContainsRune(decodeWith(simplifiedchinese.GB18030, b), utf8.RuneError)
	}
	switch {
	case big5OK && (big5Hint || !gbOK):
		return "big5"
	case gbOK:
		return "gb18030"
	}
	return ""
}

func decodeWith(e encoding.Encoding, b []byte) string {
	s, err := e.NewDecoder().Bytes(b)
	if err != nil {
		return string(utf8.RuneError)
	}
	return string(s)
}

// encodingHint is the hint for invalid UTF-8 found in a line.
func encodingHint(prefix string, line []byte) string {
	switch enc := guessEncoding(line); enc {
	case "big5":
		return fmt.Sprintf("it looks like Big5: add encoding: big5 to %s in dataset.yaml", prefix)
	case "gb18030":
		return fmt.Sprintf("it looks like GBK/GB18030: add encoding: gb18030 to %s in dataset.yaml", prefix)
	}
	return fmt.Sprintf("set encoding: for %s in dataset.yaml (utf-8, big5, big5-hkscs, gbk, gb18030 or utf-16)", prefix)
}
