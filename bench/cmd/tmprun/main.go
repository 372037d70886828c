package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

func main() {
	ctx := context.Background()
	d, err := neo4j.NewDriverWithContext("bolt://127.0.0.1:7690", neo4j.BasicAuth("neo4j", "zonegraph-dev", ""))
	if err != nil {
		panic(err)
	}
	b, _ := os.ReadFile(os.Args[1])
	params := map[string]any{}
	if len(os.Args) > 2 {
		json.Unmarshal([]byte(os.Args[2]), &params)
		for k, v := range params {
			if f, ok := v.(float64); ok {
				params[k] = int64(f)
			}
		}
	}
	s := d.NewSession(ctx, neo4j.SessionConfig{})
	t0 := time.Now()
	res, err := s.Run(ctx, string(b), params)
	if err != nil {
		fmt.Println("ERR", err)
		return
	}
	n := 0
	for res.Next(ctx) {
		if n < 100000 {
			x, _ := json.Marshal(res.Record().AsMap())
			fmt.Println(string(x))
		}
		n++
	}
	if err := res.Err(); err != nil {
		fmt.Println("ERR", err)
	}
	fmt.Printf("%d records in %v\n", n, time.Since(t0))
}
