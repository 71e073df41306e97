package dataset

import (
	"fmt"
	"testing"

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
			[]string{csvFile + ":1: the text is not valid UTF-8 (and on 2 more lines) " +
				"(it looks like Big5: add encoding: big5 to files[0] in dataset.yaml)"}},
		{"gbk read as utf-8", "id,name\n1,ok\n" + encode(t, simplifiedchinese.GBK, "2,中西区\n"), "",
			"[[1 ok] [2 �]]",
			[]string{csvFile + ":3: the text is not valid UTF-8 " +
				"(it looks like GBK/GB18030: add encoding: gb18030 to files[0] in dataset.yaml)"}},
		{"latin-1 read as utf-8", "id,name\n1,caf\xe9\n", "", "[[1 caf�]]",
			[]string{csvFile + ":2: the text is not valid UTF-8 " +
				"(set encoding: for files[0] in dataset.yaml (utf-8, big5, big5-hkscs, gbk, gb18030 or utf-16))"}},
		{"bytes that are not big5", "id,name\n1,\x81\x30\n", "big5", "[[1 �0]]",
			[]string{csvFile + ":2: warning: 1 line has bytes that are not valid big5: they are shown as � " +
				"(check encoding: in dataset.yaml)"}},
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
