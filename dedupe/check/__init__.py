"""`dedupe check` for CI: findings, a baseline of accepted ones, and CI output formats."""
