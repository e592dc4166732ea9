"""Reading YAML node trees with line numbers, recording a Problem for everything wrong.

The files are composed (``yaml.compose``), not loaded, so that every key and value keeps its
position and a problem can name the exact line. A Reader collects problems instead of
raising, so one pass reports everything wrong in a file.
"""

from __future__ import annotations

import difflib
import re
import string
from pathlib import Path
from typing import NamedTuple

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .schema import (
    ID_PATTERN,
    ID_RULE,
    LANGUAGE_KEYS,
    MAX_FILE_BYTES,
    PLACEHOLDERS,
    Problem,
)

_SUFFIX_AFTER_PLACEHOLDER = re.compile(r":?[^\W_]")


class Entry(NamedTuple):
    """A key of a mapping together with its value node."""

    key: Node
    value: Node

    @property
    def line(self) -> int:
        return line_of(self.key)


def line_of(node: Node) -> int:
    return node.start_mark.line + 1


def join(path: str, part: str | int) -> str:
    return f"{path}.{part}" if path else str(part)


def placeholder_problem(text: str) -> str | None:
    """Why `text` is not a valid text template, or None when it is fine."""
    try:
        parts = list(string.Formatter().parse(text))
    except ValueError as exc:
        return f"unbalanced braces ({exc}); write a literal brace as {{{{ or }}}}"
    allowed = ", ".join("{" + name + "}" for name in PLACEHOLDERS)
    for index, (_, name, spec, conversion) in enumerate(parts):
        if name is None:
            continue
        if name not in PLACEHOLDERS or spec or conversion:
            return (
                f"unknown placeholder {{{name}}}; use {allowed}, "
                "or {{ and }} for a literal brace"
            )
        following = parts[index + 1][0] if index + 1 < len(parts) else ""
        if _SUFFIX_AFTER_PLACEHOLDER.match(following):
            # "{topic}a" or "{topic}:n" inflects the inserted word, which breaks for
            # arbitrary topics; the text must let the value stand on its own.
            return (
                f"{{{name}}} is followed directly by a word ending; phrase the text so the "
                f"value stands alone, e.g. '... ({{{name}}})' or '(aihe: {{{name}}})'"
            )
    return None


class Reader:
    """Typed access to the node tree of one file; problems are collected, never raised."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []
        self._constructor = SafeConstructor()

    def report(self, line: int, field: str, message: str) -> None:
        self.problems.append(Problem(self.file, line, field, message))

    def compose(self, path: Path) -> Node | None:
        """The root node of the file, or None (with a problem) when it cannot be read."""
        try:
            data = path.read_bytes()
        except OSError as exc:
            self.report(0, "file", f"cannot read the file: {exc.strerror or exc}")
            return None
        if len(data) > MAX_FILE_BYTES:
            self.report(0, "file", f"the file is larger than {MAX_FILE_BYTES} bytes")
            return None
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            self.report(line, "file", "the file is not UTF-8 text")
            return None
        try:
            root = yaml.compose(text, Loader=yaml.SafeLoader)
        except yaml.MarkedYAMLError as exc:
            # A scanner error's context is where the broken token starts (an unclosed
            # quote, a key without ':'); a parser error's problem is the offending line.
            scanner = isinstance(exc, yaml.scanner.ScannerError)
            mark = (exc.context_mark if scanner else None) or exc.problem_mark or exc.context_mark
            line = mark.line + 1 if mark else 1
            detail = "; ".join(part for part in (exc.context, exc.problem) if part)
            self.report(line, "file", f"YAML syntax error: {detail}")
            return None
        except yaml.YAMLError as exc:
            self.report(1, "file", f"YAML syntax error: {exc}")
            return None
        if root is None:
            self.report(1, "file", "the file is empty")
        return root

    def value(self, node: Node) -> object:
        try:
            return self._constructor.construct_object(node, deep=True)
        except ConstructorError:
            return None

    def mapping(
        self, node: Node, path: str, keys: dict[str, bool], line: int | None = None
    ) -> dict[str, Entry] | None:
        """The entries of a mapping node; `keys` maps each allowed key to whether it is
        required. A missing key is reported at `line` (the line of the parent key)."""
        if not isinstance(node, MappingNode):
            self.report(line_of(node), path or "file", "must be a mapping of 'key: value' lines")
            return None
        entries: dict[str, Entry] = {}
        for key_node, value_node in node.value:
            # The raw text, not the resolved value: a key such as `on` must not become True.
            key = key_node.value if isinstance(key_node, ScalarNode) else None
            if not isinstance(key, str) or not key:
                self.report(line_of(key_node), path or "file", "a key must be a plain word")
                continue
            if key not in keys:
                close = difflib.get_close_matches(key, keys, n=1)
                guess = f" (did you mean '{close[0]}'?)" if close else ""
                allowed = ", ".join(keys)
                self.report(
                    line_of(key_node), join(path, key), f"unknown key{guess}; allowed: {allowed}"
                )
            elif key in entries:
                self.report(line_of(key_node), join(path, key), "duplicate key")
            else:
                entries[key] = Entry(key_node, value_node)
        missing_line = line if line is not None else line_of(node)
        for key, required in keys.items():
            if required and key not in entries:
                self.report(missing_line, join(path, key), "missing required key")
        return entries

    def sequence(self, entry: Entry, path: str, min_items: int = 1) -> list[Node] | None:
        node = entry.value
        if not isinstance(node, SequenceNode):
            self.report(line_of(node), path, "must be a list ('- ' items)")
            return None
        if len(node.value) < min_items:
            self.report(entry.line, path, f"must have at least {min_items} item(s)")
            return None
        return list(node.value)

    def text(self, node: Node, path: str, template: bool = True) -> str | None:
        value = self.value(node) if isinstance(node, ScalarNode) else None
        if not isinstance(value, str):
            self.report(line_of(node), path, "must be text (quote it if it looks like a number)")
            return None
        if not value.strip():
            self.report(line_of(node), path, "must not be empty")
            return None
        problem = placeholder_problem(value) if template else None
        if problem:
            self.report(line_of(node), path, problem)
            return None
        return value.strip()

    def localized(self, entry: Entry, path: str) -> dict[str, str] | None:
        """A text in every language: a mapping with exactly the keys fi, sv and en."""
        if not isinstance(entry.value, MappingNode):
            languages = ", ".join(LANGUAGE_KEYS)
            self.report(line_of(entry.value), path, f"must give the text in each of {languages}")
            return None
        entries = self.mapping(entry.value, path, LANGUAGE_KEYS, line=entry.line)
        if entries is None:
            return None
        texts = {
            language: self.text(item.value, join(path, language))
            for language, item in entries.items()
        }
        if len(texts) != len(LANGUAGE_KEYS) or any(text is None for text in texts.values()):
            return None
        return {language: texts[language] for language in LANGUAGE_KEYS}

    def identifier(self, node: Node, path: str) -> str | None:
        value = self.value(node) if isinstance(node, ScalarNode) else None
        if not isinstance(value, str) or not ID_PATTERN.match(value):
            self.report(line_of(node), path, f"must be an id: {ID_RULE}")
            return None
        return value

    def flag(self, node: Node, path: str) -> bool | None:
        value = self.value(node) if isinstance(node, ScalarNode) else None
        if not isinstance(value, bool):
            self.report(line_of(node), path, "must be true or false")
            return None
        return value

    def integer(self, node: Node, path: str, low: int, high: int) -> int | None:
        value = self.value(node) if isinstance(node, ScalarNode) else None
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self.report(line_of(node), path, f"must be a whole number from {low} to {high}")
            return None
        return value

    def choice(self, node: Node, path: str, allowed: tuple[str, ...]) -> str | None:
        value = self.value(node) if isinstance(node, ScalarNode) else None
        if not isinstance(value, str) or value not in allowed:
            shown = value if isinstance(value, str) else getattr(node, "value", "?")
            options = ", ".join(allowed)
            self.report(line_of(node), path, f"unknown value '{shown}'; one of: {options}")
            return None
        return value
