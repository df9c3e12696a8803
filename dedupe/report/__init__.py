"""Stage 5, report: a Result as JSON, a terminal summary, an HTML review page, a unified diff."""
