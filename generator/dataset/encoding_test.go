package dataset

import (
	"fmt"
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/hkshopendata/showcase/generator/schema"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	"golang.org/x/text/encoding/unicode"
)

func encode(t *testing.T, e encoding.Encoding, s string) string {
	t.Helper()
	b, err := e.NewEncoder().String(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestEncodings(t *testing.T) {
	const text = "地區,人口\n中西區,243266\n灣仔,180123\n"
	const simplified = "地区,人口\n中西区,243266\n湾仔,180123\n"
	utf16 := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM)
	utf16be := unicode.UTF16(unicode.BigEndian, unicode.UseBOM)
	tests := []struct {
		name     string
		bytes    string
		encoding string
		want     string
		diags    []string
	}{
		{"utf-8", text, "", "[[中西區 243266] [灣仔 180123]]", nil},
		{"utf-8 with a BOM", "\ufeff" + text, "", "[[中西區 243266] [灣仔 180123]]", nil},
		{"big5", encode(t, traditionalchinese.Big5, text), "big5", "[[中西區 243266] [灣仔 180123]]", nil},
		{"big5-hkscs", encode(t, traditionalchinese.Big5, "地區,字\n深水埗,㗎\n"), "big5-hkscs", "[[深水埗 㗎]]", nil},
		{"gbk", encode(t, simplifiedchinese.GBK, simplified), "gbk", "[[中西区 243266] [湾仔 180123]]", nil},
		{"gb18030", encode(t, simplifiedchinese.GB18030, simplified), "gb18030", "[[中西区 243266] [湾仔 180123]]", nil},
		{"utf-16 with a BOM", encode(t, utf16, text), "utf-16", "[[中西區 243266] [灣仔 180123]]", nil},
		{"a UTF-16 BOM wins over the declared encoding", encode(t, utf16be, text), "",
			"[[中西區 243266] [灣仔 180123]]", nil},
		{"a UTF-8 BOM wins over the declared encoding", "\ufeff" + text, "big5", "[[中西區 243266] [灣仔 180123]]",
			nil},
		{"big5 read as utf-8", encode(t, traditionalchinese.Big5, text), "", "[[� 243266] [�W�J 180123]]",
			[]string{csvFile + ":1:1: the text is not valid UTF-8 (and on 2 more lines) " +
				"(the file looks like Big5: set encoding: big5 for files[0] in dataset.yaml)"}},
		{"gbk read as utf-8", "id,name\n1,ok\n" + encode(t, simplifiedchinese.GBK, "2,中西区\n"), "",
			"[[1 ok] [2 �]]",
			[]string{csvFile + ":3:3: the text is not valid UTF-8 " +
				"(the file looks like GB18030: set encoding: gb18030 for files[0] in dataset.yaml)"}},
		{"latin-1 read as utf-8", "id,name\n1,caf\xe9\n", "", "[[1 caf�]]",
			[]string{csvFile + ":2:6: the text is not valid UTF-8 " +
				"(set encoding: for files[0] in dataset.yaml (big5, big5-hkscs, gbk, gb18030 or utf-16))"}},
		{"bytes that are not big5", "id,name\n1,\x81\x30\n", "big5", "[[1 �0]]",
			[]string{csvFile + ":2:3: the text is not valid Big5 (check encoding: for files[0] in dataset.yaml " +
				"(utf-8, big5, big5-hkscs, gbk, gb18030 or utf-16); the bytes it cannot read are shown as �)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tbl, diags := openOne(t, tt.bytes, schema.DataFile{Path: "data.csv", Encoding: tt.encoding})
			checkDiags(t, diags, tt.diags)
			if got := fmt.Sprint(scanAll(t, tbl)); got != tt.want {
				t.Errorf("rows %s; want %s", got, tt.want)
			}
		})
	}
}

func TestGuessEncoding(t *testing.T) {
	tests := []struct {
		text string
		e    encoding.Encoding
		want string
	}{
		{"香港天文台每日總雨量", traditionalchinese.Big5, "big5"},
		{"出入境旅客數字", traditionalchinese.Big5, "big5"},
		{"上海市公共交通卡", simplifiedchinese.GBK, "gb18030"},
		{"黄浦区徐汇区长宁区", simplifiedchinese.GB18030, "gb18030"},
		{"中文", simplifiedchinese.GBK, "gb18030"}, // valid in both: GB for lack of a Big5 sign
	}
	for _, tt := range tests {
		b, _ := tt.e.NewEncoder().Bytes([]byte(tt.text))
		if got := guessEncoding(b); got != tt.want {
			t.Errorf("guessEncoding(%s) = %q; want %q", tt.text, got, tt.want)
		}
	}
	if got := guessEncoding([]byte("caf\xe9")); got != "" {
		t.Errorf("latin-1: %q", got)
	}
}

// TestEncodingMismatch covers every pairing of the bytes and the declared encoding that the check reports, with
// the position of the first bad character (its column in characters) and the encoding the hint names.
func TestEncodingMismatch(t *testing.T) {
	big5 := encode(t, traditionalchinese.Big5, "地區,人口\n中西區,243266\n")
	gbk := encode(t, simplifiedchinese.GBK, "地区,人口\n上海市公共交通卡,1\n")
	const utf8Text = "地區,人口\n中西區,243266\n灣仔,180123\n"
	tests := []struct {
		name, file, bytes, encoding string
		want                        []string
	}{
		{"utf-8 declared big5", "data.csv", utf8Text, "big5", []string{csvFile + ":1:1: the text is UTF-8, not Big5 " +
			"(remove encoding: big5 from files[0] in dataset.yaml)"}},
		{"utf-8 declared gbk reads without an error, but is UTF-8", "data.csv", utf8Text, "gbk", []string{csvFile +
			":1:1: the text is UTF-8, not GBK (remove encoding: gbk from files[0] in dataset.yaml)"}},
		{"a little utf-8 declared big5", "data.csv", "id,name\n1,地區\n", "big5", []string{csvFile + ":2:3: " +
			"the text is not valid Big5 (the file looks like UTF-8: remove encoding: big5 from files[0] in dataset.yaml)"}},
		{"a little utf-8 declared gbk", "data.csv", "id,name\n1,地區\n", "gbk", nil}, // reads as GBK: cannot tell
		{"gbk declared big5", "data.csv", gbk, "big5", []string{csvFile + ":1:4: the text is not valid Big5 " +
			"(the file looks like GB18030: set encoding: gb18030 for files[0] in dataset.yaml)"}},
		{"big5 declared utf-8, after text", "data.csv", "id,name\n1,ok\n2,OK " + encode(t, traditionalchinese.Big5,
			"灣仔") + "\n3," + encode(t, traditionalchinese.Big5, "灣仔") + "\n", "", []string{csvFile + ":3:6: the text " +
			"is not valid UTF-8 (and on 1 more line) (the file looks like Big5: set encoding: big5 for files[0] in " +
			"dataset.yaml)"}},
		{"json", "data.json", "[\n {\"name\": \"ok\"},\n {\"name\": \"" + encode(t, simplifiedchinese.GBK, "上海市公共交通卡") +
			"\"}\n]\n", "", []string{"content/datasets/x/data.json:3:12: the text is not valid UTF-8 (the file looks " +
			"like GB18030: set encoding: gb18030 for files[0] in dataset.yaml)"}},
		{"json declared big5", "data.json", "[{\"name\": \"中西區\"}]", "big5", []string{"content/datasets/x/data.json:" +
			"1:15: the text is not valid Big5 (the file looks like UTF-8: remove encoding: big5 from files[0] in " +
			"dataset.yaml)"}},
		{"valid utf-8 with U+FFFD written in it", "data.csv", "id,name\n1,\uFFFD\n", "", nil},
		{"big5 as declared", "data.csv", big5, "big5", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, diags := openOne(t, tt.bytes, schema.DataFile{Path: schema.Path(tt.file), Encoding: tt.encoding})
			checkDiags(t, diags, tt.want)
		})
	}
	t.Run("in a title line above the header", func(t *testing.T) {
		_, diags := openOne(t, encode(t, traditionalchinese.Big5, "香港天文台每日總雨量")+"\n"+utf8Text,
			schema.DataFile{Path: "data.csv", HeaderRow: 2})
		checkDiags(t, diags, []string{csvFile + ":1:1: the text is not valid UTF-8 (the file looks like Big5: " +
			"set encoding: big5 for files[0] in dataset.yaml)"})
	})
}

// TestTextWatchReads checks that where a read ends does not change what the watch finds: a character cut between
// two reads is put together again.
func TestTextWatchReads(t *testing.T) {
	text := "a,b\n地區,\xff\xfe\n\xe5\x9c\n中\xe5\x9c\xb0x\n" + strings.Repeat("地", 9) + "\n"
	want := func(w *textWatch) string {
		return fmt.Sprintf("bad %d first %d:%d lines %d wide %d at %d:%d sample %q", w.bad, w.firstLine, w.first,
			w.line, w.wide, w.wideLine, w.wideCol, w.sample)
	}
	whole := newTextWatch(strings.NewReader(text), "utf-8")
	if _, err := io.ReadAll(whole); err != nil {
		t.Fatal(err)
	}
	const expect = `bad 2 first 2:4 lines 6 wide 8 at 2:1 sample "\xff\xfe"`
	if got := want(whole); got != expect {
		t.Errorf("whole: %s\nwant   %s", got, expect)
	}
	bytewise := newTextWatch(iotest.OneByteReader(strings.NewReader(text)), "utf-8")
	if _, err := io.ReadAll(bytewise); err != nil {
		t.Fatal(err)
	}
	if got := want(bytewise); got != expect {
		t.Errorf("one byte at a time: %s\nwant                %s", got, expect)
	}
}
