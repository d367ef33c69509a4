package detect

import (
	"slices"
	"strings"
	"testing"
)

// cloudsplainingMethods is cloudsplaining's list of privilege-escalation
// methods with their actions as it writes them (lower case), from
// cloudsplaining/shared/constants.py PRIVILEGE_ESCALATION_METHODS at commit
// 5012eab1f742 (after 0.9.1). Every method must be a row of
// escalationPaths with the same set of actions, so that a policy
// cloudsplaining flags is flagged here too.
var cloudsplainingMethods = []struct{ name, actions string }{
	{"CreateAccessKey", "iam:createaccesskey"},
	{"CreateLoginProfile", "iam:createloginprofile"},
	{"UpdateLoginProfile", "iam:updateloginprofile"},
	{"AddUserToGroup", "iam:addusertogroup"},
	{"CreateNewPolicyVersion", "iam:createpolicyversion"},
	{"SetExistingDefaultPolicyVersion", "iam:setdefaultpolicyversion"},
	{"AttachUserPolicy", "iam:attachuserpolicy"},
	{"AttachGroupPolicy", "iam:attachgrouppolicy"},
	{"AttachRolePolicy", "iam:attachrolepolicy"},
	{"PutUserPolicy", "iam:putuserpolicy"},
	{"PutGroupPolicy", "iam:putgrouppolicy"},
	{"PutRolePolicy", "iam:putrolepolicy"},
	{"UpdateRolePolicyToAssumeIt", "iam:updateassumerolepolicy"},
	{"CreateEC2WithExistingIP", "iam:passrole ec2:runinstances"},
	{"PassExistingRoleToNewLambdaThenInvoke", "iam:passrole lambda:createfunction lambda:invokefunction"},
	{"PassExistingRoleToNewLambdaThenTriggerWithNewDynamo", "iam:passrole lambda:createfunction lambda:createeventsourcemapping dynamodb:createtable dynamodb:putitem"},
	{"PassExistingRoleToNewLambdaThenTriggerWithExistingDynamo", "iam:passrole lambda:createfunction lambda:createeventsourcemapping"},
	{"PassExistingRoleToNewGlueDevEndpoint", "iam:passrole glue:createdevendpoint"},
	{"PassExistingRoleToCloudFormation", "iam:passrole cloudformation:createstack"},
	{"PassExistingRoleToNewDataPipeline", "iam:passrole datapipeline:createpipeline"},
	{"UpdateExistingGlueDevEndpoint", "glue:updatedevendpoint"},
	{"EditExistingLambdaFunctionWithRole", "lambda:updatefunctioncode"},
	{"AccessExistingBedrockCodeInterpreterSession", "bedrock-agentcore:startcodeinterpretersession bedrock-agentcore:invokecodeinterpreter"},
	{"ExecuteCloudFormationChangeSet", "cloudformation:createchangeset cloudformation:executechangeset"},
	{"ModifyEC2InstanceUserDataThenRestart", "ec2:modifyinstanceattribute ec2:stopinstances ec2:startinstances"},
	{"ModifyExistingEC2LaunchTemplate", "ec2:createlaunchtemplateversion ec2:modifylaunchtemplate"},
	{"EC2InstanceConnectSendSSHPublicKey", "ec2-instance-connect:sendsshpublickey ec2:describeinstances"},
	{"ECSExecuteCommandOnRunningTask", "ecs:executecommand ecs:describetasks"},
	{"UpdateAndInvokeLambdaFunction", "lambda:updatefunctioncode lambda:invokefunction"},
	{"UpdateLambdaFunctionAndAddPermission", "lambda:updatefunctioncode lambda:addpermission"},
	{"CreatePresignedSageMakerNotebookUrl", "sagemaker:createpresignednotebookinstanceurl"},
	{"UpdateSageMakerNotebookLifecycleConfig", "sagemaker:createnotebookinstancelifecycleconfig sagemaker:stopnotebookinstance sagemaker:updatenotebookinstance sagemaker:startnotebookinstance"},
	{"PassExistingRoleToNewAppRunnerService", "iam:passrole apprunner:createservice"},
	{"PassExistingRoleToNewBedrockCodeInterpreter", "iam:passrole bedrock-agentcore:createcodeinterpreter bedrock-agentcore:startcodeinterpretersession bedrock-agentcore:invokecodeinterpreter"},
	{"PassExistingRoleToNewCloudFormationStackSet", "iam:passrole cloudformation:createstackset cloudformation:createstackinstances"},
	{"PassRoleToUpdateCloudFormationStackSet", "iam:passrole cloudformation:updatestackset"},
	{"PassExistingRoleToNewCodeBuildProjectThenBuild", "iam:passrole codebuild:createproject codebuild:startbuild"},
	{"PassExistingRoleToNewCodeBuildProjectThenBuildBatch", "iam:passrole codebuild:createproject codebuild:startbuildbatch"},
	{"PassExistingRoleToNewEC2SpotInstance", "iam:passrole ec2:requestspotinstances"},
	{"PassExistingRoleToNewECSClusterServiceTask", "iam:passrole ecs:createcluster ecs:registertaskdefinition ecs:createservice"},
	{"PassExistingRoleToNewECSClusterRunTask", "iam:passrole ecs:createcluster ecs:registertaskdefinition ecs:runtask"},
	{"PassExistingRoleToNewECSService", "iam:passrole ecs:registertaskdefinition ecs:createservice"},
	{"PassExistingRoleToNewECSTaskViaRunTask", "iam:passrole ecs:registertaskdefinition ecs:runtask"},
	{"PassExistingRoleToNewECSTaskViaStartTask", "iam:passrole ecs:registertaskdefinition ecs:starttask"},
	{"PassExistingRoleToNewGlueJobThenRun", "iam:passrole glue:createjob glue:startjobrun"},
	{"PassExistingRoleToNewGlueJobViaTrigger", "iam:passrole glue:createjob glue:createtrigger"},
	{"PassExistingRoleToUpdatedGlueJobThenRun", "iam:passrole glue:updatejob glue:startjobrun"},
	{"PassExistingRoleToUpdatedGlueJobViaTrigger", "iam:passrole glue:updatejob glue:createtrigger"},
	{"PassExistingRoleToNewLambdaThenAddPermission", "iam:passrole lambda:createfunction lambda:addpermission"},
	{"PassExistingRoleToNewSageMakerNotebookInstance", "iam:passrole sagemaker:createnotebookinstance"},
	{"PassExistingRoleToNewSageMakerTrainingJob", "iam:passrole sagemaker:createtrainingjob"},
	{"PassExistingRoleToNewSageMakerProcessingJob", "iam:passrole sagemaker:createprocessingjob"},
	{"CreateAndRotateAccessKey", "iam:createaccesskey iam:deleteaccesskey"},
	{"AttachUserPolicyThenCreateAccessKey", "iam:attachuserpolicy iam:createaccesskey"},
	{"CreatePolicyVersionThenAssumeRole", "iam:createpolicyversion sts:assumerole"},
	{"PutUserPolicyThenCreateAccessKey", "iam:putuserpolicy iam:createaccesskey"},
	{"AttachRolePolicyThenUpdateAssumeRolePolicy", "iam:attachrolepolicy iam:updateassumerolepolicy"},
	{"CreatePolicyVersionThenUpdateAssumeRolePolicy", "iam:createpolicyversion iam:updateassumerolepolicy"},
	{"PutRolePolicyThenUpdateAssumeRolePolicy", "iam:putrolepolicy iam:updateassumerolepolicy"},
}

func actionSet(actions []string) string {
	l := make([]string, len(actions))
	for i, a := range actions {
		l[i] = strings.ToLower(a)
	}
	slices.Sort(l)
	return strings.Join(slices.Compact(l), " ")
}

func TestEscalationCoversCloudsplaining(t *testing.T) {
	rows := map[string]string{}
	for _, p := range escalationPaths {
		rows[actionSet(p.actions)] = p.name
	}
	for _, m := range cloudsplainingMethods {
		if _, ok := rows[actionSet(strings.Fields(m.actions))]; !ok {
			t.Errorf("cloudsplaining's %s (%s) has no row with the same actions", m.name, m.actions)
		}
	}
	// Its newest methods are reported under their own names.
	for _, name := range []string{"AccessExistingBedrockCodeInterpreterSession", "PassExistingRoleToNewBedrockCodeInterpreter",
		"ModifyExistingEC2LaunchTemplate", "EC2InstanceConnectSendSSHPublicKey", "UpdateSageMakerNotebookLifecycleConfig"} {
		i := slices.IndexFunc(escalationPaths, func(p escalationPath) bool { return p.name == name })
		if i < 0 {
			t.Errorf("no row %s", name)
			continue
		}
		p := escalationPaths[i]
		if msg := escalationMessage(t, policyOf(stmtJSON("Allow", p.actions, "*", ""))); !strings.Contains(msg, name+" (") {
			t.Errorf("%s: message %q", name, msg)
		}
	}
}

// Two rows with the same actions would report one path twice.
func TestEscalationRowsAreDistinct(t *testing.T) {
	seen := map[string]string{}
	for _, p := range escalationPaths {
		k := actionSet(p.actions)
		if other, ok := seen[k]; ok {
			t.Errorf("%s and %s have the same actions", other, p.name)
		}
		seen[k] = p.name
	}
}
