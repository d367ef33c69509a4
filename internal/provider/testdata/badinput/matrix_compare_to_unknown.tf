# expect: compare_to: value must be one of "consensus", "microsoft_2026", "microsoft_classic", "aws", "google", got "gcp"
data "srm_responsibility_matrix" "x" {
  compare_to = "gcp"
}
