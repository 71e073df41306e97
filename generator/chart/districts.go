package chart

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// districts lists the 18 districts of Hong Kong and the 16 districts of Shanghai, each with its spellings in
// English, Traditional and Simplified Chinese. A map chart matches data labels to boundary features through it,
// after normalisation (normName), so "KWUN TONG", "Kwun Tong District", "觀塘區" and "观塘" all find a feature named
// 觀塘. The first spelling is the English name.
var districts = [][]string{
	// Hong Kong
	{"Central and Western", "中西區", "中西区", "Central & Western", "Central"},
	{"Wan Chai", "灣仔", "湾仔", "Wanchai"},
	{"Eastern", "東區", "东区", "East"},
	{"Southern", "南區", "南区", "South"},
	{"Yau Tsim Mong", "油尖旺"},
	{"Sham Shui Po", "深水埗"},
	{"Kowloon City", "九龍城", "九龙城"},
	{"Wong Tai Sin", "黃大仙", "黄大仙"},
	{"Kwun Tong", "觀塘", "观塘"},
	{"Kwai Tsing", "葵青"},
	{"Tsuen Wan", "荃灣", "荃湾"},
	{"Tuen Mun", "屯門", "屯门"},
	{"Yuen Long", "元朗"},
	{"North", "北區", "北区", "Northern"},
	{"Tai Po", "大埔"},
	{"Sha Tin", "沙田"},
	{"Sai Kung", "西貢", "西贡"},
	{"Islands", "離島", "离岛", "Island"},
	// Shanghai
	{"Huangpu", "黄浦区", "黃浦區"},
	{"Xuhui", "徐汇区", "徐匯區"},
	{"Changning", "长宁区", "長寧區"},
	{"Jing'an", "静安区", "靜安區", "Jingan"},
	{"Putuo", "普陀区", "普陀區"},
	{"Hongkou", "虹口区", "虹口區"},
	{"Yangpu", "杨浦区", "楊浦區"},
	{"Minhang", "闵行区", "閔行區"},
	{"Baoshan", "宝山区", "寶山區"},
	{"Jiading", "嘉定区", "嘉定區"},
	{"Pudong", "浦东新区", "浦東新區", "Pudong New Area", "Pudong New District", "浦东", "浦東"},
	{"Jinshan", "金山区", "金山區"},
	{"Songjiang", "松江区", "松江區"},
	{"Qingpu", "青浦区", "青浦區"},
	{"Fengxian", "奉贤区", "奉賢區"},
	{"Chongming", "崇明区", "崇明區"},
}

// normName folds the ways a district's name is written into one key: compatibility forms (full-width letters),
// case, "&" for "and", punctuation and spaces, and the suffixes District, 區 and 区.
func normName(s string) string {
	s = strings.ToLower(norm.NFKC.String(s))
	s = strings.ReplaceAll(s, "&", " and ")
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		} else {
			b.WriteByte(' ')
		}
	}
	words := strings.Fields(b.String())
	if n := len(words); n > 1 && words[n-1] == "district" {
		words = words[:n-1]
	}
	out := strings.Join(words, "")
	for _, suffix := range []string{"區", "区"} {
		if t := strings.TrimSuffix(out, suffix); t != "" {
			out = t
		}
	}
	return out
}

// districtIndex maps the normalised spellings of every built-in district to its row in districts.
var districtIndex = func() map[string]int {
	m := map[string]int{}
	for i, names := range districts {
		for _, n := range names {
			m[normName(n)] = i
		}
	}
	return m
}()
