"""The app's URL map as concrete URLs, for tests that walk every route."""

from __future__ import annotations

from flask import Flask
from werkzeug.routing import IntegerConverter

UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


def app_routes(app: Flask, methods: set[str]) -> list[tuple[str, str, str]]:
    """(endpoint, method, url) for every route that accepts one of `methods`, ids set to 1."""
    adapter = app.url_map.bind("localhost")
    routes = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        values = {
            name: 1 if isinstance(rule._converters[name], IntegerConverter) else "sample"
            for name in rule.arguments
        }
        url = adapter.build(rule.endpoint, values)
        routes.extend((rule.endpoint, method, url) for method in (rule.methods or set()) & methods)
    return sorted(routes)
