package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// logicalResource gives srm_workload and srm_baseline the lifecycle of
// terraform_data: the plan, which ModifyPlan made wholly known, becomes the
// state; reads keep it; deletes forget it. Nothing exists outside state.
type logicalResource struct{}

func (logicalResource) Create(_ context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	resp.State.Raw = req.Plan.Raw
}

func (logicalResource) Read(context.Context, resource.ReadRequest, *resource.ReadResponse) {}

func (logicalResource) Update(_ context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	resp.State.Raw = req.Plan.Raw
}

func (logicalResource) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {}
