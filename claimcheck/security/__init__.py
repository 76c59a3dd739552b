"""Passwords, sessions, CSRF and HTTP headers."""
