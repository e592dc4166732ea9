"""The OpenAPI 3.1 document of /api/v1. A test checks that it names every registered endpoint."""

from ..canvases import LANGUAGES
from .openapi_exports import paths as export_paths
from .openapi_facts import update_workshop

_ERROR = {"$ref": "#/components/responses/Error"}
_AUTH = [{"bearer": []}]


def _json(schema: dict) -> dict:
    return {"content": {"application/json": {"schema": schema}}}


def _ok(description: str, schema: dict) -> dict:
    return {"description": description, **_json(schema)}


_TEXT = {"type": "string", "minLength": 1, "maxLength": 200}
# Optional fields: null means the same as leaving the field out.
_OPTIONAL_TEXT = {"type": ["string", "null"], "maxLength": 200}
_ID = {"type": "integer", "minimum": 1}
_WORKSHOP_ID = [{"name": "workshop_id", "in": "path", "required": True, "schema": _ID}]


def spec() -> dict:
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Pajapohja API",
            "version": "1",
            "description": "Workshops, canvases and their documents. Facilitator endpoints "
            "take `Authorization: Bearer <token>` from `pajapohja token "
            'create EMAIL`. Errors are `{"error": {"code", "message"}}`.',
        },
        "servers": [{"url": "/api/v1"}],
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "schemas": {
                "Error": {
                    "type": "object",
                    "required": ["error"],
                    "properties": {
                        "error": {
                            "type": "object",
                            "required": ["code", "message"],
                            "properties": {
                                "code": {"type": "string"},
                                "message": {"type": "string"},
                            },
                        }
                    },
                },
                "Localised": {
                    "type": "object",
                    "required": list(LANGUAGES),
                    "properties": {lang: {"type": "string"} for lang in LANGUAGES},
                },
                "WorkshopDocument": {
                    "type": "object",
                    "required": [
                        "format",
                        "version",
                        "workshop",
                        "steps",
                        "participants",
                        "notes",
                        "seq",
                    ],
                    "properties": {
                        "format": {"const": "pajapohja.workshop"},
                        "version": {"type": "integer"},
                        "workshop": {"type": "object"},
                        "series": {"type": ["object", "null"]},
                        "steps": {"type": "array", "items": {"type": "object"}},
                        "participants": {"type": "array", "items": {"type": "object"}},
                        "notes": {"type": "array", "items": {"type": "object"}},
                        "seq": {"type": "integer", "minimum": 0},
                    },
                },
            },
            "responses": {
                "Error": {
                    "description": "Refused; nothing was changed.",
                    **_json({"$ref": "#/components/schemas/Error"}),
                }
            },
        },
        "paths": {
            "/openapi.json": {
                "get": {
                    "summary": "This document.",
                    "operationId": "openapi",
                    "responses": {"200": _ok("OpenAPI document", {"type": "object"})},
                }
            },
            "/canvases": {
                "get": {
                    "summary": "The canvas library and workshop templates.",
                    "operationId": "listCanvases",
                    "responses": {
                        "200": _ok(
                            "Canvases and templates",
                            {
                                "type": "object",
                                "required": ["canvases", "workshop_templates"],
                                "properties": {
                                    "canvases": {
                                        "type": "array",
                                        "items": {
                                            "type": "object",
                                            "required": ["id", "kind", "title"],
                                            "properties": {
                                                "id": {"type": "string"},
                                                "kind": {"type": "string"},
                                                "title": {"$ref": "#/components/schemas/Localised"},
                                            },
                                        },
                                    },
                                    "workshop_templates": {
                                        "type": "array",
                                        "items": {
                                            "type": "object",
                                            "required": ["id", "title", "workshops"],
                                            "properties": {
                                                "id": {"type": "string"},
                                                "title": {"$ref": "#/components/schemas/Localised"},
                                                "workshops": {
                                                    "type": "array",
                                                    "items": {
                                                        "type": "array",
                                                        "items": {"type": "string"},
                                                    },
                                                },
                                            },
                                        },
                                    },
                                },
                            },
                        )
                    },
                }
            },
            "/series": {
                "post": {
                    "summary": "Create a workshop series.",
                    "operationId": "createSeries",
                    "security": _AUTH,
                    "requestBody": {
                        "required": True,
                        **_json(
                            {
                                "type": "object",
                                "required": ["title"],
                                "properties": {
                                    "title": _TEXT,
                                    "topic": _OPTIONAL_TEXT,
                                    "organisation": _OPTIONAL_TEXT,
                                    "language": {"enum": list(LANGUAGES)},
                                },
                            }
                        ),
                    },
                    "responses": {
                        "201": _ok(
                            "Created",
                            {"type": "object", "required": ["id"], "properties": {"id": _ID}},
                        ),
                        "400": _ERROR,
                        "401": _ERROR,
                    },
                }
            },
            "/workshops": {
                "post": {
                    "summary": "Create a workshop from a workshop template.",
                    "operationId": "createWorkshop",
                    "security": _AUTH,
                    "requestBody": {
                        "required": True,
                        **_json(
                            {
                                "type": "object",
                                "required": ["title", "template", "language"],
                                "properties": {
                                    "title": _TEXT,
                                    "template": {
                                        "type": "string",
                                        "minLength": 1,
                                        "maxLength": 100,
                                    },
                                    "language": {"enum": list(LANGUAGES)},
                                    "series_id": {"type": ["integer", "null"], "minimum": 1},
                                    "index": {"type": ["integer", "null"], "minimum": 1},
                                    "topic": _OPTIONAL_TEXT,
                                    "organisation": _OPTIONAL_TEXT,
                                },
                            }
                        ),
                    },
                    "responses": {
                        "201": _ok(
                            "Created",
                            {
                                "type": "object",
                                "required": ["id", "join_code", "join_url", "steps"],
                                "properties": {
                                    "id": _ID,
                                    "join_code": {"type": "string"},
                                    "join_url": {"type": "string"},
                                    "steps": {
                                        "type": "array",
                                        "items": {
                                            "type": "object",
                                            "required": [
                                                "id",
                                                "canvas",
                                                "kind",
                                                "title",
                                                "prompts",
                                            ],
                                        },
                                    },
                                },
                            },
                        ),
                        "400": _ERROR,
                        "401": _ERROR,
                        "404": _ERROR,
                    },
                }
            },
            "/workshops/{workshop_id}": {
                "get": {
                    "summary": "The workshop's full state (the export.json document).",
                    "operationId": "getWorkshop",
                    "security": _AUTH,
                    "parameters": _WORKSHOP_ID,
                    "responses": {
                        "200": _ok("Workshop", {"$ref": "#/components/schemas/WorkshopDocument"}),
                        "401": _ERROR,
                        "404": _ERROR,
                    },
                },
                "patch": update_workshop(_WORKSHOP_ID),
                "delete": {
                    "summary": "Delete the workshop and everything of it for good.",
                    "operationId": "deleteWorkshop",
                    "security": _AUTH,
                    "parameters": _WORKSHOP_ID,
                    "responses": {"204": {"description": "Deleted"}, "401": _ERROR, "404": _ERROR},
                },
            },
            **_co_facilitator_paths(),
            **export_paths(),
        },
    }


def _co_facilitator_paths() -> dict:
    facilitator_id = {"name": "facilitator_id", "in": "path", "required": True, "schema": _ID}
    return {
        "/workshops/{workshop_id}/facilitators": {
            "get": {
                "summary": "The owner and the co-facilitators of a workshop.",
                "operationId": "listCoFacilitators",
                "security": _AUTH,
                "parameters": _WORKSHOP_ID,
                "responses": {
                    "200": _ok(
                        "Facilitators",
                        {"type": "object", "required": ["owner_id", "co_facilitators"]},
                    ),
                    "401": _ERROR,
                    "404": _ERROR,
                },
            },
            "post": {
                "summary": "Add a co-facilitator by e-mail (owner only).",
                "operationId": "addCoFacilitator",
                "security": _AUTH,
                "parameters": _WORKSHOP_ID,
                "requestBody": {
                    "required": True,
                    **_json(
                        {
                            "type": "object",
                            "required": ["email"],
                            "properties": {"email": {"type": "string", "maxLength": 254}},
                        }
                    ),
                },
                "responses": {
                    "201": _ok("Added", {"type": "object", "required": ["id", "email"]}),
                    "400": _ERROR,
                    "401": _ERROR,
                    "404": _ERROR,
                },
            },
        },
        "/workshops/{workshop_id}/facilitators/{facilitator_id}": {
            "delete": {
                "summary": "Remove a co-facilitator (owner only).",
                "operationId": "removeCoFacilitator",
                "security": _AUTH,
                "parameters": [*_WORKSHOP_ID, facilitator_id],
                "responses": {"204": {"description": "Removed"}, "401": _ERROR, "404": _ERROR},
            },
        },
    }
