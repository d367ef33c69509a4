package main

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// A small resource in the shape CDKTF generates: a list block of one
// (max 1), a set of objects set as an attribute, a computed-only list of
// objects, a single nested block, a set of strings and a string map.
const fixture = `
export interface ThingConfig extends cdktf.TerraformMetaArguments {
  readonly name: string;
  /**
  * rule block
  *
  * Docs at Terraform Registry: {@link https://example.test/thing#rule Thing#rule}
  */
  readonly rule?: ThingRule;
  readonly ingress?: ThingIngress[] | cdktf.IResolvable;
  /**
  * timeouts block
  */
  readonly timeouts?: ThingTimeouts;
}
export interface ThingRule {
  readonly enabled?: boolean | cdktf.IResolvable;
}
export function thingRuleToHclTerraform(struct?: ThingRule): any {
  const attrs = {
    enabled: {
      value: cdktf.booleanToHclTerraform(struct!.enabled),
      isBlock: false,
      type: "simple",
      storageClassType: "boolean",
    },
  };
}
export class ThingRuleOutputReference extends cdktf.ComplexObject {
  // enabled - computed: false, optional: true, required: false
  private _enabled?: boolean | cdktf.IResolvable;
  public get enabled() {
    return this.getBooleanAttribute('enabled');
  }
}
export interface ThingIngress {
  readonly port?: number;
}
export class ThingIngressOutputReference extends cdktf.ComplexObject {
  // port - computed: false, optional: true, required: false
  public get port() {
    return this.getNumberAttribute('port');
  }
}
export class ThingIngressList extends cdktf.ComplexList {
}
export interface ThingEndpoint {
}
export class ThingEndpointOutputReference extends cdktf.ComplexObject {
  // address - computed: true, optional: false, required: false
  public get address() {
    return this.getStringAttribute('address');
  }
}
export class ThingEndpointList extends cdktf.ComplexList {
}
export interface ThingTimeouts {
  readonly create?: string;
}
export class ThingTimeoutsOutputReference extends cdktf.ComplexObject {
  // create - computed: false, optional: true, required: false
  public get create() {
    return this.getStringAttribute('create');
  }
}
export class Thing extends cdktf.TerraformResource {
  public static readonly tfResourceType = "test_thing";
  // arn - computed: true, optional: false, required: false
  public get arn() {
    return this.getStringAttribute('arn');
  }
  // endpoint - computed: true, optional: false, required: false
  private _endpoint = new ThingEndpointList(this, "endpoint", false);
  // ingress - computed: true, optional: true, required: false
  private _ingress = new ThingIngressList(this, "ingress", true);
  // name - computed: false, optional: false, required: true
  public get name() {
    return this.getStringAttribute('name');
  }
  // security_groups - computed: false, optional: true, required: false
  public get securityGroups() {
    return cdktf.Fn.tolist(this.getListAttribute('security_groups'));
  }
  // tags - computed: false, optional: true, required: false
  public get tags() {
    return this.getStringMapAttribute('tags');
  }
  // rule - computed: false, optional: true, required: false
  private _rule = new ThingRuleOutputReference(this, "rule");
  // timeouts - computed: false, optional: true, required: false
  private _timeouts = new ThingTimeoutsOutputReference(this, "timeouts");
  protected synthesizeHclAttributes(): { [name: string]: any } {
    const attrs = {
      ingress: {
        value: cdktf.listMapperHcl(thingIngressToHclTerraform, false)(this._ingress.internalValue),
        isBlock: true,
        type: "set",
        storageClassType: "ThingIngressList",
      },
      rule: {
        value: thingRuleToHclTerraform(this._rule.internalValue),
        isBlock: true,
        type: "list",
        storageClassType: "ThingRuleList",
      },
      timeouts: {
        value: thingTimeoutsToHclTerraform(this._timeouts.internalValue),
        isBlock: true,
        type: "struct",
        storageClassType: "ThingTimeouts",
      },
    };
  }
}
`

func TestDigestResource(t *testing.T) {
	name, body, err := digestResource(fixture)
	if err != nil {
		t.Fatal(err)
	}
	want := ` arn string c
 endpoint list(object) c
  address string c
 ingress set(object) oc
  port number o
 name string r
 security_groups set(string) o
 tags map(string) o
 rule block_list o
  enabled bool o
 timeouts block_single o
  create string o
`
	if name != "test_thing" || body != want {
		t.Errorf("%s:\n%s\nwant:\n%s", name, body, want)
	}
}

// Resources whose names begin with "data" (azurerm_data_protection_backup_vault,
// google_data_fusion_instance) sit in data-* directories like the data
// sources (data-<provider>-*); the class they define tells them apart.
func TestResourceDirs(t *testing.T) {
	lib := t.TempDir()
	files := map[string]string{
		"data-protection-backup-vault":           "class DataProtectionBackupVault extends cdktf.TerraformResource {\n",
		"data-factory-linked-service-sql-server": "class DataFactoryLinkedServiceSqlServer extends cdktf.TerraformResource {\n",
		"data-azurerm-key-vault":                 "class DataAzurermKeyVault extends cdktf.TerraformDataSource {\n",
		"provider":                               "class AzurermProvider extends cdktf.TerraformProvider {\n",
		"key-vault":                              "class KeyVault extends cdktf.TerraformResource {\n",
		"lazy-index":                             "",
	}
	for dir, js := range files {
		if err := os.MkdirAll(filepath.Join(lib, dir), 0o755); err != nil {
			t.Fatal(err)
		}
		if js == "" {
			continue
		}
		if err := os.WriteFile(filepath.Join(lib, dir, "index.js"), []byte(js), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := resourceDirs(lib)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"data-factory-linked-service-sql-server", "data-protection-backup-vault", "key-vault"}
	if !slices.Equal(got, want) {
		t.Errorf("resourceDirs = %q, want %q", got, want)
	}
}
