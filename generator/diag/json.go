package diag

// Record is a diagnostic as JSON tools and the preview's page script read it.
type Record struct {
	File     string `json:"file"`
	Line     int    `json:"line,omitempty"`
	Col      int    `json:"col,omitempty"`
	Severity string `json:"severity"` // "error" or "warning"
	Field    string `json:"field,omitempty"`
	Message  string `json:"message"`
	Hint     string `json:"hint,omitempty"`
}

// Record returns d in its JSON form.
func (d Diagnostic) Record() Record {
	return Record{File: d.Pos.File, Line: d.Pos.Line, Col: d.Pos.Col, Severity: d.Severity.String(), Field: d.Field,
		Message: d.Msg, Hint: d.Hint}
}
