// Package extract turns a Chinese news page into a *kg.Graph: zones,
// enterprises, institutions, people and projects, and the relations between
// them, each with its evidence. It is pure: no I/O, no store.
//
// Evidence invariant: Quote is the reflowed sentence (OCR line breaks and
// spaces around digits removed); Start and End are rune offsets into the
// original file such that the original text in [Start, End) equals Quote
// once all whitespace is removed from both.
package extract

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"unicode"
	"unicode/utf8"

	"github.com/zonegraph/zonegraph/kg"
)

// MaxPageBytes is the largest page file Page accepts. A newspaper page is
// 10-50 KB; 4 MiB leaves room for a whole issue in one file while keeping
// extraction of the largest accepted file under ~600 MB of memory.
const MaxPageBytes = 4 << 20

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
// not UTF-8, binary, too large) is an *InputError.
func Page(name string, content []byte) (*Result, error) {
	// the page's runes, lines and paragraphs live in pooled scratch
	// (nothing of them is in the result: its strings are copies)
	sc := scratchPages.Get().(*pageScratch)
	text, err := decode(name, content, sc)
	if err != nil {
		sc.release()
		return nil, err
	}
	Warm()
	sum := sha256.Sum256(content)
	doc := kg.Document{ID: kg.DocumentID(name), Name: name, SHA256: hex.EncodeToString(sum[:]), Runes: len(text)}
	arts := layoutArticlesIn(text, sc)
	g := buildGraphIn(name, text, arts, sc) // releases sc
	return &Result{Document: doc, Graph: g, Articles: len(arts)}, nil
}

// decode returns the runes of a valid page ([]rune(string(b)), checked in
// the same pass), in sc (allocated when sc is nil).
func decode(name string, b []byte, sc *pageScratch) ([]rune, error) {
	bad := func(format string, a ...any) ([]rune, error) {
		return nil, &InputError{name, fmt.Sprintf(format, a...)}
	}
	if len(b) == 0 {
		return bad("empty file")
	}
	if len(b) > MaxPageBytes {
		return bad("file too large: %d bytes (limit %d)", len(b), MaxPageBytes)
	}
	onlySpace := true
	starts := 0 // the bytes that start a rune: utf8.RuneCount(b) for valid UTF-8 (the rest is rejected)
	for _, c := range b {
		if c&0xC0 != 0x80 {
			starts++
		}
	}
	text := sc.runes(starts)[:0]
	for i := 0; i < len(b); {
		var r rune
		var size int
		// ASCII, and the three-byte runes whose lead byte admits every
		// continuation byte (E1-EC: Han, CJK punctuation), decoded inline;
		// the rest as utf8.DecodeRune does
		switch c0 := b[i]; {
		case c0 < utf8.RuneSelf:
			r, size = rune(c0), 1
		case c0 >= 0xE1 && c0 <= 0xEC && i+2 < len(b) && b[i+1]&0xC0 == 0x80 && b[i+2]&0xC0 == 0x80:
			r, size = rune(c0&0x0F)<<12|rune(b[i+1]&0x3F)<<6|rune(b[i+2]&0x3F), 3
		default:
			r, size = utf8.DecodeRune(b[i:])
		}
		if r == utf8.RuneError && size <= 1 {
			if !utf8.FullRune(b[i:]) {
				return bad("truncated UTF-8 sequence at end of file (byte offset %d)", i)
			}
			return bad("not valid UTF-8 at byte offset %d", i)
		}
		if r == 0 {
			return bad("binary content: NUL byte at byte offset %d", i)
		}
		if unicode.IsControl(r) && r != '\n' && r != '\r' && r != '\t' && r != '\f' {
			return bad("binary content: control character %U at byte offset %d", r, i)
		}
		if onlySpace && !unicode.IsSpace(r) && r != '\uFEFF' {
			onlySpace = false
		}
		text = append(text, r)
		i += size
	}
	if onlySpace {
		return bad("empty file (whitespace only)")
	}
	return text, nil
}
