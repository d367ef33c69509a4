package audit

import (
	"sync"
	"testing"

	"github.com/shared-responsibility/terraform-provider-srm/internal/evidence"
	"github.com/shared-responsibility/terraform-provider-srm/internal/model"
)

var (
	engineOnce sync.Once
	engine     *evidence.Engine
)

func testEngine() *evidence.Engine {
	engineOnce.Do(func() {
		e, err := evidence.New(model.Default())
		if err != nil {
			panic(err)
		}
		engine = e
	})
	return engine
}

func defaultOptions() Options {
	return Options{Model: model.Default(), Engine: testEngine(), Now: fixedNow}
}

func audit(t testing.TB, file string, opt Options) *Result {
	t.Helper()
	return Run(mustRead(t, file), opt)
}

func testEngineModel() *model.Model { return model.Default() }
