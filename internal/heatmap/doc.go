// Package heatmap draws the responsibility matrix as an SVG picture for the
// documentation: security domains as rows grouped by layer ("of the cloud",
// "in the cloud"), service models as columns, and each cell coloured and
// labelled by its owner.
//
// The output depends only on the matrix, so the committed picture can be
// compared byte for byte with a fresh rendering.
package heatmap

//go:generate go run ./cmd/genmatrix -o ../../docs/images/matrix.svg
//go:generate go run ./cmd/genmatrix -matrix microsoft_2026 -o ../../docs/images/matrix-microsoft_2026.svg
//go:generate go run ./cmd/genmatrix -matrix microsoft_classic -o ../../docs/images/matrix-microsoft_classic.svg
//go:generate go run ./cmd/genmatrix -matrix aws -o ../../docs/images/matrix-aws.svg
//go:generate go run ./cmd/genmatrix -matrix google -o ../../docs/images/matrix-google.svg
