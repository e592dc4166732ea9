"""OpenAPI paths of the export endpoints (app/exports/api.py), merged into the API's document."""

_ERROR = {"$ref": "#/components/responses/Error"}
_AUTH = [{"bearer": []}]
_ID = {"type": "integer", "minimum": 1}

WORKSHOP_FILES = {
    "summary.md": ("text/markdown", "The workshop summary as Markdown."),
    "summary.html": ("text/html", "The summary as a standalone, script-free HTML page."),
    "summary.docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "The summary as a Word document.",
    ),
    "notes.csv": (
        "text/csv",
        "One row per note; UTF-8 with a byte-order mark; times in the workshop's time zone.",
    ),
    "notes.xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "The rows of notes.csv as an Excel workbook: texts as text, times as date-times in "
        "the workshop's time zone.",
    ),
    "export.json": ("application/json", "The whole workshop, for import on another server."),
}
PLAN_FILES = {
    "training-plan.md": ("text/markdown", "The series' training-plan draft as Markdown."),
    "training-plan.docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "The training-plan draft as a Word document.",
    ),
}


def _file(operation_id: str, summary: str, mimetype: str, parameter: str) -> dict:
    body = {"type": "object"} if mimetype == "application/json" else {"type": "string"}
    if mimetype == "application/json":
        body = {"$ref": "#/components/schemas/WorkshopDocument"}
    return {
        "get": {
            "summary": summary,
            "operationId": operation_id,
            "security": _AUTH,
            "parameters": [{"name": parameter, "in": "path", "required": True, "schema": _ID}],
            "responses": {
                "200": {
                    "description": summary + " Sent as an attachment named after the title.",
                    "content": {mimetype: {"schema": body}},
                },
                "401": _ERROR,
                "404": _ERROR,
                "429": _TOO_MANY,
            },
        }
    }


# Downloads are limited per facilitator (app/ratelimit.py, PAJAPOHJA_DOWNLOADS_PER_FACILITATOR).
_TOO_MANY = {
    "description": "Too many downloads in a short time (code too_many_requests); try again "
    "after Retry-After seconds.",
    "headers": {"Retry-After": {"schema": {"type": "integer", "minimum": 1}}},
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
}


def _camel(name: str) -> str:
    parts = name.replace(".", "-").split("-")
    return "".join(part.capitalize() for part in parts)


def _series_share() -> dict:
    parameters = [{"name": "series_id", "in": "path", "required": True, "schema": _ID}]
    url = {"type": "object", "required": ["url"], "properties": {"url": {"type": "string"}}}
    return {
        "post": {
            "summary": "Create the organiser's read-only link to the series' documents; "
            "a link made earlier stops working.",
            "operationId": "createSeriesShare",
            "security": _AUTH,
            "parameters": parameters,
            "responses": {
                "201": {
                    "description": "The link",
                    "content": {"application/json": {"schema": url}},
                },
                "401": _ERROR,
                "404": _ERROR,
            },
        },
        "delete": {
            "summary": "Revoke the organiser's link.",
            "operationId": "revokeSeriesShare",
            "security": _AUTH,
            "parameters": parameters,
            "responses": {"204": {"description": "Revoked"}, "401": _ERROR, "404": _ERROR},
        },
    }


def _import() -> dict:
    return {
        "post": {
            "summary": "Import a workshop from its export.json. Everything is checked first; a "
            "refused file writes nothing. The workshop gets new ids and a new join code and "
            "belongs to the caller; a series of the same title is reused or created.",
            "operationId": "importWorkshop",
            "security": _AUTH,
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {
                        "schema": {"$ref": "#/components/schemas/WorkshopDocument"}
                    }
                },
            },
            "responses": {
                "201": {
                    "description": "Imported",
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "object",
                                "required": ["id"],
                                "properties": {"id": _ID},
                            }
                        }
                    },
                },
                "400": _ERROR,
                "401": _ERROR,
                "413": _ERROR,
            },
        }
    }


def paths() -> dict:
    result = {
        f"/workshops/{{workshop_id}}/{name}": _file(
            "getWorkshop" + _camel(name), summary, mimetype, "workshop_id"
        )
        for name, (mimetype, summary) in WORKSHOP_FILES.items()
    }
    result.update(
        {
            f"/series/{{series_id}}/{name}": _file(
                "getSeries" + _camel(name), summary, mimetype, "series_id"
            )
            for name, (mimetype, summary) in PLAN_FILES.items()
        }
    )
    result["/workshops/import"] = _import()
    result["/series/{series_id}/share"] = _series_share()
    return result
