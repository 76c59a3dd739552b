"""Use cases: each loads, changes and flushes; the caller (view or command) commits once."""
