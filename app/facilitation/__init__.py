"""Facilitation: steering the room — steps, timer, hide/reveal, lock, voting, themes,
moderation, presence and small groups."""
