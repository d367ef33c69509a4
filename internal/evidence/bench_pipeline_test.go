package evidence_test

import (
	"testing"

	"github.com/shared-responsibility/terraform-provider-srm/internal/evidence"
	"github.com/shared-responsibility/terraform-provider-srm/internal/model"
	"github.com/shared-responsibility/terraform-provider-srm/internal/pipeline"
)

// BenchmarkStartupTables is what the provider does before its first answer
// that needs evidence: load and validate every evidence table against the
// catalog (the schema digests load later, per provider, on first use).
func BenchmarkStartupTables(b *testing.B) {
	m := model.Default()
	for b.Loop() {
		if _, err := evidence.New(m); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkResourceFindingsSample is one resource_findings call, through
// the pipeline, on a planned aws_instance holding a value in every
// attribute a user can set (about a hundred), the shape check included.
func BenchmarkResourceFindingsSample(b *testing.B) {
	engine, err := evidence.New(model.Default())
	if err != nil {
		b.Fatal(err)
	}
	obj := evidence.SampleObject("aws_instance")
	cfg := pipeline.Config{Evidence: engine}
	if _, err := pipeline.Resource(cfg, "aws_instance", "aws_instance", obj); err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(len(obj)), "attributes")
	for b.Loop() {
		if _, err := pipeline.Resource(cfg, "aws_instance", "aws_instance", obj); err != nil {
			b.Fatal(err)
		}
	}
}
