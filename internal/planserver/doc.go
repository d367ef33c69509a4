// Package planserver serves a framework resource's ValidateResourceConfig
// and PlanResourceChange below terraform-plugin-framework, and hands every
// other call, and every resource it cannot serve exactly, to the
// framework's own server.
//
// # What it replaces
//
// For a resource it takes on, it replaces the framework's request handling
// for those two calls: the conversion of the request into framework types,
// the generic per-attribute walks (TransformDefaults,
// MarkComputedNilsAsUnknown, SchemaModifyPlan, the schema validation walk)
// and terraform-plugin-go's msgpack decoding, which parses the type of every
// dynamic value as JSON on every call. It decodes the request (msgpack.go),
// runs the checks the schema declares and the resource's own validation
// hook, or prepares the plan the framework would hand ModifyPlan and calls
// the resource's plan hook, and encodes the answer, copying the attributes a
// plan may not change from the request and planning top-level write-only
// attributes null, as the framework does; a set write-only attribute from a
// client that does not declare support for them fails validation with the
// framework's error.
//
// # Why
//
// Terraform calls ValidateResourceConfig twice and PlanResourceChange once
// for every instance on every plan. For srm_workload at N = 1,000 the
// framework's path costs five to seven times the provider CPU of this one
// (3.8 against 0.7 ms per workload, 8.0 against 1.2 with evidence), more
// CPU in all than the hand-written preconditions srm_workload replaces,
// and more wall time than a framework resource with no plan logic
// (BENCHMARKS.md, "Fast path or framework").
//
// # How it stays equal to the framework
//
// It fails closed. New inspects the resource as the framework would serve
// it (its schema, the interfaces it implements, its metadata, the
// provider's) and serves it only when every feature in use is one this
// package implements (Inspect lists what is checked); anything else sends
// the resource back to the framework, with a log line giving the reasons.
// Per request, a prior private state or provider meta value also goes to
// the framework. What it does serve is held to the framework's answers by a
// differential test over random configurations and prior states of the
// real schema (internal/provider's server tests) and by this package's
// decoder tests and fuzz targets against terraform-plugin-go.
package planserver
