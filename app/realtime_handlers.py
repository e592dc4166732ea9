"""Importing this module registers every Socket.IO event of every feature."""

from .notes import events as note_events  # noqa: F401
from .workshops import events as workshop_events  # noqa: F401
