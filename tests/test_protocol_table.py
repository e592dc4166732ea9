"""The protocol is written once, in app/protocol.py: the generated events.js and the tables of
docs/protocol.md are what `python -m app.protocol` writes now, every event of the table has a
handler and a row in the document, and no event name is written as a literal anywhere else."""

import ast
import re
from pathlib import Path

import pytest

from app import protocol
from app.protocol import BROADCAST_TYPES, CLIENT_EVENTS, Broadcast, Server

ROOT = Path(__file__).resolve().parents[1]
GENERATED = {ROOT / "app" / "protocol.py", ROOT / "app" / "static" / "js" / "lib" / "events.js"}
NAMES = set(CLIENT_EVENTS) | set(BROADCAST_TYPES) | set(protocol.names(Server).values())
DOTTED = {name for name in NAMES if "." in name}

# Strings equal to an event name that name something else.
NOT_EVENTS = {
    # export.json's field path of a workshop's status, in an import error's ``field``
    ("app/exports/transfer_check.py", "workshop.status"),
}

# Python: where a bare word ("join", "hidden", "event"...) is used as an event name.
PY_EVENT_CALLS = {"emit", "on", "on_event", "handler", "send", "call", "_on", "note_event"}
PY_TYPE_FIELDS = {"type", "message"}  # event.type, request.event["message"], {"type": ...}
# JavaScript: a socket call, or a comparison with a ``type``.
JS_EVENT_CALL = re.compile(r"(\.emit|\.on|\.once|\.off|\bsend|\bcall)\(\s*$")
JS_TYPE_BEFORE = re.compile(r"\btype\s*[!=]==?\s*$")
JS_TYPE_AFTER = re.compile(r"^\s*[!=]==?\s*[\w.?]*\btype\b")


def _is_type_field(node: ast.AST) -> bool:
    if isinstance(node, ast.Attribute):
        return node.attr in PY_TYPE_FIELDS
    if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant):
        return node.slice.value in PY_TYPE_FIELDS
    return False


def _py_event_uses(tree: ast.AST):
    """The string constants that stand where an event name goes."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            on_log = isinstance(func, ast.Attribute) and getattr(func.value, "id", "") == "log"
            if called in PY_EVENT_CALLS or (on_log and called == "append"):
                yield from node.args
        elif isinstance(node, ast.Compare):
            operands = [node.left, *node.comparators]
            if any(_is_type_field(operand) for operand in operands):
                yield from operands
        elif isinstance(node, ast.Dict):
            for key, value in zip(node.keys, node.values, strict=True):
                if isinstance(key, ast.Constant) and key.value in PY_TYPE_FIELDS:
                    yield value


def python_literals(source: str) -> list[tuple[int, str]]:
    """(line, name) of every event name written as a literal in Python source."""
    tree = ast.parse(source)
    found = {
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and node.value in DOTTED
    }
    found |= {
        (node.lineno, node.value)
        for node in _py_event_uses(tree)
        if isinstance(node, ast.Constant) and node.value in NAMES
    }
    return sorted(found)


REGEX_MAY_FOLLOW = set("(,=:[!&|?{};+-*%<>~^")


def js_strings(source: str) -> list[tuple[int, int, str]]:
    """(start, end, text) of the string literals of JavaScript source, comments skipped."""
    strings, i, last = [], 0, ""
    while i < len(source):
        char = source[i]
        if source.startswith("//", i) or source.startswith("/*", i):
            close = "\n" if source[i + 1] == "/" else "*/"
            end = source.find(close, i + 2)
            i = len(source) if end < 0 else end + len(close)
            continue
        if char in "\"'`":
            j = i + 1
            while j < len(source) and source[j] != char:
                j += 2 if source[j] == "\\" else 1
            strings.append((i, j + 1, source[i + 1 : j]))
            i, last = j + 1, char
            continue
        if char == "/" and (last == "" or last in REGEX_MAY_FOLLOW):  # a regular expression
            j, in_class = i + 1, False
            while j < len(source) and source[j] != "\n" and (source[j] != "/" or in_class):
                if source[j] == "\\":
                    j += 1
                elif source[j] in "[]":
                    in_class = source[j] == "["
                j += 1
            i, last = j + 1, "/"
            continue
        if not char.isspace():
            last = char
        i += 1
    return strings


def js_literals(source: str) -> list[tuple[int, str]]:
    """(line, name) of every event name written as a literal in JavaScript source."""
    found = []
    for start, end, text in js_strings(source):
        if text not in NAMES:
            continue
        before, after = source[max(0, start - 40) : start], source[end : end + 40]
        used_as_event = (
            JS_EVENT_CALL.search(before)
            or JS_TYPE_BEFORE.search(before)
            or JS_TYPE_AFTER.match(after)
        )
        if text in DOTTED or used_as_event:
            found.append((source.count("\n", 0, start) + 1, text))
    return found


def literals_in(path: Path) -> list[str]:
    source = path.read_text(encoding="utf-8")
    found = python_literals(source) if path.suffix == ".py" else js_literals(source)
    where = path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else str(path)
    return [f"{where}:{line}: {name!r}" for line, name in found if (where, name) not in NOT_EVENTS]


def code_files():
    app = ROOT / "app"
    files = [*app.rglob("*.py"), *(app / "static" / "js").rglob("*.js")]
    return sorted(path for path in files if path not in GENERATED)


def test_no_event_name_is_written_as_a_literal_outside_the_table():
    found = [hit for path in code_files() for hit in literals_in(path)]
    assert found == [], (
        "use the constants of app/protocol.py (or events.js) instead:\n" + "\n".join(found)
    )


def test_the_scanner_finds_planted_literals(tmp_path):
    planted_py = tmp_path / "planted.py"
    planted_py.write_text(
        "def f(socketio, log, event, viewer):\n"
        '    log.append(1, "step.state", {})\n'
        '    socketio.emit("event", {})\n'
        '    if event.type == "hidden":\n'
        "        pass\n"
        '    return {"hidden": True, "join": "Liity", "kind": "notes.csv"}\n'
    )
    assert literals_in(planted_py) == [
        f"{planted_py}:2: 'step.state'",
        f"{planted_py}:3: 'event'",
        f"{planted_py}:4: 'hidden'",
    ]
    planted_js = tmp_path / "planted.js"
    planted_js.write_text(
        "// a comment about note.add and `note.added`\n"
        'socket.emit("note.add", {});\n'
        "if (event.type === 'note.added') show();\n"
        'socket.on("presence", (p) => p);\n'
        'el("input", { type: "hidden", class: "section.column" });\n'
        'const word = "join";\n'
        "const pattern = /\"'/;\n"
        'if ("resync" === message.type) again();\n'
    )
    assert literals_in(planted_js) == [
        f"{planted_js}:2: 'note.add'",
        f"{planted_js}:3: 'note.added'",
        f"{planted_js}:4: 'presence'",
        f"{planted_js}:8: 'resync'",
    ]


def test_generated_events_js_is_what_the_table_writes():
    written = protocol.JS_PATH.read_text(encoding="utf-8")
    assert written == protocol.render_js(), "run `python -m app.protocol` and commit the result"


def test_protocol_doc_tables_are_what_the_table_writes():
    written = protocol.DOC_PATH.read_text(encoding="utf-8")
    assert written == protocol.render_doc(written), "run `python -m app.protocol` and commit"


def test_every_table_entry_has_a_row_in_the_protocol_doc():
    doc = protocol.DOC_PATH.read_text(encoding="utf-8")
    rows = set(re.findall(r"^\| `([^`]+)` \|", doc, re.MULTILINE))
    assert set(CLIENT_EVENTS) | set(BROADCAST_TYPES) <= rows


def test_every_table_event_has_a_handler_and_every_handler_is_in_the_table(app):
    from app.realtime import HANDLERS

    assert set(HANDLERS) == set(CLIENT_EVENTS)


def test_a_handler_for_a_name_outside_the_table_is_refused():
    from app.realtime import handler

    with pytest.raises(ValueError, match="not in the protocol table"):
        handler("note.ad")


def test_every_broadcast_type_is_sent_by_some_code():
    sources = "\n".join(path.read_text(encoding="utf-8") for path in code_files())
    unused = [
        name
        for key, name in protocol.names(Broadcast).items()
        if not re.search(rf"\bBroadcast\.{key}\b", sources)
    ]
    assert unused == []


def test_the_js_keeps_its_export_names_for_every_name():
    js = protocol.render_js()
    for name in CLIENT_EVENTS:
        assert f'"{name}"' in js.split("export const SERVER_EVENT ")[0]
    for name in BROADCAST_TYPES:
        assert f'"{name}"' in js.split("export const EVENT_TYPES")[1]
    assert f'export const SERVER_EVENT = "{Server.EVENT}";' in js
