"""Theme suggestions, computed on our own server: candidate theme names from the terms that
recur across a step's notes, a proposed theme for each note not yet in one, and likely
duplicates. Pure functions over plain data (no database, no Flask), so that the work can run in
a worker process off the event loop; nothing is downloaded and nothing leaves the server.

``suggest(notes, themes, language)`` returns the ``themes.suggest`` acknowledgement's body
(docs/protocol.md): ``{"candidates": [{"title", "note_ids"}], "assignments": [{"note_id",
"theme_id" | None, "score"}], "similar": [[note_id, ...], ...]}``.

engine.py sorts and groups; candidates.py and similar.py name and pair; words.py, voikko.py,
fallback.py and lexicon.py read the words; the quality benchmark (``python -m bench.themes``)
compares them with bench/theme_baseline.py. ``preload()`` at a worker's start spares the first
suggestion the loading of the dictionaries (Voikko: ~0.1 s; simplemma's Finnish: seconds).
"""

from .analysers import preload
from .data import NoteText, Suggestions, ThemeText
from .engine import suggest

__all__ = ["NoteText", "Suggestions", "ThemeText", "preload", "suggest"]
