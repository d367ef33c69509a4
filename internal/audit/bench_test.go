package audit

import (
	"fmt"
	"os"
	"strconv"
	"testing"

	"github.com/shared-responsibility/terraform-provider-srm/internal/model"
	"github.com/shared-responsibility/terraform-provider-srm/internal/policy"
)

// syntheticPlan writes a plan of n mapped resource instances spread over
// 100 modules (half of them nested), each type's values mixing violations,
// values unknown at plan and sensitive attributes.
func syntheticPlan(tb testing.TB, n int) []byte {
	tb.Helper()
	u := policy.UnknownValue
	kinds := []struct {
		typ       string
		values    func(i int) map[string]any
		sensitive map[string]any
	}{
		{"aws_db_instance", func(i int) map[string]any {
			return map[string]any{"identifier": fmt.Sprintf("db-%d", i), "storage_encrypted": i%2 == 0, "publicly_accessible": false,
				"backup_retention_period": float64(i % 10), "auto_minor_version_upgrade": true, "enabled_cloudwatch_logs_exports": []any{"postgresql"},
				"password": "correct-horse-battery-staple", "arn": u, "id": u, "tags": map[string]any{"team": "orders"}}
		}, map[string]any{"password": true}},
		{"aws_s3_bucket_versioning", func(i int) map[string]any {
			status := any("Enabled")
			if i%3 == 0 {
				status = u
			}
			return map[string]any{"bucket": fmt.Sprintf("b-%d", i), "versioning_configuration": []any{map[string]any{"status": status, "mfa_delete": u}}, "id": u}
		}, nil},
		{"google_compute_firewall", func(i int) map[string]any {
			return map[string]any{"name": "fw", "network": "default", "direction": "INGRESS", "disabled": false,
				"source_ranges": []any{"0.0.0.0/0"}, "source_tags": nil, "destination_ranges": u,
				"allow": []any{map[string]any{"protocol": "tcp", "ports": []any{fmt.Sprint(22 + i%2*421)}}}, "deny": []any{},
				"log_config": []any{map[string]any{"metadata": "INCLUDE_ALL_METADATA"}}, "id": u}
		}, nil},
		{"azurerm_storage_account", func(i int) map[string]any {
			return map[string]any{"name": "sa", "https_traffic_only_enabled": i%4 != 0, "min_tls_version": "TLS1_2",
				"allow_nested_items_to_be_public": false, "public_network_access_enabled": true, "network_rules": u,
				"blob_properties":    []any{map[string]any{"versioning_enabled": true, "delete_retention_policy": []any{map[string]any{"days": 30.0}}}},
				"primary_access_key": u, "customer_managed_key": []any{}}
		}, map[string]any{"primary_access_key": true}},
		{"aws_kms_key", func(i int) map[string]any {
			return map[string]any{"description": "k", "enable_key_rotation": i%5 != 0, "arn": u, "id": u}
		}, nil},
	}
	instances := make([]Instance, 0, n)
	for i := range n {
		k := kinds[i%len(kinds)]
		mod := fmt.Sprintf("module.m%d", i%100)
		if i%2 == 1 {
			mod += fmt.Sprintf(".module.n%d", i%7)
		}
		instances = append(instances, Instance{
			Address: fmt.Sprintf("%s.%s.r[%d]", mod, k.typ, i), Module: mod, Type: k.typ,
			Values: k.values(i), Sensitive: k.sensitive,
		})
	}
	plan, err := PlanJSON("1.8.5", instances)
	if err != nil {
		tb.Fatal(err)
	}
	return plan
}

// BenchmarkAudit is the whole srm audit path on a synthetic plan: decode,
// judge every instance, render the JSON report. Time and memory per
// operation should grow linearly from 10,000 to 50,000 instances.
func BenchmarkAudit(b *testing.B) {
	for _, n := range []int{10000, 50000} {
		plan := syntheticPlan(b, n)
		b.Run(fmt.Sprintf("instances=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(plan)))
			opt := defaultOptions()
			for b.Loop() {
				in, err := Decode(plan)
				if err != nil {
					b.Fatal(err)
				}
				res := Run(in, opt)
				if res.Summary.Judged != n {
					b.Fatalf("judged %d of %d", res.Summary.Judged, n)
				}
				if _, err := Render(model.Default(), res, FormatJSON, RenderOptions{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// The synthetic plan judges as designed: every instance judged, with
// violations, deferred findings, and no sensitive value in the report.
// With SRM_SYNTHETIC_PLAN=FILE it also writes a plan of
// SRM_SYNTHETIC_INSTANCES (10,000 by default) instances to FILE, to
// measure bin/srm's time and peak memory on it.
func TestSyntheticPlan(t *testing.T) {
	plan := syntheticPlan(t, 1000)
	in, err := Decode(plan)
	if err != nil {
		t.Fatal(err)
	}
	res := Run(in, defaultOptions())
	if res.Summary.Judged != 1000 || res.Summary.Violated == 0 || res.Summary.Deferred == 0 {
		t.Errorf("%+v", res.Summary)
	}
	if path := os.Getenv("SRM_SYNTHETIC_PLAN"); path != "" {
		n, err := strconv.Atoi(os.Getenv("SRM_SYNTHETIC_INSTANCES"))
		if err != nil || n <= 0 {
			n = 10000
		}
		if err := os.WriteFile(path, syntheticPlan(t, n), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
