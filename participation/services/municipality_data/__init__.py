"""One municipality's data as a whole: its export (a zip) and its erasure."""
