"""The OpenAPI operation that sets a workshop's document facts (``PATCH /workshops/{id}``)."""

from ..workshops.document_facts import MAX_CLOSING_TEXT, MAX_TIME_ZONE

_ERROR = {"$ref": "#/components/responses/Error"}

FACTS = {
    "held_on": {
        "type": ["string", "null"],
        "format": "date",
        "description": "The day the workshop was held (YYYY-MM-DD), for one typed up later; "
        "null: the documents are dated by the days its notes were written.",
    },
    "time_zone": {
        "type": "string",
        "maxLength": MAX_TIME_ZONE,
        "description": "IANA time zone of the documents' dates and times "
        "(default Europe/Helsinki).",
    },
    "closing_text": {
        "type": "string",
        "maxLength": MAX_CLOSING_TEXT,
        "description": "The facilitator's closing text (Yhteenveto ja jatko), last in the "
        "summary; plain text, line breaks kept.",
    },
}


def update_workshop(parameters: list) -> dict:
    return {
        "summary": "Set the workshop's document facts: the day held, time zone, closing text. "
        "A field left out stays as it was. Owner and co-facilitators; facilitators' consoles "
        "get a workshop.documents event.",
        "operationId": "updateWorkshop",
        "security": [{"bearer": []}],
        "parameters": parameters,
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": {"type": "object", "properties": FACTS}}},
        },
        "responses": {
            "200": {
                "description": "The facts as they are now",
                "content": {
                    "application/json": {
                        "schema": {
                            "type": "object",
                            "required": [*FACTS, "seq"],
                            "properties": {**FACTS, "seq": {"type": "integer", "minimum": 0}},
                        }
                    }
                },
            },
            "400": _ERROR,
            "401": _ERROR,
            "404": _ERROR,
        },
    }
