package dataset

// readAhead reads a CSV source's rows on a goroutine of its own, a batch at a time, so that splitting the text
// into fields (encoding/csv, a third of the time a large file takes) and profiling or parsing the values run on
// two cores. Rows, lines, problems and the error that ends reading come out exactly as the source gives them.
//
// The goroutine starts at the first next, so that fieldPos before it is the header's; close stops it and waits
// for it, so that the file is not read after close returns.
type readAhead struct {
	*csvSource
	full    chan *rowBatch // batches read, in order; closed after the batch with the ending error
	free    chan *rowBatch // batches the reader is done with, to fill again
	done    chan struct{}  // closed by close: stop reading
	cur     *rowBatch
	i       int       // the next row of cur
	pos     []fieldAt // where the fields of the row last returned start
	rowLine int       // and where the row does
	err     error     // the error that ended reading, once returned
	started bool
}

// batchRows is how many rows go in a batch: enough to make passing them cheap, few enough to keep two cores busy
// on a file of a few thousand rows.
const batchRows = 256

// rowBatch holds rows read ahead. Fields and positions of all rows are in one slice each, row after row.
type rowBatch struct {
	rows   []aheadRow
	fields []string
	pos    []fieldAt
}

type aheadRow struct {
	end     int // the row's fields are fields[start:end], start being the previous row's end
	line    int
	problem string
	err     error
}

type fieldAt struct{ line, col int }

func newReadAhead(s *csvSource) *readAhead {
	return &readAhead{csvSource: s, full: make(chan *rowBatch, 4), free: make(chan *rowBatch, 6),
		done: make(chan struct{})}
}

// read fills batches until the source ends or close asks it to stop.
func (a *readAhead) read() {
	defer close(a.full)
	b := &rowBatch{}
	for {
		fields, line, problem, err := a.csvSource.next()
		b.fields = append(b.fields, fields...)
		for i := range fields {
			l, c := a.csvSource.fieldPos(i)
			b.pos = append(b.pos, fieldAt{l, c})
		}
		b.rows = append(b.rows, aheadRow{end: len(b.fields), line: line, problem: problem, err: err})
		if err == nil && len(b.rows) < batchRows {
			continue
		}
		select {
		case a.full <- b:
		case <-a.done:
			return
		}
		if err != nil {
			return
		}
		select {
		case b = <-a.free:
			b.rows, b.fields, b.pos = b.rows[:0], b.fields[:0], b.pos[:0]
		default:
			b = &rowBatch{}
		}
	}
}

func (a *readAhead) next() (fields []string, line int, problem string, err error) {
	if a.err != nil {
		return nil, 0, "", a.err
	}
	if !a.started {
		a.started = true
		go a.read()
	}
	if a.cur == nil || a.i == len(a.cur.rows) {
		if a.cur != nil {
			select {
			case a.free <- a.cur: // the fields returned before are not used after this call
			default:
			}
		}
		a.cur, a.i = <-a.full, 0 // never closed before the batch with the ending error was received
	}
	r := a.cur.rows[a.i]
	start := 0
	if a.i > 0 {
		start = a.cur.rows[a.i-1].end
	}
	a.i++
	if r.err != nil {
		a.err = r.err
		return nil, 0, "", r.err
	}
	a.pos, a.rowLine = a.cur.pos[start:r.end], r.line
	return a.cur.fields[start:r.end:r.end], r.line, r.problem, nil
}

// fieldPos is where field i of the last row starts; before the first row, of the header.
func (a *readAhead) fieldPos(i int) (int, int) {
	if !a.started {
		return a.csvSource.fieldPos(i)
	}
	if i >= 0 && i < len(a.pos) {
		return a.pos[i].line, a.pos[i].col
	}
	return a.rowLine, 0
}

// close stops the reading goroutine and waits until it has stopped.
func (a *readAhead) close() {
	if a.started {
		close(a.done)
		for range a.full { // the goroutine closes full when it returns
		}
		a.started = false
	}
	a.csvSource.close()
}
