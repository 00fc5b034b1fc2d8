package parser

import (
	"errors"
	"reflect"

	"mvdan.cc/sh/v3/syntax"
)

// mvdan.cc/sh numbers lines and offsets from the start of what one Parser
// read. When gosh parses a piece of a longer input on its own (a command
// re-read after a rewrite, the rest of a file after a repaired syntax
// error, eval's text at the eval's line), the positions are moved to where
// the piece lies in the whole input, so that $LINENO and error messages
// count from the start of the file.

var posType = reflect.TypeFor[syntax.Pos]()

// shiftNode moves every position in the tree under node down by.lines
// lines and by.offs bytes.
func shiftNode(node syntax.Node, by textPos) {
	if by.line == 0 && by.offs == 0 {
		return
	}
	visitFields(reflect.ValueOf(node), map[uintptr]bool{}, func(v reflect.Value) {
		if v.Type() == posType {
			if p := v.Interface().(syntax.Pos); p.IsValid() {
				v.Set(reflect.ValueOf(shiftPos(p, by)))
			}
		}
	})
}

// visitFields calls fn with every settable position (syntax.Pos) and
// string reachable through the exported fields of v, each once: it is how
// the whole of a tree is edited without a case per node type.
func visitFields(v reflect.Value, seen map[uintptr]bool, fn func(reflect.Value)) {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() || seen[v.Pointer()] {
			return
		}
		seen[v.Pointer()] = true
		visitFields(v.Elem(), seen, fn)
	case reflect.Interface:
		if !v.IsNil() {
			visitFields(v.Elem(), seen, fn)
		}
	case reflect.Slice:
		for i := range v.Len() {
			visitFields(v.Index(i), seen, fn)
		}
	case reflect.String:
		if v.CanSet() {
			fn(v)
		}
	case reflect.Struct:
		if v.Type() == posType {
			if v.CanSet() {
				fn(v)
			}
			return
		}
		t := v.Type()
		for i := range v.NumField() {
			if t.Field(i).IsExported() {
				visitFields(v.Field(i), seen, fn)
			}
		}
	}
}

func shiftPos(p syntax.Pos, by textPos) syntax.Pos {
	return syntax.NewPos(p.Offset()+uint(by.offs), p.Line()+uint(by.line), p.Col())
}

// shiftError moves a syntax error's position as shiftNode moves a tree's.
func shiftError(err error, by textPos) error {
	var pe syntax.ParseError
	if by.line == 0 && by.offs == 0 || !errors.As(err, &pe) {
		return err
	}
	pe.Pos = shiftPos(pe.Pos, by)
	return pe
}
