# expect: Invalid Attribute Value Match .* matrix value must be one of: \["consensus" "microsoft_2026" "microsoft_classic" "aws" "google"\], got: "azure"
data "srm_responsibility_matrix" "x" {
  matrix = "azure"
}
