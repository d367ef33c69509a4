# expect: Invalid Attribute Value .* matrix: value must be one of "consensus", "microsoft_2026", "microsoft_classic", "aws", "google", got a string of 5 characters
data "srm_responsibility_matrix" "x" {
  matrix = "azure"
}
