"""Placeholder until the engine lands: the baseline."""

from .baseline import suggest

__all__ = ["suggest"]
