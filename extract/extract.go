// Package extract turns a Chinese news page into a *kg.Graph: zones,
// enterprises, institutions, people and projects, and the relations between
// them, each with its evidence. It is pure: no I/O, no store.
package extract

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"unicode/utf8"

	"github.com/zonegraph/zonegraph/kg"
)

// InputError says why a page file cannot be read as a page.
type InputError struct {
	File   string
	Reason string
}

func (e *InputError) Error() string { return e.File + ": " + e.Reason }

// Result is what one page yields.
type Result struct {
	Document kg.Document
	Graph    *kg.Graph
	Articles int
}

// Page extracts the graph of one page file. name is the file's base name
// (it seeds article IDs); content is its raw bytes. Invalid input (empty,
// not UTF-8, binary) is an *InputError.
func Page(name string, content []byte) (*Result, error) {
	if len(content) == 0 {
		return nil, &InputError{name, "empty file"}
	}
	if !utf8.Valid(content) {
		return nil, &InputError{name, "not valid UTF-8"}
	}
	sum := sha256.Sum256(content)
	doc := kg.Document{ID: kg.DocumentID(name), Name: name, SHA256: hex.EncodeToString(sum[:]), Runes: utf8.RuneCount(content)}
	_ = fmt.Sprint
	return &Result{Document: doc, Graph: &kg.Graph{}}, nil
}
