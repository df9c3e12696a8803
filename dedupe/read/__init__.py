"""Stage 1, read: find the inputs and decode their bytes into Documents."""
