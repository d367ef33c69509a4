// Package evidence derives control values from the planned values of real
// resources (an aws_db_instance, an azurerm_storage_account, a
// google_compute_firewall), so a workload's verdict rests on what the plan
// will build rather than on what its author declares.
//
// The mapping from resource type to attribute to control is data: one JSON
// table per cloud under data/, read by one engine and validated on load
// against the control catalog. Code exists only where a value needs logic
// (the readers: TLS policy names to versions, durations to days, firewall
// rules and policy documents handed to the detectors).
//
// The package knows nothing of Terraform. A resource arrives as a generic
// tree (nil, bool, float64, string, []any, map[string]any) in which a value
// not known until apply is the Unknown sentinel.
package evidence

//go:generate go run ./cmd/gencoverage -o ../../templates/guides/evidence-coverage.md.tmpl
