"""How Socket.IO packets are written on the wire.

Every payload Pajapohja sends is JSON made of dicts, lists, text and numbers, never bytes. The
stock packet walks each outgoing payload element by element looking for bytes, and encodes it with
the standard library's pure JSON encoder; for a join snapshot of 2,000 notes (about 1 MB) that is
about 32 ms and 15 ms of one process's event loop per joining participant, measured by
``python -m bench --scenario 4`` (docs/performance.md). ``JsonPacket`` skips the walk and encodes
with orjson (about 3 ms for the same snapshot); incoming packets are still decoded by the standard
library, so what clients may send is unchanged.
"""

import json
from types import SimpleNamespace

import orjson
from socketio.packet import Packet

_OPTIONS = orjson.OPT_NON_STR_KEYS


class Encoded:
    """JSON text encoded earlier (by ``encode``), placed into a payload as it is: a join snapshot
    reuses the encoding of notes that every joining participant receives alike."""

    __slots__ = ("text",)

    def __init__(self, text: bytes):
        self.text = text


def _fragment(value):
    if isinstance(value, Encoded):
        return orjson.Fragment(value.text)
    raise TypeError(f"{type(value).__name__} is not JSON")


def _decoded(value):
    if isinstance(value, Encoded):
        return json.loads(value.text)
    raise TypeError(f"{type(value).__name__} is not JSON")


def encode(data) -> bytes:
    """Compact JSON as UTF-8. The standard library takes over for what orjson refuses (text
    holding a lone surrogate, which a client can send as ``"\\ud800"``)."""
    try:
        return orjson.dumps(data, default=_fragment, option=_OPTIONS)
    except orjson.JSONEncodeError:
        return json.dumps(data, default=_decoded, separators=(",", ":")).encode()


def encode_to_keep(data) -> bytes:
    """``encode`` for text that is kept (a cache): orjson hands back its working buffer, at least
    4 KB whatever the length, so a 300-byte note would hold 4 KB for as long as it is kept. The
    copy holds only what was written."""
    return bytes(memoryview(encode(data)))


def dumps(data, **_formatting) -> str:
    return encode(data).decode()


JSON = SimpleNamespace(dumps=dumps, loads=json.loads)


class JsonPacket(Packet):
    """A Socket.IO packet that never carries binary attachments."""

    uses_binary_events = False
    json = JSON
