package dataset

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// csvSource reads CSV and TSV rows with encoding/csv, keeping each row's physical line.
type csvSource struct {
	cr       *csv.Reader
	lim      *csvLimiter
	offset   int // lines skipped above the text encoding/csv reads
	names    []string
	line     int    // the header's line
	encoding string // the text's encoding: invalid bytes in "utf-8" text are replaced (textWatch reports them)
}

// newCSVSource skips the lines above the header (headerRow counts from 1) and reads the header. A problem that
// leaves no table is returned as a *dataError.
func newCSVSource(text io.Reader, delim byte, headerRow int, encoding string) (*csvSource, error) {
	br := bufio.NewReaderSize(text, 64<<10)
	for skipped := 1; skipped < headerRow; skipped++ {
		if err := skipLine(br); err != nil {
			if err == io.EOF {
				return nil, &dataError{field: "header_row", msg: fmt.Sprintf(
					"header_row is %d but the file has only %d lines", headerRow, skipped-1)}
			}
			return nil, err
		}
	}
	s := &csvSource{offset: headerRow - 1, encoding: encoding}
	s.lim = newCSVLimiter(br, delim, headerRow)
	s.cr = csv.NewReader(s.lim)
	s.cr.Comma = rune(delim)
	s.cr.FieldsPerRecord = -1
	s.cr.LazyQuotes = true
	s.cr.ReuseRecord = true
	for {
		rec, err := s.cr.Read()
		if err == io.EOF {
			if headerRow > 1 {
				return nil, &dataError{field: "header_row", msg: fmt.Sprintf(
					"no header: the file has no text from line %d (header_row) on", headerRow)}
			}
			return nil, &dataError{msg: "the file is empty: expected a header line with the column names"}
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return nil, &dataError{line: pe.StartLine + s.offset, msg: "cannot read the header: " + pe.Err.Error()}
		}
		if err != nil {
			return nil, lineError(err, 0)
		}
		s.line, _ = s.cr.FieldPos(0)
		s.line += s.offset
		s.checkText(rec, s.line)
		s.names = make([]string, len(rec))
		for i, f := range rec {
			s.names[i] = strings.Clone(f)
		}
		return s, nil
	}
}

// skipLine reads past the next newline without keeping the line.
func skipLine(br *bufio.Reader) error {
	for {
		_, err := br.ReadSlice('\n')
		if err != bufio.ErrBufferFull {
			if err == io.EOF {
				return io.EOF
			}
			return err
		}
	}
}

func (s *csvSource) header() []string  { return s.names }
func (s *csvSource) headerLine() int   { return s.line }
func (s *csvSource) strictCount() bool { return true }
func (s *csvSource) close()            {}

func (s *csvSource) next() (fields []string, line int, problem string, err error) {
	rec, err := s.cr.Read()
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return nil, pe.StartLine + s.offset, "cannot read the row: " + pe.Err.Error(), nil
		}
		if err == io.EOF {
			return nil, 0, "", io.EOF
		}
		return nil, 0, "", lineError(err, 0)
	}
	line, _ = s.cr.FieldPos(0)
	line += s.offset
	rec = s.checkText(rec, line)
	return rec, line, "", nil
}

// fieldPos is the line and column (in bytes, from 1) where field i of the last row starts.
func (s *csvSource) fieldPos(i int) (int, int) {
	line, col := s.cr.FieldPos(i)
	return line + s.offset, col
}

// checkText replaces the bytes of a UTF-8 file that are not valid UTF-8 with U+FFFD, as the decoders of the other
// encodings do. (textWatch reports where they are.)
func (s *csvSource) checkText(rec []string, line int) []string {
	if !s.lim.nonASCII || s.encoding != "utf-8" {
		return rec // nothing read so far (read-ahead included) can be invalid, or the decoder replaced it
	}
	for i, f := range rec {
		if !utf8.ValidString(f) {
			rec[i] = strings.ToValidUTF8(f, "\uFFFD")
		}
	}
	return rec
}

// lineError turns a limitError into a dataError at its line; other errors pass.
func lineError(err error, offset int) error {
	var le *limitError
	if errors.As(err, &le) {
		return &dataError{line: le.line + offset, msg: le.msg}
	}
	return err
}
