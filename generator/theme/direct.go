package theme

import (
	"reflect"

	template "github.com/hkshopendata/showcase/generator/internal/template/htmltemplate"
	texttemplate "github.com/hkshopendata/showcase/generator/internal/template/texttemplate"
	"github.com/hkshopendata/showcase/generator/model"
	"github.com/hkshopendata/showcase/generator/schema"
)

// The template functions of the types below, called on every page (cards, partials, texts), are called directly,
// not through reflection (internal/template's Direct).
func init() {
	texttemplate.Direct(func(f func(*model.Entry, int) (template.HTML, error), args []reflect.Value) (reflect.Value, error) {
		h, err := f(args[0].Interface().(*model.Entry), int(args[1].Int()))
		return reflect.ValueOf(h), err
	})
	texttemplate.Direct(func(f func(string, any, ...any) (template.HTML, error), args []reflect.Value) (reflect.Value, error) {
		h, err := f(args[0].String(), args[1].Interface(), texttemplate.Anys(args[2:])...)
		return reflect.ValueOf(h), err
	})
	texttemplate.Direct(func(f func(schema.Text) string, args []reflect.Value) (reflect.Value, error) {
		return reflect.ValueOf(f(args[0].Interface().(schema.Text))), nil
	})
}
