package planserver

import (
	"context"
	"os"
	"testing"

	"github.com/hashicorp/terraform-plugin-log/tfsdklog"
)

// protoTrace writes one entry as the plugin server does for every protocol
// message, to stderr: the SDK root logger and its proto subsystem, each at
// the level its variable gives (TRACE when unset). It returns what was
// written.
func protoTrace(t *testing.T) string {
	t.Helper()
	f, err := os.CreateTemp(t.TempDir(), "stderr")
	if err != nil {
		t.Fatal(err)
	}
	stderr := os.Stderr
	os.Stderr = f
	ctx := tfsdklog.NewRootSDKLogger(context.Background(), tfsdklog.WithLevelFromEnv("TF_LOG_SDK"))
	ctx = tfsdklog.NewSubsystem(ctx, "proto", tfsdklog.WithLevelFromEnv("TF_LOG_SDK_PROTO"))
	tfsdklog.SubsystemTrace(ctx, "proto", "Received request")
	os.Stderr = stderr
	_ = f.Close()
	out, err := os.ReadFile(f.Name())
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

func TestSilencedPluginLogsWriteNothing(t *testing.T) {
	if logsRequested() {
		t.Skip("TF_LOG* is set: the plugin logs stay on")
	}
	for _, name := range pluginLogLevels {
		t.Setenv(name, "")
	}
	if protoTrace(t) == "" {
		t.Fatal("with the levels unset the plugin server should trace every message; the check below would prove nothing")
	}
	if !SilencePluginLogs() {
		t.Fatal("no TF_LOG* is set, yet the plugin logs were not silenced")
	}
	if got := protoTrace(t); got != "" {
		t.Errorf("silenced plugin server still writes %q", got)
	}
}

func TestLoggingRequested(t *testing.T) {
	if loggingRequested([]string{"HOME=/home/x", "TF_CLI_CONFIG_FILE=x"}) {
		t.Error("no TF_LOG variable, yet logging requested")
	}
	for _, kv := range []string{"TF_LOG=DEBUG", "TF_LOG_PROVIDER=TRACE", "TF_LOG_PROVIDER_SRM=DEBUG"} {
		if !loggingRequested([]string{kv}) {
			t.Errorf("%s should keep the loggers", kv)
		}
	}
}
