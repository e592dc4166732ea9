"""Importing this module registers every Socket.IO event of every feature."""

from .facilitation import duplicates as duplicate_events  # noqa: F401
from .facilitation import events as facilitation_events  # noqa: F401
from .notes import events as note_events  # noqa: F401
from .workshops import events as workshop_events  # noqa: F401
