package detect

import (
	"fmt"
	"strings"
)

// escalationPath is one way to gain more privileges than a policy grants
// directly. A policy is on the path when it allows every one of actions on
// Resource "*".
type escalationPath struct {
	name    string   // the method's name in the catalogues
	actions []string // every action the path needs
	source  string
}

// The catalogues the table follows.
const (
	srcRhino = "Rhino Security Labs, \"AWS IAM Privilege Escalation – Methods and Mitigation\" (https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/)"
	srcCS    = "salesforce/cloudsplaining, cloudsplaining/shared/constants.py PRIVILEGE_ESCALATION_METHODS, commit 5012eab1f742 (0.9.1 and later; https://github.com/salesforce/cloudsplaining)"
	srcPF    = "DataDog/pathfinding.cloud, data/paths/*.yaml, commit 84dd65c97fc2 (https://pathfinding.cloud)"
	srcIAMV  = "Bishop Fox iam-vulnerable, privilege escalation paths (https://github.com/BishopFox/iam-vulnerable)"
)

// escalationPaths is the one table of privilege-escalation paths. iam:PassRole
// on "*" also has its own finding; the paths say what it leads to.
var escalationPaths = []escalationPath{
	// Permissions on policies and principals: every iam:Create*, Attach*,
	// Put*, Update*, Set*, Add* and boundary change that grants permissions.
	{"CreateNewPolicyVersion", []string{"iam:CreatePolicyVersion"}, srcRhino},
	{"SetExistingDefaultPolicyVersion", []string{"iam:SetDefaultPolicyVersion"}, srcRhino},
	{"AttachUserPolicy", []string{"iam:AttachUserPolicy"}, srcRhino},
	{"AttachGroupPolicy", []string{"iam:AttachGroupPolicy"}, srcRhino},
	{"AttachRolePolicy", []string{"iam:AttachRolePolicy"}, srcRhino},
	{"PutUserPolicy", []string{"iam:PutUserPolicy"}, srcRhino},
	{"PutGroupPolicy", []string{"iam:PutGroupPolicy"}, srcRhino},
	{"PutRolePolicy", []string{"iam:PutRolePolicy"}, srcRhino},
	{"AddUserToGroup", []string{"iam:AddUserToGroup"}, srcRhino},
	{"UpdateAssumeRolePolicy", []string{"iam:UpdateAssumeRolePolicy"}, srcRhino},
	{"PutUserPermissionsBoundary", []string{"iam:PutUserPermissionsBoundary"}, srcPF},
	{"PutRolePermissionsBoundary", []string{"iam:PutRolePermissionsBoundary"}, srcPF},
	{"DeleteUserPermissionsBoundary", []string{"iam:DeleteUserPermissionsBoundary"}, srcPF},
	{"DeleteRolePermissionsBoundary", []string{"iam:DeleteRolePermissionsBoundary"}, srcPF},
	// Credentials for other principals.
	{"CreateAccessKey", []string{"iam:CreateAccessKey"}, srcRhino},
	{"CreateLoginProfile", []string{"iam:CreateLoginProfile"}, srcRhino},
	{"UpdateLoginProfile", []string{"iam:UpdateLoginProfile"}, srcRhino},
	{"CreateServiceSpecificCredential", []string{"iam:CreateServiceSpecificCredential"}, srcPF},
	{"ResetServiceSpecificCredential", []string{"iam:ResetServiceSpecificCredential"}, srcPF},
	{"UploadSSHPublicKey", []string{"iam:UploadSSHPublicKey"}, srcPF},
	{"AssumeAnyRole", []string{"sts:AssumeRole"}, srcPF}, // sts-001
	// Passing a role to a new compute or orchestration resource.
	{"CreateEC2WithExistingInstanceProfile", []string{"iam:PassRole", "ec2:RunInstances"}, srcRhino},
	{"AssociateInstanceProfile", []string{"iam:PassRole", "ec2:AssociateIamInstanceProfile"}, srcPF},
	{"PassExistingRoleToNewLambdaThenInvoke", []string{"iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"}, srcRhino},
	{"PassExistingRoleToNewLambdaThenTrigger", []string{"iam:PassRole", "lambda:CreateFunction", "lambda:CreateEventSourceMapping"}, srcRhino},
	{"PassExistingRoleToNewLambdaThenExposeURL", []string{"iam:PassRole", "lambda:CreateFunction", "lambda:CreateFunctionUrlConfig"}, srcPF},
	{"PassExistingRoleToNewLambdaThenInvokeCrossAccount", []string{"iam:PassRole", "lambda:CreateFunction", "lambda:AddPermission"}, srcCS},
	{"PassExistingRoleToNewGlueDevEndpoint", []string{"iam:PassRole", "glue:CreateDevEndpoint"}, srcRhino},
	{"PassExistingRoleToNewGlueJob", []string{"iam:PassRole", "glue:CreateJob", "glue:StartJobRun"}, srcPF},
	{"PassExistingRoleToCloudFormation", []string{"iam:PassRole", "cloudformation:CreateStack"}, srcRhino},
	{"PassExistingRoleToCloudFormationChangeSet", []string{"iam:PassRole", "cloudformation:CreateChangeSet", "cloudformation:ExecuteChangeSet"}, srcPF},
	{"PassExistingRoleToNewDataPipeline", []string{"iam:PassRole", "datapipeline:CreatePipeline"}, srcCS}, // Rhino adds PutPipelineDefinition
	{"PassExistingRoleToNewCodeBuildProject", []string{"iam:PassRole", "codebuild:CreateProject", "codebuild:StartBuild"}, srcIAMV},
	{"PassExistingRoleToNewSageMakerNotebook", []string{"iam:PassRole", "sagemaker:CreateNotebookInstance", "sagemaker:CreatePresignedNotebookInstanceUrl"}, srcIAMV},
	{"PassExistingRoleToNewSageMakerTrainingJob", []string{"iam:PassRole", "sagemaker:CreateTrainingJob"}, srcIAMV},
	{"PassExistingRoleToNewSageMakerProcessingJob", []string{"iam:PassRole", "sagemaker:CreateProcessingJob"}, srcIAMV},
	{"PassExistingRoleToNewECSTask", []string{"iam:PassRole", "ecs:RegisterTaskDefinition", "ecs:RunTask"}, srcPF},
	{"PassExistingRoleToNewECSService", []string{"iam:PassRole", "ecs:RegisterTaskDefinition", "ecs:CreateService"}, srcPF},
	{"PassExistingRoleToUpdatedECSService", []string{"iam:PassRole", "ecs:RegisterTaskDefinition", "ecs:UpdateService"}, srcPF},
	// Taking over an existing resource that runs with more privileges.
	{"EditExistingLambdaFunctionWithRole", []string{"lambda:UpdateFunctionCode"}, srcRhino},
	{"AddLayerToExistingLambdaFunction", []string{"lambda:UpdateFunctionConfiguration"}, srcPF},
	{"UpdateExistingGlueDevEndpoint", []string{"glue:UpdateDevEndpoint"}, srcRhino},
	{"UpdateExistingGlueJob", []string{"glue:UpdateJob", "glue:StartJobRun"}, srcPF},
	{"UpdateExistingCloudFormationStack", []string{"cloudformation:UpdateStack"}, srcIAMV},
	{"ChangeSetOnExistingCloudFormationStack", []string{"cloudformation:CreateChangeSet", "cloudformation:ExecuteChangeSet"}, srcPF},
	{"OverrideBuildspecOfExistingCodeBuildProject", []string{"codebuild:StartBuild"}, srcPF},
	{"OpenExistingSageMakerNotebook", []string{"sagemaker:CreatePresignedNotebookInstanceUrl"}, srcIAMV},
	{"ExecuteCommandInECSTask", []string{"ecs:ExecuteCommand"}, srcPF},
	{"SendCommandToSSMManagedInstance", []string{"ssm:SendCommand"}, srcPF},
	{"StartSessionOnSSMManagedInstance", []string{"ssm:StartSession"}, srcPF},
	{"ReplaceEC2UserData", []string{"ec2:ModifyInstanceAttribute", "ec2:StopInstances", "ec2:StartInstances"}, srcPF},

	// cloudsplaining's methods from pathfinding.cloud whose action sets the
	// rows above do not already hold, under cloudsplaining's names; the
	// pathfinding.cloud path id follows each.
	{"PassExistingRoleToNewLambdaThenTriggerWithNewDynamo", []string{"iam:PassRole", "lambda:CreateFunction", "lambda:CreateEventSourceMapping", "dynamodb:CreateTable", "dynamodb:PutItem"}, srcCS},
	{"AccessExistingBedrockCodeInterpreterSession", []string{"bedrock-agentcore:StartCodeInterpreterSession", "bedrock-agentcore:InvokeCodeInterpreter"}, srcCS},                                                            // bedrock-002
	{"ModifyExistingEC2LaunchTemplate", []string{"ec2:CreateLaunchTemplateVersion", "ec2:ModifyLaunchTemplate"}, srcCS},                                                                                                     // ec2-004: keeps the template's role, needs no PassRole
	{"EC2InstanceConnectSendSSHPublicKey", []string{"ec2-instance-connect:SendSSHPublicKey", "ec2:DescribeInstances"}, srcCS},                                                                                               // ec2instanceconnect-003
	{"ECSExecuteCommandOnRunningTask", []string{"ecs:ExecuteCommand", "ecs:DescribeTasks"}, srcCS},                                                                                                                          // ecs-006
	{"UpdateAndInvokeLambdaFunction", []string{"lambda:UpdateFunctionCode", "lambda:InvokeFunction"}, srcCS},                                                                                                                // lambda-004
	{"UpdateLambdaFunctionAndAddPermission", []string{"lambda:UpdateFunctionCode", "lambda:AddPermission"}, srcCS},                                                                                                          // lambda-005
	{"UpdateSageMakerNotebookLifecycleConfig", []string{"sagemaker:CreateNotebookInstanceLifecycleConfig", "sagemaker:StopNotebookInstance", "sagemaker:UpdateNotebookInstance", "sagemaker:StartNotebookInstance"}, srcCS}, // sagemaker-005
	{"PassExistingRoleToNewAppRunnerService", []string{"iam:PassRole", "apprunner:CreateService"}, srcCS},                                                                                                                   // apprunner-001
	{"PassExistingRoleToNewBedrockCodeInterpreter", []string{"iam:PassRole", "bedrock-agentcore:CreateCodeInterpreter", "bedrock-agentcore:StartCodeInterpreterSession", "bedrock-agentcore:InvokeCodeInterpreter"}, srcCS}, // bedrock-001
	{"PassExistingRoleToNewCloudFormationStackSet", []string{"iam:PassRole", "cloudformation:CreateStackSet", "cloudformation:CreateStackInstances"}, srcCS},                                                                // cloudformation-003
	{"PassRoleToUpdateCloudFormationStackSet", []string{"iam:PassRole", "cloudformation:UpdateStackSet"}, srcCS},                                                                                                            // cloudformation-004
	{"PassExistingRoleToNewCodeBuildProjectThenBuildBatch", []string{"iam:PassRole", "codebuild:CreateProject", "codebuild:StartBuildBatch"}, srcCS},                                                                        // codebuild-004
	{"PassExistingRoleToNewEC2SpotInstance", []string{"iam:PassRole", "ec2:RequestSpotInstances"}, srcCS},                                                                                                                   // ec2-003
	{"PassExistingRoleToNewECSClusterServiceTask", []string{"iam:PassRole", "ecs:CreateCluster", "ecs:RegisterTaskDefinition", "ecs:CreateService"}, srcCS},                                                                 // ecs-001
	{"PassExistingRoleToNewECSClusterRunTask", []string{"iam:PassRole", "ecs:CreateCluster", "ecs:RegisterTaskDefinition", "ecs:RunTask"}, srcCS},                                                                           // ecs-002
	{"PassExistingRoleToNewECSTaskViaStartTask", []string{"iam:PassRole", "ecs:RegisterTaskDefinition", "ecs:StartTask"}, srcCS},                                                                                            // ecs-005
	{"PassExistingRoleToNewGlueJobViaTrigger", []string{"iam:PassRole", "glue:CreateJob", "glue:CreateTrigger"}, srcCS},                                                                                                     // glue-004
	{"PassExistingRoleToUpdatedGlueJobThenRun", []string{"iam:PassRole", "glue:UpdateJob", "glue:StartJobRun"}, srcCS},                                                                                                      // glue-005
	{"PassExistingRoleToUpdatedGlueJobViaTrigger", []string{"iam:PassRole", "glue:UpdateJob", "glue:CreateTrigger"}, srcCS},                                                                                                 // glue-006
	{"PassExistingRoleToNewSageMakerNotebookInstance", []string{"iam:PassRole", "sagemaker:CreateNotebookInstance"}, srcCS},                                                                                                 // sagemaker-001
	{"CreateAndRotateAccessKey", []string{"iam:CreateAccessKey", "iam:DeleteAccessKey"}, srcCS},                                                                                                                             // iam-003
	{"AttachUserPolicyThenCreateAccessKey", []string{"iam:AttachUserPolicy", "iam:CreateAccessKey"}, srcCS},                                                                                                                 // iam-015
	{"CreatePolicyVersionThenAssumeRole", []string{"iam:CreatePolicyVersion", "sts:AssumeRole"}, srcCS},                                                                                                                     // iam-016
	{"PutUserPolicyThenCreateAccessKey", []string{"iam:PutUserPolicy", "iam:CreateAccessKey"}, srcCS},                                                                                                                       // iam-018
	{"AttachRolePolicyThenUpdateAssumeRolePolicy", []string{"iam:AttachRolePolicy", "iam:UpdateAssumeRolePolicy"}, srcCS},                                                                                                   // iam-019
	{"CreatePolicyVersionThenUpdateAssumeRolePolicy", []string{"iam:CreatePolicyVersion", "iam:UpdateAssumeRolePolicy"}, srcCS},                                                                                             // iam-020
	{"PutRolePolicyThenUpdateAssumeRolePolicy", []string{"iam:PutRolePolicy", "iam:UpdateAssumeRolePolicy"}, srcCS},                                                                                                         // iam-021
	// pathfinding.cloud paths cloudsplaining leaves out.
	{"UpdateExistingAppRunnerService", []string{"apprunner:UpdateService"}, srcPF},                // apprunner-002
	{"StartBuildBatchOfExistingCodeBuildProject", []string{"codebuild:StartBuildBatch"}, srcPF},   // codebuild-003
	{"AttachRolePolicyThenAssumeRole", []string{"iam:AttachRolePolicy", "sts:AssumeRole"}, srcPF}, // iam-014
	{"PutRolePolicyThenAssumeRole", []string{"iam:PutRolePolicy", "sts:AssumeRole"}, srcPF},       // iam-017
}

// escalationActions indexes the table's actions by lower-cased service, so
// a wildcard pattern is only tried against its own service's actions.
var escalationActions = func() map[string][]string {
	out := map[string][]string{}
	seen := map[string]bool{}
	for _, p := range escalationPaths {
		for _, a := range p.actions {
			if seen[a] {
				continue
			}
			seen[a] = true
			svc, _, _ := strings.Cut(strings.ToLower(a), ":")
			out[svc] = append(out[svc], a)
		}
	}
	return out
}()

// escalationMatch is a path the policy is on, reported at its first
// statement; others are the other statements involved.
type escalationMatch struct {
	path   int
	others []int
}

// escalationFindings finds the paths a policy is on: every action of the
// path allowed on Resource "*" by some Allow statement (without a full "*",
// which has its own finding) and not cancelled by a Deny. It returns the
// matches by the index of the first statement involved.
func escalationFindings(stmts []statement, ds *denies) map[int][]escalationMatch {
	granted := map[string]int{} // action -> first statement allowing it on "*"
	for _, s := range stmts {
		if !s.allow || s.hasNotAction || !s.resourceAll() {
			continue
		}
		if hasFullWildcard(s) && !ds.covers(s, "*", false) {
			continue
		}
		for _, p := range s.actions {
			svc, _, ok := strings.Cut(strings.ToLower(p), ":")
			if !ok && !strings.ContainsAny(p, "*?") {
				continue
			}
			for _, group := range candidateGroups(svc) {
				for _, a := range group {
					if _, done := granted[a]; done || !globMatchFold(p, a) || ds.covers(s, a, false) {
						continue
					}
					granted[a] = s.index
				}
			}
		}
	}
	if len(granted) == 0 {
		return nil
	}
	out := map[int][]escalationMatch{}
	for i, p := range escalationPaths {
		first, ok := -1, true
		var involved []int
		for _, a := range p.actions {
			idx, has := granted[a]
			if !has {
				ok = false
				break
			}
			involved = append(involved, idx)
			if first < 0 || idx < first {
				first = idx
			}
		}
		if !ok {
			continue
		}
		var others []int
		for _, idx := range involved {
			if idx != first && !containsInt(others, idx) {
				others = append(others, idx)
			}
		}
		out[first] = append(out[first], escalationMatch{i, others})
	}
	return out
}

func hasFullWildcard(s statement) bool {
	for _, a := range s.actions {
		if a == "*:*" || (a != "" && strings.Trim(a, "*") == "") {
			return true
		}
	}
	return false
}

// candidateGroups returns the table actions a pattern of service svc can
// match: its own service's, or all of them when the service part is itself
// a wildcard.
func candidateGroups(svc string) [][]string {
	if !strings.ContainsAny(svc, "*?") {
		return [][]string{escalationActions[svc]}
	}
	out := make([][]string, 0, len(escalationActions))
	for _, g := range escalationActions {
		out = append(out, g)
	}
	return out
}

func containsInt(s []int, v int) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// maxPathsShown bounds how many paths one message lists.
const maxPathsShown = 6

// escalationText lists the matched paths by name and actions, from the
// table only.
func escalationText(ms []escalationMatch) string {
	parts := make([]string, 0, min(len(ms), maxPathsShown))
	for _, m := range ms[:min(len(ms), maxPathsShown)] {
		p := escalationPaths[m.path]
		t := fmt.Sprintf("%s (%s", p.name, strings.Join(p.actions, " + "))
		if len(m.others) > 0 {
			t += ", with " + statementList(m.others)
		}
		parts = append(parts, t+")")
	}
	s := strings.Join(parts, "; ")
	if len(ms) > len(parts) {
		s += fmt.Sprintf("; and %d more", len(ms)-len(parts))
	}
	return s
}

func statementList(idx []int) string {
	words := make([]string, 0, min(len(idx), 3))
	for _, i := range idx[:min(len(idx), 3)] {
		words = append(words, fmt.Sprint(i))
	}
	s := "statement " + strings.Join(words, ", ")
	if len(idx) > 1 {
		s = "statements " + strings.Join(words, ", ")
	}
	if len(idx) > len(words) {
		s += fmt.Sprintf(" and %d more", len(idx)-len(words))
	}
	return s
}

func escalationExamples() string {
	return "iam:CreatePolicyVersion, iam:PassRole with lambda:CreateFunction and lambda:InvokeFunction, ssm:SendCommand"
}
