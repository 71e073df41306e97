package schema

import (
	"fmt"
	"reflect"
)

// EachText calls fn with the field path ("title", "files[0].columns[2].unit", as in Positions) of every Text in
// v (a pointer to, or a value of, one of this package's document types) that was given, in field order.
func EachText(v any, fn func(path string, t Text)) {
	rv := reflect.ValueOf(v)
	if rv.Kind() == reflect.Pointer {
		rv = rv.Elem()
	}
	eachText(rv, "", fn)
}

func eachText(v reflect.Value, path string, fn func(string, Text)) {
	if v.Type() == textType {
		if t := v.Interface().(Text); len(t) > 0 {
			fn(path, t)
		}
		return
	}
	if v.Type() == dateType {
		return
	}
	switch v.Kind() {
	case reflect.Struct:
		t := v.Type()
		for i := range t.NumField() {
			eachText(v.Field(i), join(path, t.Field(i).Tag.Get("yaml")), fn)
		}
	case reflect.Slice:
		for i := range v.Len() {
			eachText(v.Index(i), fmt.Sprintf("%s[%d]", path, i), fn)
		}
	}
}
