"""Stage 2, text: split documents into lines and sentences, the shape of a line, matching keys."""
