//go:build !unix

package main

// cpuSeconds is not measured here: benchExtraction falls back to wall time.
func cpuSeconds() float64 { return 0 }
