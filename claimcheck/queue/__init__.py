"""The claims queue: every claim still in play, filtered and sorted to find the next task."""
