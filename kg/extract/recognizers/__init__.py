"""Statistical recognizers (packaged models) that run beside the rules as spaCy components."""
