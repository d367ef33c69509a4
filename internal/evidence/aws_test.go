package evidence

// Cases for data/aws.json, in the AWS provider's shapes (nested blocks are
// lists of objects; unset attributes are null or absent).
func init() {
	casesByCloud["aws"] = []mappingCase{
		{Type: "aws_ebs_volume", Name: "unencrypted", Obj: map[string]any{"encrypted": false, "size": 10.0},
			Want: map[string]string{"aws_ebs_volume.not_encrypted": "violated"},
			Attr: map[string]string{"aws_ebs_volume.not_encrypted": "encrypted"}},
		{Type: "aws_ebs_volume", Name: "unset falls back to unencrypted", Obj: map[string]any{"encrypted": nil},
			Want: map[string]string{"aws_ebs_volume.not_encrypted": "violated"}},
		{Type: "aws_ebs_volume", Name: "encrypted", Obj: map[string]any{"encrypted": true}},
		{Type: "aws_ebs_volume", Name: "unknown defers", Obj: map[string]any{"encrypted": Unknown},
			Want: map[string]string{"aws_ebs_volume.not_encrypted": "deferred"}},
		{Type: "aws_ebs_volume", Name: "no customer key for confidential data under strict",
			Obj: map[string]any{"encrypted": true, "kms_key_id": nil}, Baseline: "strict", Classification: "confidential",
			Want: map[string]string{"aws_ebs_volume.no_customer_managed_key": "violated"}},
		{Type: "aws_ebs_volume", Name: "customer key", Obj: map[string]any{"encrypted": true, "kms_key_id": "arn:aws:kms:eu-west-1:111122223333:key/k"},
			Baseline: "strict", Classification: "confidential"},

		{Type: "aws_db_instance", Name: "defaults", Obj: map[string]any{"storage_encrypted": nil, "backup_retention_period": 0.0, "publicly_accessible": nil},
			Want: map[string]string{"aws_db_instance.storage_not_encrypted": "violated", "aws_db_instance.backups_disabled": "violated",
				"aws_db_instance.backup_retention_short": "violated"}},
		{Type: "aws_db_instance", Name: "public", Obj: map[string]any{"storage_encrypted": true, "backup_retention_period": 7.0, "publicly_accessible": true},
			Want: map[string]string{"aws_db_instance.publicly_accessible": "violated"},
			Attr: map[string]string{"aws_db_instance.publicly_accessible": "publicly_accessible"}},
		{Type: "aws_db_instance", Name: "compliant", Obj: map[string]any{"storage_encrypted": true, "backup_retention_period": 7.0, "publicly_accessible": false, "password": "hunter2hunter2"}},
		{Type: "aws_db_instance", Name: "unknown computed attributes never matter", Obj: map[string]any{"storage_encrypted": true, "backup_retention_period": 7.0, "id": Unknown, "arn": Unknown}},

		{Type: "aws_security_group", Name: "ssh from anywhere", Obj: map[string]any{"ingress": []any{
			map[string]any{"from_port": 443.0, "to_port": 443.0, "protocol": "tcp", "cidr_blocks": []any{"0.0.0.0/0"}},
			map[string]any{"from_port": 22.0, "to_port": 22.0, "protocol": "tcp", "cidr_blocks": []any{"0.0.0.0/0"}},
		}}, Want: map[string]string{"aws_security_group.world_open_admin_port": "violated"},
			Attr: map[string]string{"aws_security_group.world_open_admin_port": "ingress[1]"}},
		{Type: "aws_security_group", Name: "https only", Obj: map[string]any{"ingress": []any{
			map[string]any{"from_port": 443.0, "to_port": 443.0, "protocol": "tcp", "cidr_blocks": []any{"0.0.0.0/0"}},
		}}},

		{Type: "aws_kms_key", Name: "rotation unset", Obj: map[string]any{"enable_key_rotation": nil},
			Want: map[string]string{"aws_kms_key.rotation_disabled": "violated"}},
		{Type: "aws_kms_key", Name: "rotation on", Obj: map[string]any{"enable_key_rotation": true, "rotation_period_in_days": nil}},
		{Type: "aws_kms_key", Name: "rotation too slow", Obj: map[string]any{"enable_key_rotation": true, "rotation_period_in_days": 730.0},
			Want: map[string]string{"aws_kms_key.rotation_disabled": "violated"}},
	}
}
