package dataset

import (
	"fmt"
	"io"
)

// Scan reads the file again from the start and calls fn once per data row with the row's values, typed as
// t.Columns says, in t.Columns order. The slice is reused between calls. Rows skipped by Open are skipped again
// (without new diagnostics). fn returning an error stops the scan and Scan returns that error.
func (t *Table) Scan(fn func(row []Value) error) error {
	p := t.plan
	if p == nil || len(t.Columns) == 0 {
		return nil // Open found no table to read
	}
	f, _, err := openFile(p.root, p.rel)
	if err != nil {
		return err
	}
	defer f.Close()
	src, _, err := p.openSource(&countingReader{r: f}, false)
	if err != nil {
		if asDataError(err) != nil {
			return nil // reported by Open
		}
		return fmt.Errorf("cannot read %s: %w", p.rel, err)
	}
	defer src.close()
	row := make([]Value, len(t.Columns))
	for {
		fields, _, problem, err := src.next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			if asDataError(err) != nil {
				return nil // reported by Open, which stopped at the same place
			}
			return fmt.Errorf("cannot read %s: %w", p.rel, err)
		}
		if msg, _, skip := p.rowProblem(src, fields, problem); skip || msg != "" {
			continue
		}
		for i, c := range p.out {
			s := ""
			if c < len(fields) {
				s = fields[c]
			}
			v, ok := t.Columns[i].parser.read(s)
			if !ok {
				v = Value{Missing: true} // only if the file changed since Open
			}
			row[i] = v
		}
		if err := fn(row); err != nil {
			return err
		}
	}
}
