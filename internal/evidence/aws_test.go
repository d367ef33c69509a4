package evidence

import (
	"math"
	"strings"
	"testing"

	"github.com/shared-responsibility/terraform-provider-srm/internal/policy"
)

// Cases for data/aws.json, in the AWS provider's shapes (nested blocks are
// lists of objects; unset attributes are null or absent; Unknown stands for
// a value not known until apply).

type awsObj = map[string]any
type awsList = []any

const (
	awsPublicReadPolicy   = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}`
	awsPublicWritePolicy  = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":["s3:PutObject","s3:DeleteObject"],"Resource":"arn:aws:s3:::b/*"}]}`
	awsVpceOnlyPolicy     = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*","Condition":{"StringEquals":{"aws:SourceVpce":"vpce-1a2b3c4d"}}}]}`
	awsAccountPolicy      = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/reader"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}`
	awsAdminPolicy        = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`
	awsScopedPolicy       = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject"],"Resource":"arn:aws:s3:::b/*"}]}`
	awsPublicTrustPolicy  = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole"}]}`
	awsServiceTrustPolicy = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}`
	awsKeyARN             = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
)

func awsSSE(algorithm string, key any) awsObj {
	return awsObj{"bucket": "b", "expected_bucket_owner": nil, "rule": awsList{awsObj{
		"apply_server_side_encryption_by_default": awsList{awsObj{"sse_algorithm": algorithm, "kms_master_key_id": key}},
		"bucket_key_enabled":                      nil,
	}}}
}

func awsPublicAccessBlock(acls, policy, ignore, restrict any) awsObj {
	return awsObj{"bucket": "b", "id": Unknown, "block_public_acls": acls, "block_public_policy": policy,
		"ignore_public_acls": ignore, "restrict_public_buckets": restrict}
}

func awsVersioning(status, mfaDelete any) awsObj {
	return awsObj{"bucket": "b", "id": Unknown, "versioning_configuration": awsList{awsObj{"status": status, "mfa_delete": mfaDelete}}}
}

// awsDB is a compliant aws_db_instance; set overrides attributes.
func awsDB(set awsObj) awsObj {
	o := awsObj{"engine": "postgres", "storage_encrypted": true, "publicly_accessible": false, "backup_retention_period": 7.0,
		"auto_minor_version_upgrade": true, "enabled_cloudwatch_logs_exports": awsList{"postgresql"},
		"password": "hunter2hunter2", "id": Unknown, "arn": Unknown, "kms_key_id": Unknown}
	for k, v := range set {
		o[k] = v
	}
	return o
}

func awsCluster(set awsObj) awsObj {
	o := awsObj{"engine": "aurora-postgresql", "engine_mode": "provisioned", "storage_encrypted": true, "backup_retention_period": 7.0,
		"enabled_cloudwatch_logs_exports": awsList{"postgresql"}, "master_password": "hunter2hunter2", "arn": Unknown}
	for k, v := range set {
		o[k] = v
	}
	return o
}

func awsInstance(set awsObj) awsObj {
	o := awsObj{"ami": "ami-0abcdef1234567890", "instance_type": "t3.micro", "associate_public_ip_address": false,
		"root_block_device": awsList{awsObj{"encrypted": true, "kms_key_id": Unknown, "volume_size": 20.0}},
		"ebs_block_device":  awsList{}, "id": Unknown, "public_ip": Unknown}
	for k, v := range set {
		o[k] = v
	}
	return o
}

func awsIngressRule(set awsObj) awsObj {
	o := awsObj{"security_group_id": "sg-0123456789abcdef0", "cidr_ipv4": nil, "cidr_ipv6": nil, "from_port": 22.0, "to_port": 22.0,
		"ip_protocol": "tcp", "prefix_list_id": nil, "referenced_security_group_id": nil, "description": nil,
		"arn": Unknown, "id": Unknown, "security_group_rule_id": Unknown, "tags_all": Unknown}
	for k, v := range set {
		o[k] = v
	}
	return o
}

func awsSGRule(set awsObj) awsObj {
	o := awsObj{"type": "ingress", "security_group_id": Unknown, "from_port": 3389.0, "to_port": 3389.0, "protocol": "tcp",
		"cidr_blocks": nil, "ipv6_cidr_blocks": nil, "prefix_list_ids": nil, "source_security_group_id": nil, "self": nil, "id": Unknown}
	for k, v := range set {
		o[k] = v
	}
	return o
}

func awsCache(set awsObj) awsObj {
	o := awsObj{"replication_group_id": "cache", "description": "cache", "engine": "redis", "at_rest_encryption_enabled": "true",
		"transit_encryption_enabled": true, "transit_encryption_mode": "required", "snapshot_retention_limit": 7.0,
		"auto_minor_version_upgrade": "true", "kms_key_id": nil, "auth_token": "a-long-auth-token-value", "arn": Unknown}
	for k, v := range set {
		o[k] = v
	}
	return o
}

func awsListener(protocol any, policy any, action awsObj) awsObj {
	return awsObj{"load_balancer_arn": "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/1",
		"port": 443.0, "protocol": protocol, "ssl_policy": policy, "default_action": awsList{action}, "arn": Unknown, "id": Unknown}
}

var (
	awsForward  = awsObj{"type": "forward", "target_group_arn": "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/web/1", "redirect": awsList{}}
	awsRedirect = awsObj{"type": "redirect", "redirect": awsList{awsObj{"protocol": "HTTPS", "port": "443", "status_code": "HTTP_301"}}}
)

func awsEKS(public, cidrs, logs any) awsObj {
	return awsObj{"name": "k", "role_arn": "arn:aws:iam::111122223333:role/eks", "enabled_cluster_log_types": logs,
		"vpc_config": awsList{awsObj{"subnet_ids": awsList{"subnet-1", "subnet-2"}, "endpoint_private_access": true,
			"endpoint_public_access": public, "public_access_cidrs": cidrs}},
		"encryption_config": awsList{}, "endpoint": Unknown, "certificate_authority": Unknown}
}

func awsBackupRule(deleteAfter any, copies awsList) awsObj {
	return awsObj{"rule_name": "daily", "target_vault_name": "vault", "schedule": "cron(0 5 * * ? *)",
		"lifecycle": awsList{awsObj{"cold_storage_after": nil, "delete_after": deleteAfter}}, "copy_action": copies}
}

func init() {
	strict := func(c mappingCase) mappingCase {
		c.Baseline, c.Classification = "strict", "confidential"
		return c
	}
	casesByCloud["aws"] = []mappingCase{
		// aws_s3_bucket: the in-line acl and policy arguments.
		{Type: "aws_s3_bucket", Name: "public-read canned ACL", Obj: awsObj{"bucket": "b", "acl": "public-read", "policy": nil, "arn": Unknown},
			Want: map[string]string{"aws_s3_bucket.public_acl": "violated"}, Attr: map[string]string{"aws_s3_bucket.public_acl": "acl"}},
		{Type: "aws_s3_bucket", Name: "private ACL", Obj: awsObj{"bucket": "b", "acl": "private", "policy": nil}},
		{Type: "aws_s3_bucket", Name: "unset ACL says nothing", Obj: awsObj{"bucket": "b", "acl": nil, "policy": nil}},
		{Type: "aws_s3_bucket", Name: "public read in the in-line policy", Obj: awsObj{"bucket": "b", "acl": nil, "policy": awsPublicReadPolicy},
			Want: map[string]string{"aws_s3_bucket.public_read": "violated"}, Attr: map[string]string{"aws_s3_bucket.public_read": "policy"}},
		{Type: "aws_s3_bucket", Name: "policy for a named account", Obj: awsObj{"bucket": "b", "acl": nil, "policy": awsAccountPolicy}},
		{Type: "aws_s3_bucket", Name: "computed policy unknown at plan defers", Obj: awsObj{"bucket": "b", "acl": nil, "policy": Unknown},
			Want: map[string]string{"aws_s3_bucket.public_policy": "deferred"}},

		// aws_s3_bucket_server_side_encryption_configuration
		strict(mappingCase{Type: "aws_s3_bucket_server_side_encryption_configuration", Name: "SSE-S3 is not a customer key",
			Obj:  awsSSE("AES256", nil),
			Want: map[string]string{"aws_s3_bucket_server_side_encryption_configuration.no_customer_managed_key": "violated"},
			Attr: map[string]string{"aws_s3_bucket_server_side_encryption_configuration.no_customer_managed_key": "rule[0].apply_server_side_encryption_by_default[0].kms_master_key_id"}}),
		strict(mappingCase{Type: "aws_s3_bucket_server_side_encryption_configuration", Name: "aws:kms without a key uses aws/s3",
			Obj:  awsSSE("aws:kms", nil),
			Want: map[string]string{"aws_s3_bucket_server_side_encryption_configuration.no_customer_managed_key": "violated"}}),
		strict(mappingCase{Type: "aws_s3_bucket_server_side_encryption_configuration", Name: "a rule without a default block",
			Obj:  awsObj{"bucket": "b", "rule": awsList{awsObj{"bucket_key_enabled": true}}},
			Want: map[string]string{"aws_s3_bucket_server_side_encryption_configuration.no_customer_managed_key": "violated"},
			Attr: map[string]string{"aws_s3_bucket_server_side_encryption_configuration.no_customer_managed_key": "rule[0].apply_server_side_encryption_by_default[0].kms_master_key_id"}}),
		strict(mappingCase{Type: "aws_s3_bucket_server_side_encryption_configuration", Name: "customer-managed key",
			Obj: awsSSE("aws:kms", awsKeyARN)}),
		strict(mappingCase{Type: "aws_s3_bucket_server_side_encryption_configuration", Name: "key unknown at plan defers",
			Obj:  awsSSE("aws:kms", Unknown),
			Want: map[string]string{"aws_s3_bucket_server_side_encryption_configuration.no_customer_managed_key": "deferred"}}),
		{Type: "aws_s3_bucket_server_side_encryption_configuration", Name: "standard does not ask for a customer key", Obj: awsSSE("AES256", nil)},

		// aws_s3_bucket_public_access_block
		{Type: "aws_s3_bucket_public_access_block", Name: "all four blocks on", Obj: awsPublicAccessBlock(true, true, true, true)},
		{Type: "aws_s3_bucket_public_access_block", Name: "unset blocks fall back to off", Obj: awsPublicAccessBlock(nil, nil, nil, nil),
			Want: map[string]string{"aws_s3_bucket_public_access_block.block_public_acls_off": "violated",
				"aws_s3_bucket_public_access_block.block_public_policy_off": "violated", "aws_s3_bucket_public_access_block.ignore_public_acls_off": "violated",
				"aws_s3_bucket_public_access_block.restrict_public_buckets_off": "violated"}},
		{Type: "aws_s3_bucket_public_access_block", Name: "public policies allowed", Obj: awsPublicAccessBlock(true, false, true, false),
			Want: map[string]string{"aws_s3_bucket_public_access_block.block_public_policy_off": "violated",
				"aws_s3_bucket_public_access_block.restrict_public_buckets_off": "violated"},
			Attr: map[string]string{"aws_s3_bucket_public_access_block.block_public_policy_off": "block_public_policy"}},
		{Type: "aws_s3_bucket_public_access_block", Name: "a flag unknown at plan defers", Obj: awsPublicAccessBlock(true, Unknown, true, true),
			Want: map[string]string{"aws_s3_bucket_public_access_block.block_public_policy_off": "deferred"}},

		// aws_s3_bucket_versioning
		{Type: "aws_s3_bucket_versioning", Name: "enabled", Obj: awsVersioning("Enabled", nil)},
		{Type: "aws_s3_bucket_versioning", Name: "suspended", Obj: awsVersioning("Suspended", "Disabled"),
			Want: map[string]string{"aws_s3_bucket_versioning.versioning_not_enabled": "violated"},
			Attr: map[string]string{"aws_s3_bucket_versioning.versioning_not_enabled": "versioning_configuration[0].status"}},
		{Type: "aws_s3_bucket_versioning", Name: "disabled", Obj: awsVersioning("Disabled", nil),
			Want: map[string]string{"aws_s3_bucket_versioning.versioning_not_enabled": "violated"}},
		{Type: "aws_s3_bucket_versioning", Name: "status unknown defers", Obj: awsVersioning(Unknown, nil),
			Want: map[string]string{"aws_s3_bucket_versioning.versioning_not_enabled": "deferred"}},

		// aws_s3_bucket_policy
		{Type: "aws_s3_bucket_policy", Name: "public write", Obj: awsObj{"bucket": "b", "policy": awsPublicWritePolicy},
			Want: map[string]string{"aws_s3_bucket_policy.public_write": "violated"}, Attr: map[string]string{"aws_s3_bucket_policy.public_write": "policy"}},
		{Type: "aws_s3_bucket_policy", Name: "public principal restricted to a VPC endpoint", Obj: awsObj{"bucket": "b", "policy": awsVpceOnlyPolicy}},
		{Type: "aws_s3_bucket_policy", Name: "policy built from unknown ARNs defers", Obj: awsObj{"bucket": Unknown, "policy": Unknown},
			Want: map[string]string{"aws_s3_bucket_policy.public_policy": "deferred"}},

		// aws_db_instance
		{Type: "aws_db_instance", Name: "defaults", Obj: awsObj{"storage_encrypted": nil, "backup_retention_period": 0.0, "publicly_accessible": nil},
			Want: map[string]string{"aws_db_instance.storage_not_encrypted": "violated", "aws_db_instance.backups_disabled": "violated",
				"aws_db_instance.backup_retention_short": "violated"}},
		{Type: "aws_db_instance", Name: "unset retention falls back to 0", Obj: awsDB(awsObj{"backup_retention_period": nil}),
			Want: map[string]string{"aws_db_instance.backups_disabled": "violated", "aws_db_instance.backup_retention_short": "violated"},
			Attr: map[string]string{"aws_db_instance.backups_disabled": "backup_retention_period"}},
		{Type: "aws_db_instance", Name: "three days of backups", Obj: awsDB(awsObj{"backup_retention_period": 3.0}),
			Want: map[string]string{"aws_db_instance.backup_retention_short": "violated"}},
		{Type: "aws_db_instance", Name: "public", Obj: awsDB(awsObj{"publicly_accessible": true}),
			Want: map[string]string{"aws_db_instance.publicly_accessible": "violated"},
			Attr: map[string]string{"aws_db_instance.publicly_accessible": "publicly_accessible"}},
		{Type: "aws_db_instance", Name: "standard does not ask for exported logs", Obj: awsDB(awsObj{"enabled_cloudwatch_logs_exports": nil})},
		strict(mappingCase{Type: "aws_db_instance", Name: "no log exports", Obj: awsDB(awsObj{"backup_retention_period": 30.0, "enabled_cloudwatch_logs_exports": awsList{}}),
			Want: map[string]string{"aws_db_instance.logs_not_exported": "violated"},
			Attr: map[string]string{"aws_db_instance.logs_not_exported": "enabled_cloudwatch_logs_exports"}}),
		strict(mappingCase{Type: "aws_db_instance", Name: "logs exported", Obj: awsDB(awsObj{"backup_retention_period": 30.0})}),
		{Type: "aws_db_instance", Name: "compliant", Obj: awsDB(nil)},
		{Type: "aws_db_instance", Name: "encryption unknown at plan defers", Obj: awsDB(awsObj{"storage_encrypted": Unknown}),
			Want: map[string]string{"aws_db_instance.storage_not_encrypted": "deferred"}},
		{Type: "aws_db_instance", Name: "engine patching is the provider's under paas", Obj: awsDB(awsObj{"auto_minor_version_upgrade": false})},
		{Type: "aws_db_instance", Name: "minor upgrades off where the customer owns hardening", ServiceModel: "iaas",
			Obj:  awsDB(awsObj{"auto_minor_version_upgrade": false}),
			Want: map[string]string{"aws_db_instance.minor_upgrades_off": "violated"}},
		{Type: "aws_db_instance", Name: "unset minor upgrades fall back to on", ServiceModel: "iaas",
			Obj: awsDB(awsObj{"auto_minor_version_upgrade": nil})},

		// aws_rds_cluster
		{Type: "aws_rds_cluster", Name: "provisioned defaults",
			Obj:  awsObj{"engine_mode": nil, "storage_encrypted": nil, "backup_retention_period": nil, "enabled_cloudwatch_logs_exports": nil},
			Want: map[string]string{"aws_rds_cluster.storage_not_encrypted": "violated", "aws_rds_cluster.backup_retention_short": "violated"},
			Attr: map[string]string{"aws_rds_cluster.storage_not_encrypted": "storage_encrypted"}},
		{Type: "aws_rds_cluster", Name: "compliant", Obj: awsCluster(nil)},
		strict(mappingCase{Type: "aws_rds_cluster", Name: "no log exports", Obj: awsCluster(awsObj{"backup_retention_period": 30.0, "enabled_cloudwatch_logs_exports": nil}),
			Want: map[string]string{"aws_rds_cluster.logs_not_exported": "violated"}}),
		{Type: "aws_rds_cluster", Name: "serverless defaults to encrypted", Obj: awsCluster(awsObj{"engine_mode": "serverless", "storage_encrypted": nil})},
		{Type: "aws_rds_cluster", Name: "serverless explicitly unencrypted", Obj: awsCluster(awsObj{"engine_mode": "serverless", "storage_encrypted": false}),
			Want: map[string]string{"aws_rds_cluster.serverless_storage_not_encrypted": "violated"}},
		{Type: "aws_rds_cluster", Name: "engine mode unknown defers both encryption readings", Obj: awsCluster(awsObj{"engine_mode": Unknown}),
			Want: map[string]string{"aws_rds_cluster.storage_not_encrypted": "deferred", "aws_rds_cluster.serverless_storage_not_encrypted": "deferred"}},

		// aws_ebs_volume
		{Type: "aws_ebs_volume", Name: "unencrypted", Obj: awsObj{"encrypted": false, "size": 10.0},
			Want: map[string]string{"aws_ebs_volume.not_encrypted": "violated"},
			Attr: map[string]string{"aws_ebs_volume.not_encrypted": "encrypted"}},
		{Type: "aws_ebs_volume", Name: "unset says nothing (no documented default)", Obj: awsObj{"encrypted": nil}},
		{Type: "aws_ebs_volume", Name: "encrypted", Obj: awsObj{"encrypted": true, "kms_key_id": Unknown}},
		{Type: "aws_ebs_volume", Name: "unknown defers", Obj: awsObj{"encrypted": Unknown},
			Want: map[string]string{"aws_ebs_volume.not_encrypted": "deferred"}},

		// aws_instance
		{Type: "aws_instance", Name: "compliant", Obj: awsInstance(awsObj{"ebs_block_device": awsList{awsObj{"device_name": "/dev/sdf", "encrypted": true}}})},
		{Type: "aws_instance", Name: "unencrypted root volume", Obj: awsInstance(awsObj{"root_block_device": awsList{awsObj{"encrypted": false}}}),
			Want: map[string]string{"aws_instance.root_volume_not_encrypted": "violated"},
			Attr: map[string]string{"aws_instance.root_volume_not_encrypted": "root_block_device[0].encrypted"}},
		{Type: "aws_instance", Name: "no root block falls back to unencrypted", Obj: awsInstance(awsObj{"root_block_device": awsList{}}),
			Want: map[string]string{"aws_instance.root_volume_not_encrypted": "violated"},
			Attr: map[string]string{"aws_instance.root_volume_not_encrypted": "root_block_device[0].encrypted"}},
		{Type: "aws_instance", Name: "second EBS volume unencrypted", Obj: awsInstance(awsObj{"ebs_block_device": awsList{
			awsObj{"device_name": "/dev/sdf", "encrypted": true}, awsObj{"device_name": "/dev/sdg", "encrypted": nil}}}),
			Want: map[string]string{"aws_instance.ebs_volume_not_encrypted": "violated"},
			Attr: map[string]string{"aws_instance.ebs_volume_not_encrypted": "ebs_block_device[1].encrypted"}},
		{Type: "aws_instance", Name: "public IP", Obj: awsInstance(awsObj{"associate_public_ip_address": true}),
			Want: map[string]string{"aws_instance.public_ip": "violated"}, Attr: map[string]string{"aws_instance.public_ip": "associate_public_ip_address"}},
		{Type: "aws_instance", Name: "public IP left to the subnet says nothing", Obj: awsInstance(awsObj{"associate_public_ip_address": nil})},
		{Type: "aws_instance", Name: "root block unknown at plan defers", Obj: awsInstance(awsObj{"root_block_device": Unknown, "associate_public_ip_address": Unknown}),
			Want: map[string]string{"aws_instance.root_volume_not_encrypted": "deferred", "aws_instance.public_ip": "deferred"}},

		// aws_security_group
		{Type: "aws_security_group", Name: "ssh from anywhere", Obj: awsObj{"id": Unknown, "ingress": awsList{
			awsObj{"from_port": 443.0, "to_port": 443.0, "protocol": "tcp", "cidr_blocks": awsList{"0.0.0.0/0"}},
			awsObj{"from_port": 22.0, "to_port": 22.0, "protocol": "tcp", "cidr_blocks": awsList{"0.0.0.0/0"}},
		}}, Want: map[string]string{"aws_security_group.world_open_admin_port": "violated"},
			Attr: map[string]string{"aws_security_group.world_open_admin_port": "ingress[1]"}},
		{Type: "aws_security_group", Name: "postgres from any IPv6 address", Obj: awsObj{"ingress": awsList{
			awsObj{"from_port": 5432.0, "to_port": 5432.0, "protocol": "tcp", "cidr_blocks": awsList{}, "ipv6_cidr_blocks": awsList{"::/0"}},
		}}, Want: map[string]string{"aws_security_group.world_open_database_port": "violated"},
			Attr: map[string]string{"aws_security_group.world_open_database_port": "ingress[0]"}},
		{Type: "aws_security_group", Name: "https only", Obj: awsObj{"ingress": awsList{
			awsObj{"from_port": 443.0, "to_port": 443.0, "protocol": "tcp", "cidr_blocks": awsList{"0.0.0.0/0"}},
		}}},
		{Type: "aws_security_group", Name: "ingress unknown at plan defers", Obj: awsObj{"ingress": Unknown},
			Want: map[string]string{"aws_security_group.world_open_ingress": "deferred"}},

		// aws_vpc_security_group_ingress_rule: the whole resource is the rule.
		{Type: "aws_vpc_security_group_ingress_rule", Name: "ssh from anywhere, computed ids unknown", Obj: awsIngressRule(awsObj{"cidr_ipv4": "0.0.0.0/0"}),
			Want: map[string]string{"aws_vpc_security_group_ingress_rule.world_open_admin_port": "violated"}},
		{Type: "aws_vpc_security_group_ingress_rule", Name: "every protocol from any IPv6 address",
			Obj:  awsIngressRule(awsObj{"cidr_ipv6": "::/0", "ip_protocol": "-1", "from_port": nil, "to_port": nil}),
			Want: map[string]string{"aws_vpc_security_group_ingress_rule.world_open_all_ports": "violated"}},
		{Type: "aws_vpc_security_group_ingress_rule", Name: "https from anywhere", Obj: awsIngressRule(awsObj{"cidr_ipv4": "0.0.0.0/0", "from_port": 443.0, "to_port": 443.0})},
		{Type: "aws_vpc_security_group_ingress_rule", Name: "ssh from a private range", Obj: awsIngressRule(awsObj{"cidr_ipv4": "10.0.0.0/8"})},
		{Type: "aws_vpc_security_group_ingress_rule", Name: "an unknown group reference defers nothing",
			Obj: awsIngressRule(awsObj{"security_group_id": Unknown, "referenced_security_group_id": "sg-0fedcba9876543210"})},
		{Type: "aws_vpc_security_group_ingress_rule", Name: "source unknown at plan defers", Obj: awsIngressRule(awsObj{"cidr_ipv4": Unknown}),
			Want: map[string]string{"aws_vpc_security_group_ingress_rule.world_open_ingress": "deferred"},
			Attr: map[string]string{"aws_vpc_security_group_ingress_rule.world_open_ingress": "cidr_ipv4"}},

		// aws_security_group_rule
		{Type: "aws_security_group_rule", Name: "rdp from anywhere, group id unknown", Obj: awsSGRule(awsObj{"cidr_blocks": awsList{"0.0.0.0/0"}}),
			Want: map[string]string{"aws_security_group_rule.world_open_admin_port": "violated"}},
		{Type: "aws_security_group_rule", Name: "egress to anywhere admits nothing",
			Obj: awsSGRule(awsObj{"type": "egress", "protocol": "-1", "from_port": 0.0, "to_port": 0.0, "cidr_blocks": awsList{"0.0.0.0/0"}})},
		{Type: "aws_security_group_rule", Name: "rdp from another group", Obj: awsSGRule(awsObj{"source_security_group_id": "sg-0fedcba9876543210"})},
		{Type: "aws_security_group_rule", Name: "cidrs unknown at plan defer", Obj: awsSGRule(awsObj{"cidr_blocks": Unknown}),
			Want: map[string]string{"aws_security_group_rule.world_open_ingress": "deferred"},
			Attr: map[string]string{"aws_security_group_rule.world_open_ingress": "cidr_blocks"}},

		// aws_kms_key
		{Type: "aws_kms_key", Name: "rotation unset", Obj: awsObj{"enable_key_rotation": nil},
			Want: map[string]string{"aws_kms_key.rotation_disabled": "violated"}, Attr: map[string]string{"aws_kms_key.rotation_disabled": "enable_key_rotation"}},
		{Type: "aws_kms_key", Name: "rotation on", Obj: awsObj{"enable_key_rotation": true, "rotation_period_in_days": nil}},
		{Type: "aws_kms_key", Name: "rotation every 90 days", Obj: awsObj{"enable_key_rotation": true, "rotation_period_in_days": 90.0, "customer_master_key_spec": "SYMMETRIC_DEFAULT"}},
		{Type: "aws_kms_key", Name: "rotation too slow", Obj: awsObj{"enable_key_rotation": true, "rotation_period_in_days": 730.0},
			Want: map[string]string{"aws_kms_key.rotation_disabled": "violated"}},
		{Type: "aws_kms_key", Name: "asymmetric keys cannot rotate and are not judged", Obj: awsObj{"enable_key_rotation": false, "customer_master_key_spec": "RSA_3072"}},
		{Type: "aws_kms_key", Name: "rotation period unknown defers", Obj: awsObj{"enable_key_rotation": true, "rotation_period_in_days": Unknown},
			Want: map[string]string{"aws_kms_key.rotation_disabled": "deferred"}},
		{Type: "aws_kms_key", Name: "key spec unknown defers", Obj: awsObj{"enable_key_rotation": false, "customer_master_key_spec": Unknown},
			Want: map[string]string{"aws_kms_key.rotation_disabled": "deferred"}},

		// aws_iam_policy
		{Type: "aws_iam_policy", Name: "administrator policy", Obj: awsObj{"name": "admin", "policy": awsAdminPolicy, "arn": Unknown},
			Want: map[string]string{"aws_iam_policy.wildcard_action": "violated"}, Attr: map[string]string{"aws_iam_policy.wildcard_action": "policy"}},
		{Type: "aws_iam_policy", Name: "scoped policy", Obj: awsObj{"name": "reader", "policy": awsScopedPolicy}},
		{Type: "aws_iam_policy", Name: "document unknown at plan defers", Obj: awsObj{"name": "reader", "policy": Unknown},
			Want: map[string]string{"aws_iam_policy.policy_document": "deferred"}},

		// aws_iam_role
		{Type: "aws_iam_role", Name: "compliant", Obj: awsObj{"assume_role_policy": awsServiceTrustPolicy,
			"inline_policy":       awsList{awsObj{"name": "read", "policy": awsScopedPolicy}},
			"managed_policy_arns": awsList{"arn:aws:iam::aws:policy/ReadOnlyAccess"}, "arn": Unknown, "unique_id": Unknown}},
		{Type: "aws_iam_role", Name: "anyone may assume it", Obj: awsObj{"assume_role_policy": awsPublicTrustPolicy, "inline_policy": awsList{}, "managed_policy_arns": awsList{}},
			Want: map[string]string{"aws_iam_role.public_trust": "violated"}, Attr: map[string]string{"aws_iam_role.public_trust": "assume_role_policy"}},
		{Type: "aws_iam_role", Name: "administrator inline policy", Obj: awsObj{"assume_role_policy": awsServiceTrustPolicy,
			"inline_policy": awsList{awsObj{"name": "read", "policy": awsScopedPolicy}, awsObj{"name": "all", "policy": awsAdminPolicy}}},
			Want: map[string]string{"aws_iam_role.wildcard_action": "violated"}, Attr: map[string]string{"aws_iam_role.wildcard_action": "inline_policy[1].policy"}},
		{Type: "aws_iam_role", Name: "AdministratorAccess attached", Obj: awsObj{"assume_role_policy": awsServiceTrustPolicy,
			"managed_policy_arns": awsList{"arn:aws:iam::aws:policy/ReadOnlyAccess", "arn:aws:iam::aws:policy/AdministratorAccess"}},
			Want: map[string]string{"aws_iam_role.administrator_access": "violated"}, Attr: map[string]string{"aws_iam_role.administrator_access": "managed_policy_arns"}},
		{Type: "aws_iam_role", Name: "computed managed policies unknown at plan defer", Obj: awsObj{"assume_role_policy": awsServiceTrustPolicy,
			"inline_policy": awsList{}, "managed_policy_arns": Unknown},
			Want: map[string]string{"aws_iam_role.administrator_access": "deferred"}},

		// aws_cloudtrail
		{Type: "aws_cloudtrail", Name: "logging paused", Obj: awsObj{"name": "t", "s3_bucket_name": "logs", "enable_logging": false},
			Want: map[string]string{"aws_cloudtrail.logging_disabled": "violated"}, Attr: map[string]string{"aws_cloudtrail.logging_disabled": "enable_logging"}},
		{Type: "aws_cloudtrail", Name: "unset logging falls back to on", Obj: awsObj{"name": "t", "s3_bucket_name": "logs", "enable_logging": nil}},
		{Type: "aws_cloudtrail", Name: "logging on", Obj: awsObj{"name": "t", "s3_bucket_name": "logs", "enable_logging": true}},
		strict(mappingCase{Type: "aws_cloudtrail", Name: "log files without a customer key", Obj: awsObj{"name": "t", "enable_logging": true, "kms_key_id": nil},
			Want: map[string]string{"aws_cloudtrail.no_customer_managed_key": "violated"}}),
		strict(mappingCase{Type: "aws_cloudtrail", Name: "log files with a customer key", Obj: awsObj{"name": "t", "enable_logging": true, "kms_key_id": awsKeyARN}}),

		// aws_cloudwatch_log_group
		{Type: "aws_cloudwatch_log_group", Name: "a month of logs", Obj: awsObj{"name": "app", "retention_in_days": 30.0, "arn": Unknown},
			Want: map[string]string{"aws_cloudwatch_log_group.retention_short": "violated"}, Attr: map[string]string{"aws_cloudwatch_log_group.retention_short": "retention_in_days"}},
		{Type: "aws_cloudwatch_log_group", Name: "a year of logs", Obj: awsObj{"name": "app", "retention_in_days": 365.0}},
		{Type: "aws_cloudwatch_log_group", Name: "0 keeps logs forever", Obj: awsObj{"name": "app", "retention_in_days": 0.0}},
		{Type: "aws_cloudwatch_log_group", Name: "unset retention says nothing", Obj: awsObj{"name": "app", "retention_in_days": nil}},
		strict(mappingCase{Type: "aws_cloudwatch_log_group", Name: "no customer key", Obj: awsObj{"name": "app", "retention_in_days": 0.0, "kms_key_id": nil},
			Want: map[string]string{"aws_cloudwatch_log_group.no_customer_managed_key": "violated"}}),
		strict(mappingCase{Type: "aws_cloudwatch_log_group", Name: "customer key, a year kept", Obj: awsObj{"name": "app", "retention_in_days": 365.0, "kms_key_id": awsKeyARN}}),

		// aws_dynamodb_table
		{Type: "aws_dynamodb_table", Name: "no point-in-time recovery block", Obj: awsObj{"name": "t", "hash_key": "id", "point_in_time_recovery": awsList{}},
			Want: map[string]string{"aws_dynamodb_table.point_in_time_recovery_disabled": "violated"},
			Attr: map[string]string{"aws_dynamodb_table.point_in_time_recovery_disabled": "point_in_time_recovery[0].enabled"}},
		{Type: "aws_dynamodb_table", Name: "point-in-time recovery off", Obj: awsObj{"name": "t", "point_in_time_recovery": awsList{awsObj{"enabled": false}}},
			Want: map[string]string{"aws_dynamodb_table.point_in_time_recovery_disabled": "violated"}},
		{Type: "aws_dynamodb_table", Name: "point-in-time recovery on", Obj: awsObj{"name": "t", "point_in_time_recovery": awsList{awsObj{"enabled": true}}}},
		strict(mappingCase{Type: "aws_dynamodb_table", Name: "AWS managed key", Obj: awsObj{"name": "t",
			"point_in_time_recovery": awsList{awsObj{"enabled": true}}, "server_side_encryption": awsList{awsObj{"enabled": true, "kms_key_arn": nil}}},
			Want: map[string]string{"aws_dynamodb_table.no_customer_managed_key": "violated"},
			Attr: map[string]string{"aws_dynamodb_table.no_customer_managed_key": "server_side_encryption[0].kms_key_arn"}}),
		strict(mappingCase{Type: "aws_dynamodb_table", Name: "customer key", Obj: awsObj{"name": "t",
			"point_in_time_recovery": awsList{awsObj{"enabled": true}}, "server_side_encryption": awsList{awsObj{"enabled": true, "kms_key_arn": awsKeyARN}}}}),

		// aws_efs_file_system
		{Type: "aws_efs_file_system", Name: "unencrypted", Obj: awsObj{"creation_token": "fs", "encrypted": false},
			Want: map[string]string{"aws_efs_file_system.not_encrypted": "violated"}},
		{Type: "aws_efs_file_system", Name: "encrypted", Obj: awsObj{"creation_token": "fs", "encrypted": true, "kms_key_id": Unknown}},
		{Type: "aws_efs_file_system", Name: "unset says nothing (no documented default)", Obj: awsObj{"creation_token": "fs", "encrypted": nil}},

		// aws_elasticache_replication_group
		{Type: "aws_elasticache_replication_group", Name: "compliant", Obj: awsCache(nil)},
		{Type: "aws_elasticache_replication_group", Name: "redis defaults",
			Obj:  awsCache(awsObj{"engine": nil, "at_rest_encryption_enabled": nil, "transit_encryption_enabled": nil, "transit_encryption_mode": nil, "snapshot_retention_limit": nil}),
			Want: map[string]string{"aws_elasticache_replication_group.at_rest_not_encrypted": "violated"}},
		{Type: "aws_elasticache_replication_group", Name: "valkey defaults to encrypted", Obj: awsCache(awsObj{"engine": "valkey", "at_rest_encryption_enabled": nil})},
		{Type: "aws_elasticache_replication_group", Name: "valkey explicitly unencrypted", Obj: awsCache(awsObj{"engine": "valkey", "at_rest_encryption_enabled": "false"}),
			Want: map[string]string{"aws_elasticache_replication_group.valkey_at_rest_not_encrypted": "violated"}},
		{Type: "aws_elasticache_replication_group", Name: "no TLS", Obj: awsCache(awsObj{"transit_encryption_enabled": false, "transit_encryption_mode": nil}),
			Want: map[string]string{"aws_elasticache_replication_group.transit_not_encrypted": "violated"},
			Attr: map[string]string{"aws_elasticache_replication_group.transit_not_encrypted": "transit_encryption_enabled"}},
		{Type: "aws_elasticache_replication_group", Name: "TLS preferred, not required", Obj: awsCache(awsObj{"transit_encryption_mode": "preferred"}),
			Want: map[string]string{"aws_elasticache_replication_group.transit_encryption_optional": "violated"}},
		{Type: "aws_elasticache_replication_group", Name: "snapshots off", Obj: awsCache(awsObj{"snapshot_retention_limit": 0.0}),
			Want: map[string]string{"aws_elasticache_replication_group.snapshots_disabled": "violated",
				"aws_elasticache_replication_group.snapshot_retention_short": "violated"}},
		{Type: "aws_elasticache_replication_group", Name: "minor upgrades off where the customer owns hardening", ServiceModel: "iaas",
			Obj:  awsCache(awsObj{"auto_minor_version_upgrade": "false"}),
			Want: map[string]string{"aws_elasticache_replication_group.minor_upgrades_off": "violated"}},
		strict(mappingCase{Type: "aws_elasticache_replication_group", Name: "service-managed encryption", Obj: awsCache(awsObj{"snapshot_retention_limit": 30.0}),
			Want: map[string]string{"aws_elasticache_replication_group.no_customer_managed_key": "violated"}}),
		strict(mappingCase{Type: "aws_elasticache_replication_group", Name: "customer key", Obj: awsCache(awsObj{"snapshot_retention_limit": 30.0, "kms_key_id": awsKeyARN})}),
		{Type: "aws_elasticache_replication_group", Name: "engine unknown defers both at-rest readings", Obj: awsCache(awsObj{"engine": Unknown}),
			Want: map[string]string{"aws_elasticache_replication_group.at_rest_not_encrypted": "deferred",
				"aws_elasticache_replication_group.valkey_at_rest_not_encrypted": "deferred"}},

		// aws_lb_listener
		{Type: "aws_lb_listener", Name: "HTTP forwarding in plain text", Obj: awsListener("HTTP", nil, awsForward),
			Want: map[string]string{"aws_lb_listener.http_not_redirected": "violated"},
			Attr: map[string]string{"aws_lb_listener.http_not_redirected": "default_action[0].redirect[0].protocol"}},
		{Type: "aws_lb_listener", Name: "HTTP redirecting to HTTPS", Obj: awsListener("HTTP", nil, awsRedirect)},
		{Type: "aws_lb_listener", Name: "HTTPS with the 2016 policy (TLS 1.0)", Obj: awsListener("HTTPS", "ELBSecurityPolicy-2016-08", awsForward),
			Want: map[string]string{"aws_lb_listener.tls_policy_outdated": "violated"}, Attr: map[string]string{"aws_lb_listener.tls_policy_outdated": "ssl_policy"}},
		{Type: "aws_lb_listener", Name: "TLS listener with a TLS 1.1 policy", Obj: awsListener("TLS", "ELBSecurityPolicy-TLS13-1-1-2021-06", awsForward),
			Want: map[string]string{"aws_lb_listener.tls_policy_outdated": "violated"}},
		{Type: "aws_lb_listener", Name: "HTTPS with TLS 1.2 and 1.3", Obj: awsListener("HTTPS", "ELBSecurityPolicy-TLS13-1-2-2021-06", awsForward)},
		{Type: "aws_lb_listener", Name: "a policy name the table does not list says nothing", Obj: awsListener("HTTPS", "ELBSecurityPolicy-TLS13-1-2-FIPS-2099-01", awsForward)},
		{Type: "aws_lb_listener", Name: "TCP pass-through is not judged", Obj: awsListener("TCP", nil, awsForward)},
		{Type: "aws_lb_listener", Name: "computed policy unknown at plan defers", Obj: awsListener("HTTPS", Unknown, awsForward),
			Want: map[string]string{"aws_lb_listener.tls_policy_outdated": "deferred"}},
		{Type: "aws_lb_listener", Name: "protocol unknown defers both", Obj: awsListener(Unknown, Unknown, awsForward),
			Want: map[string]string{"aws_lb_listener.http_not_redirected": "deferred", "aws_lb_listener.tls_policy_outdated": "deferred"}},

		// aws_eks_cluster
		{Type: "aws_eks_cluster", Name: "defaults: a public endpoint open to the internet", Obj: awsEKS(nil, nil, awsList{"api", "audit"}),
			Want: map[string]string{"aws_eks_cluster.public_endpoint_open": "violated"},
			Attr: map[string]string{"aws_eks_cluster.public_endpoint_open": "vpc_config[0].public_access_cidrs"}},
		{Type: "aws_eks_cluster", Name: "public endpoint open to ::/0", Obj: awsEKS(true, awsList{"203.0.113.0/24", "::/0"}, awsList{"audit"}),
			Want: map[string]string{"aws_eks_cluster.public_endpoint_open": "violated"}},
		{Type: "aws_eks_cluster", Name: "public endpoint for an office range", Obj: awsEKS(true, awsList{"203.0.113.0/24"}, awsList{"audit"})},
		{Type: "aws_eks_cluster", Name: "private endpoint only", Obj: awsEKS(false, awsList{"0.0.0.0/0"}, awsList{"audit"})},
		{Type: "aws_eks_cluster", Name: "no audit log", Obj: awsEKS(false, nil, awsList{"api", "authenticator"}),
			Want: map[string]string{"aws_eks_cluster.audit_log_disabled": "violated"}, Attr: map[string]string{"aws_eks_cluster.audit_log_disabled": "enabled_cluster_log_types"}},
		{Type: "aws_eks_cluster", Name: "endpoint access unknown defers", Obj: awsEKS(Unknown, nil, awsList{"audit"}),
			Want: map[string]string{"aws_eks_cluster.public_endpoint_open": "deferred"}},
		strict(mappingCase{Type: "aws_eks_cluster", Name: "secrets without a customer key", Obj: awsEKS(false, nil, awsList{"audit"}),
			Want: map[string]string{"aws_eks_cluster.no_customer_managed_key": "violated"},
			Attr: map[string]string{"aws_eks_cluster.no_customer_managed_key": "encryption_config[0].provider[0].key_arn"}}),
		strict(mappingCase{Type: "aws_eks_cluster", Name: "secrets with a customer key", Obj: func() awsObj {
			o := awsEKS(false, nil, awsList{"audit"})
			o["encryption_config"] = awsList{awsObj{"resources": awsList{"secrets"}, "provider": awsList{awsObj{"key_arn": awsKeyARN}}}}
			return o
		}()}),

		// aws_backup_plan
		{Type: "aws_backup_plan", Name: "recovery points deleted after 3 days", Obj: awsObj{"name": "p", "rule": awsList{awsBackupRule(3.0, awsList{})}},
			Want: map[string]string{"aws_backup_plan.retention_short": "violated"}, Attr: map[string]string{"aws_backup_plan.retention_short": "rule[0].lifecycle[0].delete_after"}},
		{Type: "aws_backup_plan", Name: "a month kept", Obj: awsObj{"name": "p", "rule": awsList{awsBackupRule(35.0, awsList{})}}},
		{Type: "aws_backup_plan", Name: "no lifecycle says nothing", Obj: awsObj{"name": "p", "rule": awsList{awsObj{"rule_name": "r", "target_vault_name": "v", "lifecycle": awsList{}}}}},
		strict(mappingCase{Type: "aws_backup_plan", Name: "no copy to another vault", Obj: awsObj{"name": "p", "rule": awsList{awsBackupRule(35.0, awsList{})}},
			Want: map[string]string{"aws_backup_plan.no_copy_action": "violated"}, Attr: map[string]string{"aws_backup_plan.no_copy_action": "rule[0].copy_action"}}),
		strict(mappingCase{Type: "aws_backup_plan", Name: "copied to another region", Obj: awsObj{"name": "p", "rule": awsList{awsBackupRule(35.0, awsList{
			awsObj{"destination_vault_arn": "arn:aws:backup:eu-central-1:111122223333:backup-vault:dr", "lifecycle": awsList{}}})}}}),

		// aws_cognito_user_pool
		{Type: "aws_cognito_user_pool", Name: "MFA off", Obj: awsObj{"name": "users", "mfa_configuration": "OFF"},
			Want: map[string]string{"aws_cognito_user_pool.mfa_not_required": "violated"}, Attr: map[string]string{"aws_cognito_user_pool.mfa_not_required": "mfa_configuration"}},
		{Type: "aws_cognito_user_pool", Name: "MFA optional", Obj: awsObj{"name": "users", "mfa_configuration": "OPTIONAL"},
			Want: map[string]string{"aws_cognito_user_pool.mfa_not_required": "violated"}},
		{Type: "aws_cognito_user_pool", Name: "unset falls back to OFF", Obj: awsObj{"name": "users", "mfa_configuration": nil},
			Want: map[string]string{"aws_cognito_user_pool.mfa_not_required": "violated"}},
		{Type: "aws_cognito_user_pool", Name: "MFA on", Obj: awsObj{"name": "users", "mfa_configuration": "ON",
			"software_token_mfa_configuration": awsList{awsObj{"enabled": true}}}},

		// aws_ecr_repository
		strict(mappingCase{Type: "aws_ecr_repository", Name: "default encryption", Obj: awsObj{"name": "app", "encryption_configuration": awsList{}},
			Want: map[string]string{"aws_ecr_repository.no_customer_managed_key": "violated"},
			Attr: map[string]string{"aws_ecr_repository.no_customer_managed_key": "encryption_configuration[0].encryption_type"}}),
		strict(mappingCase{Type: "aws_ecr_repository", Name: "AES256", Obj: awsObj{"name": "app", "encryption_configuration": awsList{awsObj{"encryption_type": "AES256", "kms_key": nil}}},
			Want: map[string]string{"aws_ecr_repository.no_customer_managed_key": "violated"}}),
		strict(mappingCase{Type: "aws_ecr_repository", Name: "KMS is not judged (the key may be AWS managed)",
			Obj: awsObj{"name": "app", "encryption_configuration": awsList{awsObj{"encryption_type": "KMS", "kms_key": awsKeyARN}}}}),
		{Type: "aws_ecr_repository", Name: "standard does not ask for a customer key", Obj: awsObj{"name": "app", "encryption_configuration": awsList{}}},

		// aws_secretsmanager_secret_rotation
		{Type: "aws_secretsmanager_secret_rotation", Name: "every 180 days", Obj: awsObj{"secret_id": Unknown,
			"rotation_rules": awsList{awsObj{"automatically_after_days": 180.0, "schedule_expression": nil}}},
			Want: map[string]string{"aws_secretsmanager_secret_rotation.rotation_too_slow": "violated"},
			Attr: map[string]string{"aws_secretsmanager_secret_rotation.rotation_too_slow": "rotation_rules[0].automatically_after_days"}},
		{Type: "aws_secretsmanager_secret_rotation", Name: "every 30 days", Obj: awsObj{"rotation_rules": awsList{awsObj{"automatically_after_days": 30.0}}}},
		{Type: "aws_secretsmanager_secret_rotation", Name: "a rate of 120 days", Obj: awsObj{"rotation_rules": awsList{awsObj{"automatically_after_days": nil, "schedule_expression": "rate(120 days)"}}},
			Want: map[string]string{"aws_secretsmanager_secret_rotation.rotation_schedule_too_slow": "violated"}},
		{Type: "aws_secretsmanager_secret_rotation", Name: "a rate of 4 hours", Obj: awsObj{"rotation_rules": awsList{awsObj{"schedule_expression": "rate(4 hours)"}}}},
		{Type: "aws_secretsmanager_secret_rotation", Name: "a cron schedule says nothing", Obj: awsObj{"rotation_rules": awsList{awsObj{"schedule_expression": "cron(0 16 1,15 * ? *)"}}}},
	}
}

// The secrets planted in the cases (a master password, an auth token) never
// reach a message, remediation or shown value.
func TestAWSFindingsNeverEchoSecrets(t *testing.T) {
	noCaseEchoes(t, casesByCloud["aws"], "hunter2hunter2", "a-long-auth-token-value")
}

// noCaseEchoes fails when a case's shown values, messages or remediations
// carry the first five characters of a secret planted in it.
func noCaseEchoes(t *testing.T, cases []mappingCase, secrets ...string) {
	t.Helper()
	for _, c := range cases {
		items, err := testEngine.Extract(c.Type, c.Type, c.Obj)
		if err != nil {
			t.Fatalf("%s/%s: %v", c.Type, c.Name, err)
		}
		var texts []string
		for _, it := range items {
			texts = append(texts, it.Shown, it.Message, it.Remediation)
		}
		for _, f := range c.judge(t) {
			texts = append(texts, f.Message, f.Remediation, f.Detail)
		}
		for _, text := range texts {
			for _, secret := range secrets {
				if strings.Contains(text, secret[:5]) {
					t.Errorf("%s/%s: %q shows a secret", c.Type, c.Name, text)
				}
			}
		}
	}
}

// resource_controls: what a resource proves, null where it says nothing,
// unknown while a value it needs is.
func TestAWSControls(t *testing.T) {
	yes, no, null, unknown := policy.KnownBool(true), policy.KnownBool(false), policy.Value{}, policy.Value{State: policy.Unknown}
	db := map[string]policy.Value{"encryption.at_rest": yes, "network.segmented": yes, "backup.enabled": yes,
		"backup.retention_days": policy.KnownNumber(7), "hardening.os_patching": yes, "logging.centralized": yes}
	dbUnknown := map[string]policy.Value{}
	for k, v := range db {
		dbUnknown[k] = v
	}
	dbUnknown["encryption.at_rest"] = unknown
	for _, c := range []struct {
		typ  string
		obj  map[string]any
		want map[string]policy.Value
	}{
		{"aws_db_instance", awsDB(nil), db},
		{"aws_db_instance", awsDB(awsObj{"storage_encrypted": Unknown}), dbUnknown},
		{"aws_cloudwatch_log_group", awsObj{"retention_in_days": 0.0},
			map[string]policy.Value{"logging.retention_days": policy.KnownNumber(math.Inf(1)), "encryption.customer_managed_key": no}},
		{"aws_ebs_volume", awsObj{"encrypted": nil}, map[string]policy.Value{"encryption.at_rest": null, "encryption.customer_managed_key": null}},
		{"aws_instance", awsInstance(awsObj{"ebs_block_device": awsList{awsObj{"encrypted": true}, awsObj{"encrypted": false}}}),
			map[string]policy.Value{"encryption.at_rest": no, "network.segmented": yes, "secrets_scan": null}},
		{"aws_kms_key", awsObj{"enable_key_rotation": true, "rotation_period_in_days": nil},
			map[string]policy.Value{"encryption.key_rotation_days": policy.KnownNumber(365), "identity.iam_policy_json": null}},
		{"aws_lb_listener", awsListener("HTTPS", "ELBSecurityPolicy-TLS13-1-3-2021-06", awsForward),
			map[string]policy.Value{"encryption.min_tls_version": policy.KnownString("1.3")}},
	} {
		got, err := testEngine.Controls(c.typ, c.obj)
		if err != nil {
			t.Fatalf("%s: %v", c.typ, err)
		}
		if len(got) != len(c.want) {
			t.Errorf("%s: controls %v, want %v", c.typ, got, c.want)
		}
		for id, want := range c.want {
			g := got[id]
			if g.State != want.State || g.Bool != want.Bool || g.Number != want.Number || g.String != want.String {
				t.Errorf("%s: %s = %+v, want %+v", c.typ, id, g, want)
			}
		}
	}
	rules, err := testEngine.Controls("aws_vpc_security_group_ingress_rule", awsIngressRule(awsObj{"cidr_ipv4": "0.0.0.0/0"}))
	if err != nil || len(rules["network.ingress_rules"].Rules) != 1 {
		t.Errorf("an ingress rule resource proves one inbound rule, got %+v %v", rules, err)
	}
}
