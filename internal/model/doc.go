package model

// The examples' compliant bodies are written from the catalog
// (CompliantBody, HCL) between their BodyBegin and BodyEnd lines, so a new
// required control is one catalog entry plus go generate; the test
// TestExamplesCompliantBodiesCurrent fails when a region is stale.
//go:generate go run ./cmd/genexamples -dir ../../examples
