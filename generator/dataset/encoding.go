package dataset

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
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

// textWatch passes a file's decoded text through and notes where it is not in the file's encoding: invalid UTF-8
// in a UTF-8 file (whose text is its bytes as stored), else U+FFFD, which the decoders write for bytes they cannot
// read. Lines are counted as in the file (the encodings read keep line breaks as they are); columns count
// characters, as an editor does.
type textWatch struct {
	r    io.Reader
	raw  *textWatch // for a file declared Big5 or GB, the watch on its bytes before decoding, else nil
	enc  string     // the encoding in effect, as decodeText names it
	utf8 bool       // enc is utf-8: look for invalid bytes rather than U+FFFD
	buf  []byte     // the bytes of a character cut by the last read, then the new ones
	held int

	line, col int // the position of the next byte: its line (from 1), and the characters before it on the line

	bad              int    // lines with bad text
	lastBad          int    // the last of them
	firstLine, first int    // where the first bad character is (line, column from 1)
	sample           []byte // a UTF-8 file's bytes from there to the end of the line (at most 4 KiB), for a guess
	sampling         bool   // the line goes on past the bytes scanned so far

	// UTF-8 only: the characters that are not ASCII, counted up to wideEnough, and where the first is
	wide, wideLine, wideCol int
}

// wideEnough is how many valid non-ASCII UTF-8 characters make bytes declared Big5 or GB surely UTF-8: in those
// encodings, one character in ten at most reads as valid UTF-8 by chance.
const wideEnough = 8

// isUTF8 reports that the bytes watched are UTF-8 text beyond doubt.
func (w *textWatch) isUTF8() bool { return w.utf8 && w.bad == 0 && w.wide >= wideEnough }

func newTextWatch(r io.Reader, enc string) *textWatch {
	return &textWatch{r: r, enc: enc, utf8: enc == "utf-8", line: 1}
}

func (w *textWatch) Read(p []byte) (int, error) {
	n, err := w.r.Read(p)
	w.buf = append(w.buf[:w.held], p[:n]...)
	end := len(w.buf)
	if err == nil {
		end = completeText(w.buf)
	}
	w.scan(w.buf[:end])
	w.held = copy(w.buf, w.buf[end:])
	return n, err
}

// legacy reports the encodings whose bytes may be UTF-8 read wrongly without an error: Big5 and GB.
func legacy(enc string) bool {
	switch strings.ToLower(enc) {
	case "big5", "big5-hkscs", "gbk", "gb18030":
		return true
	}
	return false
}

// completeText is the length of b without the bytes of a character that the next read may complete.
func completeText(b []byte) int {
	for i := len(b) - 1; i >= 0 && i >= len(b)-3; i-- {
		c := b[i]
		switch {
		case c < 0x80:
			return len(b)
		case c >= 0xc0:
			need := 2
			if c >= 0xf0 {
				need = 4
			} else if c >= 0xe0 {
				need = 3
			}
			if i+need > len(b) {
				return i
			}
			return len(b)
		}
	}
	return len(b)
}

var replacement = []byte("\uFFFD")

// scan follows the position through b and notes the bad characters in it.
func (w *textWatch) scan(b []byte) {
	if w.sampling {
		w.addSample(b)
	}
	if !hasNonASCII(b) || w.utf8 && w.wide >= wideEnough && utf8.Valid(b) ||
		!w.utf8 && !bytes.Contains(b, replacement) {
		if i := bytes.LastIndexByte(b, '\n'); i >= 0 {
			w.line += bytes.Count(b, []byte{'\n'})
			w.col = utf8.RuneCount(b[i+1:])
		} else {
			w.col += utf8.RuneCount(b)
		}
		return
	}
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		switch {
		case r == '\n':
			w.line++
			w.col = 0
			b = b[1:]
			continue
		case r >= utf8.RuneSelf && r != utf8.RuneError:
			if w.wide < wideEnough {
				w.wide++
			}
			if w.wide == 1 {
				w.wideLine, w.wideCol = w.line, w.col+1
			}
		case r != utf8.RuneError:
		case w.utf8 && size == 1, !w.utf8 && size == 3:
			w.note(b)
		}
		w.col++
		b = b[size:]
	}
}

// note records a bad character at the start of rest.
func (w *textWatch) note(rest []byte) {
	if w.bad > 0 && w.lastBad == w.line {
		return
	}
	w.bad++
	w.lastBad = w.line
	if w.bad > 1 {
		return
	}
	w.firstLine, w.first = w.line, w.col+1
	if w.utf8 {
		w.sampling = true
		w.addSample(rest)
	}
}

// maxSample is the longest sample kept for guessing an encoding.
const maxSample = 4 << 10

// addSample adds b, up to the end of the line, to the sample.
func (w *textWatch) addSample(b []byte) {
	end := bytes.IndexByte(b, '\n')
	if end >= 0 {
		b = b[:end]
	}
	w.sample = append(w.sample, b[:min(len(b), maxSample-len(w.sample))]...)
	w.sampling = end < 0 && len(w.sample) < maxSample
}

// guessSample guesses the encoding of sample, bytes of a file that its declared encoding cannot read: UTF-8 (when
// it holds valid non-ASCII UTF-8), Big5 or GB18030; "" when none fits. The sample may end inside a character.
func guessSample(sample []byte) string {
	if hasNonASCII(sample) && utf8.Valid(sample[:completeText(sample)]) {
		return "utf-8"
	}
	for cut := 0; cut < 4 && cut < len(sample) && hasNonASCII(sample[:len(sample)-cut]); cut++ {
		if enc := guessEncoding(sample[:len(sample)-cut]); enc != "" {
			return enc
		}
	}
	return ""
}

// encodingNames are the encodings' names in messages.
var encodingNames = map[string]string{"utf-8": "UTF-8", "big5": "Big5", "big5-hkscs": "Big5-HKSCS", "gbk": "GBK",
	"gb18030": "GB18030", "utf-16": "UTF-16"}

// encodingHint is the hint for text that is not in the encoding enc: the encoding the sample looks like, and how
// to declare it for the file prefix ("files[0]") whose encoding: is declared (or "").
func encodingHint(prefix, declared, enc string, sample []byte) string {
	switch guess := guessSample(sample); {
	case guess == enc || sample == nil:
	case guess == "utf-8" && declared != "":
		return fmt.Sprintf("the file looks like UTF-8: remove encoding: %s from %s in dataset.yaml", declared, prefix)
	case guess != "":
		return fmt.Sprintf("the file looks like %s: set encoding: %s for %s in dataset.yaml", encodingNames[guess],
			guess, prefix)
	}
	if enc == "utf-8" {
		return fmt.Sprintf("set encoding: for %s in dataset.yaml (big5, big5-hkscs, gbk, gb18030 or utf-16)", prefix)
	}
	return fmt.Sprintf("check encoding: for %s in dataset.yaml (utf-8, big5, big5-hkscs, gbk, gb18030 or utf-16); "+
		"the bytes it cannot read are shown as �", prefix)
}

// rawLine returns the bytes of line n (from 1) of the file as stored, at most 64 KiB, or nil. It is for a file in
// Big5 or GB, where a line break is always the byte '\n'.
func rawLine(root *os.Root, rel string, n int) []byte {
	f, _, err := openFile(root, rel)
	if err != nil {
		return nil
	}
	defer f.Close()
	br := bufio.NewReaderSize(f, 64<<10)
	for ; n > 1; n-- {
		if skipLine(br) != nil {
			return nil
		}
	}
	line, err := br.ReadSlice('\n')
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		return nil
	}
	return bytes.Clone(bytes.TrimSuffix(line, []byte{'\n'}))
}
