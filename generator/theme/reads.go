package theme

import (
	"strings"
	"text/template/parse"
)

// Reads reports whether a layout or partial names a field (or method) called name anywhere: .Site.Updated,
// $site.Updated, (…).Updated. It is a conservative answer to "can a page show it?" (a template reaches a struct's
// fields by name only), which fingerprints use to leave out of every page what no layout shows.
func (t *Theme) Reads(name string) bool {
	if v, ok := t.reads.Load(name); ok {
		return v.(bool)
	}
	v := t.named(name)
	t.reads.Store(name, v)
	return v
}

func (t *Theme) named(name string) bool {
	for _, byKind := range t.layouts {
		for _, set := range byKind {
			for _, tmpl := range set.Templates() {
				if tmpl.Tree != nil && names(tmpl.Tree.Root, name) {
					return true
				}
			}
		}
	}
	return false
}

// names reports whether the parse tree under n names the field name.
func names(n parse.Node, name string) bool {
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return false
		}
		for _, c := range n.Nodes {
			if names(c, name) {
				return true
			}
		}
	case *parse.ActionNode:
		return names(n.Pipe, name)
	case *parse.PipeNode:
		if n == nil {
			return false
		}
		for _, c := range n.Cmds {
			if names(c, name) {
				return true
			}
		}
	case *parse.CommandNode:
		for _, a := range n.Args {
			if names(a, name) {
				return true
			}
		}
	case *parse.FieldNode:
		return hasIdent(n.Ident, name)
	case *parse.ChainNode:
		return hasIdent(n.Field, name) || names(n.Node, name)
	case *parse.VariableNode:
		return hasIdent(n.Ident[1:], name)
	case *parse.IfNode:
		return names(&n.BranchNode, name)
	case *parse.RangeNode:
		return names(&n.BranchNode, name)
	case *parse.WithNode:
		return names(&n.BranchNode, name)
	case *parse.BranchNode:
		return names(n.Pipe, name) || names(n.List, name) || (n.ElseList != nil && names(n.ElseList, name))
	case *parse.TemplateNode:
		return names(n.Pipe, name)
	case *parse.StringNode: // a field name in a string: call, index, printf "%v" .Site, a template's own lookup
		return strings.Contains(n.Text, name)
	}
	return false
}

func hasIdent(idents []string, name string) bool {
	for _, id := range idents {
		if id == name {
			return true
		}
	}
	return false
}
