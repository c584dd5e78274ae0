package dict

import (
	"fmt"
	"strings"
)

// Error is one problem in a dictionary file, at a line (Line is 0 for a problem with the whole
// file).
type Error struct {
	File string
	Line int
	Msg  string
}

func (e Error) Error() string {
	if e.Line == 0 {
		return e.File + ": " + e.Msg
	}
	return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
}

// ErrorList is every problem found while loading dictionaries, in file and line order.
type ErrorList []Error

func (l ErrorList) Error() string {
	switch len(l) {
	case 0:
		return "no errors"
	case 1:
		return l[0].Error()
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%d dictionary errors:", len(l))
	for i, e := range l {
		if i == 10 {
			fmt.Fprintf(&b, "\n\t... and %d more", len(l)-10)
			break
		}
		b.WriteString("\n\t")
		b.WriteString(e.Error())
	}
	return b.String()
}

// Err returns the list as an error, or nil when it is empty.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}

// errs collects the errors of one file.
type errs struct {
	file string
	list ErrorList
}

func (e *errs) add(line int, format string, a ...any) {
	e.list = append(e.list, Error{File: e.file, Line: line, Msg: fmt.Sprintf(format, a...)})
}
