"""Every client → server socket event's payload, declared once: ``SOCKET_PAYLOADS`` maps the
event's name to its pydantic model, as the protocol table (``app/protocol.py``) names
it (``app/validation.py`` has the field types and ``parse``).
The handlers' service functions read their payload with ``parse(Model, payload)``; fields a
model does not know are ignored."""

from pydantic import BaseModel

from .facilitation import payloads as steering
from .notes import payloads as notes
from .protocol import CLIENT_EVENTS
from .workshops import payloads as workshops

_PACKAGES = {"facilitation": steering, "notes": notes, "workshops": workshops}


def _model(reference: str) -> type[BaseModel]:
    package, name = reference.split(".")
    return getattr(_PACKAGES[package], name)


# The protocol table names each event's model; a ``join`` with ``workshop_id`` is read with
# workshops.FacilitatorJoin.
SOCKET_PAYLOADS: dict[str, type[BaseModel]] = {
    event.name: _model(event.payload_model) for event in CLIENT_EVENTS.values()
}
