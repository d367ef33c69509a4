package detect

// QuoteInput renders a user-supplied string for any message: quoted whole
// when it is shaped like a number, address or range, otherwise at most its
// first four characters, then "…". It is the one redaction every package
// uses for user values.
func QuoteInput(s string) string { return quoteInput(s) }
