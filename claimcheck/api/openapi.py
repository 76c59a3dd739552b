"""The OpenAPI 3.1 description of the JSON API, served at /api/openapi.json."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, jsonify

from claimcheck.security.gate import public

bp = Blueprint("openapi", __name__)

_ERROR = {"type": "object", "properties": {"error": {"type": "string"}}, "required": ["error"]}
_ID = {"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}}
_OBJECT = {"type": "object", "additionalProperties": True}


def _responses(ok: int, description: str, *errors: int) -> dict[str, Any]:
    responses: dict[str, Any] = {
        str(ok): {
            "description": description,
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Any"}}},
        }
    }
    for status in (401, 403, *errors):
        responses[str(status)] = {"$ref": f"#/components/responses/E{status}"}
    return responses


def _body(required: list[str], properties: dict[str, Any]) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "object", "properties": properties}
    if required:  # OpenAPI 3.0 allows no empty list here
        schema["required"] = required
    return {"required": True, "content": {"application/json": {"schema": schema}}}


_STRING = {"type": "string"}
_DATE = {"type": "string", "format": "date"}
_EVIDENCE = {
    "url": _STRING,
    "title": _STRING,
    "publisher": _STRING,
    "published": _DATE,
    "accessed": _DATE,
    "excerpt": _STRING,
    "relation": {"enum": ["supports", "refutes", "context"]},
    "archive_url": _STRING,
}
_QUEUE_FILTERS = [
    {"name": name, "in": "query", "required": False, "schema": schema, "description": text}
    for name, schema, text in (
        ("state", _STRING, "Workflow state; may repeat"),
        ("verdict", {"type": "integer"}, "Verdict label id"),
        ("assignee", _STRING, "Account id, or `none` for unassigned"),
        ("article", {"type": "integer"}, "Article id"),
        ("attribution", {"enum": ["publication", "named", "unnamed"]}, "Attribution kind"),
        ("source", {"type": "integer"}, "Source id"),
        ("min_score", {"type": "number"}, "Lowest check-worthiness score, 0–1"),
        ("since", _DATE, "Found on or after"),
        ("until", _DATE, "Found on or before"),
        ("mine", {"enum": ["1"]}, "Only claims assigned to the caller"),
        ("sort", {"enum": ["score", "age", "newest"]}, "Order"),
        ("page", {"type": "integer"}, "Page number, from 1"),
        ("per_page", {"type": "integer"}, "Claims per page, at most 200"),
    )
]

PATHS: dict[str, Any] = {
    "/api/v1/me": {
        "get": {
            "summary": "The caller's account and permissions",
            "responses": _responses(200, "The caller"),
        }
    },
    "/api/v1/sources": {
        "get": {
            "summary": "Sources whose name contains `q`",
            "parameters": [{"name": "q", "in": "query", "schema": _STRING}],
            "responses": _responses(200, "Matching sources under `items`"),
        }
    },
    "/api/v1/search": {
        "get": {
            "summary": "Claims, articles, sources and evidence matching `q`, best first",
            "parameters": [
                {"name": name, "in": "query", "schema": schema, "description": text}
                for name, schema, text in (
                    ("q", _STRING, 'Words; "a phrase"; -leave out; a OR b'),
                    ("type", {"enum": ["claim", "article", "source", "evidence"]}, "One kind"),
                    ("state", _STRING, "Claim state"),
                    ("verdict", {"type": "integer"}, "Verdict label id"),
                    ("since", {"type": "string", "format": "date"}, "Added on or after"),
                    ("until", {"type": "string", "format": "date"}, "Added on or before"),
                    ("limit", {"type": "integer"}, "Hits per kind, 1 to 100 (20)"),
                )
            ],
            "responses": _responses(200, "Hits under `results.<kind>.items`", 422),
        }
    },
    "/api/v1/articles": {
        "post": {
            "summary": "Import an article and find its claims",
            "requestBody": _body(
                ["text", "title"],
                {
                    "text": _STRING,
                    "title": _STRING,
                    "publication": _STRING,
                    "url": _STRING,
                    "byline": _STRING,
                    "published": _DATE,
                    "language": _STRING,
                },
            ),
            "responses": _responses(201, "The article with its claims", 400, 422),
        }
    },
    "/api/v1/articles/{id}": {
        "get": {
            "summary": "One article",
            "parameters": [_ID],
            "responses": _responses(200, "The article", 404),
        }
    },
    "/api/v1/articles/{id}/claims": {
        "get": {
            "summary": "An article's claims in text order",
            "parameters": [_ID],
            "responses": _responses(200, "Claims under `items`", 404),
        }
    },
    "/api/v1/claims": {
        "get": {
            "summary": "The claims queue",
            "parameters": _QUEUE_FILTERS,
            "responses": _responses(200, "`items`, `page`, `per_page`, `total`, `pages`"),
        }
    },
    "/api/v1/claims/{id}": {
        "get": {
            "summary": "One claim: state, verdict, attribution, rationale, assignee, version",
            "parameters": [_ID],
            "responses": _responses(200, "The claim", 404),
        },
        "patch": {
            "summary": "Change wording, attribution or rationale of the version you read",
            "parameters": [_ID],
            "requestBody": _body(
                ["version"],
                {
                    "version": {"type": "integer"},
                    "text": _STRING,
                    "rationale": _STRING,
                    "attribution": {
                        "type": "object",
                        "properties": {
                            "kind": {"enum": ["publication", "named", "unnamed"]},
                            "source": _STRING,
                            "source_kind": {"enum": ["person", "organisation"]},
                            "cue": _STRING,
                            "quote": {"type": "boolean"},
                        },
                    },
                },
            ),
            "responses": _responses(200, "The changed claim", 400, 404, 409, 422),
        },
    },
    "/api/v1/claims/{id}/evidence": {
        "post": {
            "summary": "Attach an evidence item",
            "parameters": [_ID],
            "requestBody": _body(["url", "title", "relation"], _EVIDENCE),
            "responses": _responses(201, "The evidence item", 400, 404, 422),
        }
    },
    "/api/v1/claims/{id}/evidence/{evidence_id}": {
        "patch": {
            "summary": "Correct an evidence item; fields not sent keep their values",
            "parameters": [
                _ID,
                {
                    "name": "evidence_id",
                    "in": "path",
                    "required": True,
                    "schema": {"type": "integer"},
                },
            ],
            "requestBody": _body([], _EVIDENCE),
            "responses": _responses(200, "The corrected evidence item", 400, 404, 422),
        }
    },
    "/api/v1/claims/{id}/transitions": {
        "post": {
            "summary": "Take a workflow action",
            "parameters": [_ID],
            "requestBody": _body(
                ["action"],
                {
                    "action": {
                        "enum": [
                            "assign",
                            "take",
                            "start",
                            "propose",
                            "approve",
                            "return",
                            "dismiss",
                            "reopen",
                            "reinstate",
                        ]
                    },
                    "assignee": {"description": "Email or id, for assign"},
                    "verdict": {"type": "string", "description": "Label name or id, for propose"},
                    "rationale": _STRING,
                    "comment": {"type": "string", "description": "For return"},
                    "reason": {"type": "string", "description": "For dismiss and reopen"},
                    "version": {"type": "integer"},
                },
            ),
            "responses": _responses(200, "The claim after the action", 400, 404, 409, 422),
        }
    },
    "/api/v1/exports": {
        "get": {
            "summary": "Verified claims as csv, json, jsonl or ClaimReview (editors, leads)",
            "parameters": [
                {
                    "name": "format",
                    "in": "query",
                    "schema": {"enum": ["csv", "json", "jsonl", "claimreview"]},
                },
                {
                    "name": "article",
                    "in": "query",
                    "schema": {"type": "integer"},
                    "description": "Article id; may repeat",
                },
                {
                    "name": "state",
                    "in": "query",
                    "schema": _STRING,
                    "description": "Claim state; may repeat (default approved)",
                },
                {"name": "verdict", "in": "query", "schema": {"type": "integer"}},
                {"name": "source", "in": "query", "schema": {"type": "integer"}},
                {"name": "since", "in": "query", "schema": _DATE},
                {"name": "until", "in": "query", "schema": _DATE},
            ],
            "responses": _responses(200, "The export, streamed as a download", 422),
        }
    },
    "/api/v1/claims/{id}/revisions": {
        "get": {
            "summary": "A claim's revisions, oldest first",
            "parameters": [_ID],
            "responses": _responses(200, "Revisions under `items`", 404),
        }
    },
    "/api/v1/claims/{id}/matches": {
        "get": {
            "summary": "Reviewed claims this claim likely repeats, best first, with decisions",
            "parameters": [_ID],
            "responses": _responses(200, "Matches under `items`", 404),
        }
    },
}


def document() -> dict[str, Any]:
    """The whole OpenAPI document."""
    statuses = {
        400: "Malformed request",
        401: "No valid token or session",
        403: "The caller's role does not allow this",
        404: "No such resource",
        409: "The claim changed since the version sent; the current claim is included",
        422: "The request is understood but its content is refused",
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "ClaimCheck API",
            "version": "1",
            "description": "Personal tokens act with their owner's role. "
            "Errors are JSON objects with an `error` message.",
        },
        "servers": [{"url": "/"}],
        "security": [{"bearer": []}],
        "paths": PATHS,
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "schemas": {"Any": _OBJECT, "Error": _ERROR},
            "responses": {
                f"E{status}": {
                    "description": text,
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/Error"}}
                    },
                }
                for status, text in statuses.items()
            },
        },
    }


@bp.route("/api/openapi.json")
@public
def openapi():
    """The API description; it reveals nothing that is not in the source code."""
    return jsonify(document())
