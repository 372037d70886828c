// Package ingest loads page files into a store: it reads every *.txt page
// under a directory (or one file), extracts each with extract.Page and
// upserts each page in its own call. A bad file is reported in the Summary
// and the rest are still loaded. Both the loader and the server use it.
package ingest

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/zonegraph/zonegraph/extract"
	"github.com/zonegraph/zonegraph/kg"
	"github.com/zonegraph/zonegraph/store"
)

// Problem says why one file was not loaded.
type Problem struct {
	File   string `json:"file"`
	Reason string `json:"reason"`
}

// Summary says what loading a directory did.
type Summary struct {
	Files           int                `json:"files"`    // page files found
	Loaded          int                `json:"loaded"`   // pages written (new or changed)
	Skipped         int                `json:"skipped"`  // pages unchanged since the last load
	Articles        int                `json:"articles"` // articles read from loaded pages
	NodesByLabel    map[kg.Label]int   `json:"nodesByLabel"`
	RelationsByType map[kg.RelType]int `json:"relationsByType"`
	Problems        []Problem          `json:"problems"`
}

// Files lists the page files at path: path itself if it is a file, else
// every *.txt under it (recursively), sorted by path.
func Files(path string) ([]string, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !info.IsDir() {
		return []string{path}, nil
	}
	var files []string
	err = filepath.WalkDir(path, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(d.Name(), ".txt") {
			files = append(files, p)
		}
		return nil
	})
	sort.Strings(files)
	return files, err
}

// Dir loads every page file at path into st. Problems with single files
// (unreadable, invalid input, rejected by the store) are collected in the
// Summary without stopping; the returned error is only for a path that
// cannot be listed, a cancelled context, or an unavailable store.
func Dir(ctx context.Context, st store.Store, path string) (Summary, error) {
	sum := Summary{NodesByLabel: map[kg.Label]int{}, RelationsByType: map[kg.RelType]int{}}
	files, err := Files(path)
	if err != nil {
		return sum, fmt.Errorf("ingest %s: %w", path, err)
	}
	sum.Files = len(files)
	for _, f := range files {
		if err := ctx.Err(); err != nil {
			return sum, err
		}
		if err := loadFile(ctx, st, f, &sum); err != nil {
			if errors.Is(err, store.ErrUnavailable) || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
				return sum, fmt.Errorf("ingest %s: %w", f, err)
			}
			sum.Problems = append(sum.Problems, Problem{File: f, Reason: reason(err)})
		}
	}
	return sum, nil
}

func loadFile(ctx context.Context, st store.Store, file string, sum *Summary) error {
	content, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	res, err := extract.Page(filepath.Base(file), content)
	if err != nil {
		return err
	}
	up, err := st.Upsert(ctx, res.Document, res.Graph)
	if err != nil {
		return err
	}
	if up.Skipped {
		sum.Skipped++
		return nil
	}
	sum.Loaded++
	sum.Articles += res.Articles
	for _, n := range res.Graph.Nodes {
		sum.NodesByLabel[n.Label]++
	}
	for _, r := range res.Graph.Relations {
		sum.RelationsByType[r.Type]++
	}
	return nil
}

func reason(err error) string {
	var ie *extract.InputError
	if errors.As(err, &ie) {
		return ie.Reason
	}
	return err.Error()
}
