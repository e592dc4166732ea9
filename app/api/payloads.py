"""The JSON bodies of the REST API's writes (the OpenAPI document describes the same)."""

from typing import Any

from ..validation import OptionalCount, OptionalId, OptionalText, Payload, Text


class SeriesBody(Payload):
    """``POST /series``."""

    title: Text(200) = None
    topic: OptionalText(200) = None
    organisation: OptionalText(200) = None
    language: Any = "fi"  # one of the canvases' languages (``service.create_series``)


class WorkshopBody(Payload):
    """``POST /workshops``."""

    topic: OptionalText(200, empty=None) = None
    title: Text(200) = None
    template: Text(100) = None
    language: Any = None  # the template's own when not given (``service.create_workshop``)
    series_id: OptionalId = None
    index: OptionalCount = None  # 1 when not given
    organisation: OptionalText(200, empty=None) = None


class CoFacilitatorBody(Payload):
    """``POST /workshops/{id}/facilitators``."""

    email: Text(254) = None
