package markdown

import (
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// taskBox renders a task list's checkbox with an accessible name: the text of its task. goldmark's own renderer
// writes a bare <input>, which screen readers announce as an unlabelled checkbox (axe: "label", critical).
type taskBox struct{}

// taskPriority is below goldmark's (500): goldmark registers renderers from the highest number down, so the
// lowest number is registered last and wins.
const taskPriority = 100

func (taskBox) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(east.KindTaskCheckBox, renderTaskBox)
}

func renderTaskBox(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString(`<input type="checkbox" disabled=""`)
	if n.(*east.TaskCheckBox).IsChecked {
		_, _ = w.WriteString(` checked=""`)
	}
	if p := n.Parent(); p != nil {
		_, _ = w.WriteString(` aria-label="`)
		_, _ = w.Write(util.EscapeHTML([]byte(plainText(p, src))))
		_ = w.WriteByte('"')
	}
	_, _ = w.WriteString(" /> ")
	return ast.WalkContinue, nil
}
