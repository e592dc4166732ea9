"""Help: the participant help page and the facilitator guide (``docs/guide.*.md``, rendered)."""
