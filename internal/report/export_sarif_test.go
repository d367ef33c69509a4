package report

// ValidateSARIF runs this package's SARIF 2.1.0 shape and semantic checks
// for other packages' tests in this directory (srm audit's SARIF).
func ValidateSARIF(out string) []string {
	_, errs := validateSARIF(out)
	return errs
}
