"""Stage 4, the duplicate engine: fingerprint, candidates, verify, cluster, diff, explain."""
