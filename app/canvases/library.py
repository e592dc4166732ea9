"""The canvas library: the shipped canvas files plus an organisation's own directories.

A broken file never stops the loading: its problems are recorded (and logged by
load_library) and the file is left out, while every other file still loads.
"""

from __future__ import annotations

import importlib.resources
import logging
from collections.abc import Iterable, Sequence
from pathlib import Path

from yaml.nodes import Node

from .canvas_file import parse_canvas
from .model import Canvas, Template, fill
from .reader import Reader, line_of
from .schema import Problem
from .template_file import PendingTemplate, is_template, parse_template, resolve_template

logger = logging.getLogger("pajapohja.canvases")

SUFFIXES = (".yaml", ".yml")


def shipped_dir() -> Path:
    """The canvases that come with Pajapohja: the installed package data (the wheel maps the
    repository's `canvases/` to `app/shipped_canvases`), else the checkout's `canvases/`."""
    installed = Path(str(importlib.resources.files("app") / "shipped_canvases"))
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parents[2] / "canvases"


class CanvasLibrary:
    """Loaded canvases and workshop templates, in load order, plus the problems found."""

    def __init__(
        self,
        canvases: dict[str, Canvas] | None = None,
        templates: dict[str, Template] | None = None,
        problems: list[Problem] | None = None,
    ) -> None:
        self.canvases: dict[str, Canvas] = canvases or {}
        self.templates: dict[str, Template] = templates or {}
        self.problems: list[Problem] = problems or []

    def canvas(self, canvas_id: str) -> Canvas | None:
        return self.canvases.get(canvas_id)

    def template(self, template_id: str) -> Template | None:
        return self.templates.get(template_id)

    def to_api(self) -> dict:
        """The library as `GET /api/v1/canvases` returns it. Titles are shown without a
        workshop, so {topic} and {organisation} are filled with nothing."""
        return {
            "canvases": [
                {"id": canvas.id, "kind": canvas.kind, "title": _plain(canvas.title)}
                for canvas in self.canvases.values()
            ],
            "workshop_templates": [
                {
                    "id": template.id,
                    "title": _plain(template.title),
                    "workshops": [list(plan.steps) for plan in template.workshops],
                }
                for template in self.templates.values()
            ],
        }


def _plain(texts: dict[str, str]) -> dict[str, str]:
    return {language: fill(text, {}) for language, text in texts.items()}


def yaml_files(directory: Path) -> list[Path]:
    """Every *.yaml / *.yml under `directory`, sorted; hidden files and folders are skipped."""
    found = [
        path
        for path in directory.rglob("*")
        if path.suffix in SUFFIXES
        and path.is_file()
        and not any(part.startswith(".") for part in path.relative_to(directory).parts)
    ]
    return sorted(found, key=lambda path: path.relative_to(directory).as_posix())


class _Loader:
    def __init__(self) -> None:
        self.canvases: dict[str, Canvas] = {}
        self.pending: list[PendingTemplate] = []
        self.problems: list[Problem] = []
        self._seen: set[Path] = set()

    def add(self, path: Path) -> None:
        if path.is_dir():
            for file in yaml_files(path):
                self.add_file(file)
        elif path.is_file():
            self.add_file(path)
        else:
            self.problems.append(Problem(str(path), 0, "file", "no such file or directory"))

    def add_file(self, path: Path) -> None:
        resolved = path.resolve()
        if resolved in self._seen:
            return
        self._seen.add(resolved)
        reader = Reader(str(path))
        root = reader.compose(path)
        if root is not None and is_template(root):
            pending = parse_template(reader, root, str(path))
            if pending is not None:
                self.pending.append(pending)
        elif root is not None:
            canvas = parse_canvas(reader, root, str(path))
            if canvas is not None:
                self._add_canvas(reader, canvas, _id_line(root))
        self.problems.extend(reader.problems)

    def _add_canvas(self, reader: Reader, canvas: Canvas, id_line: int) -> None:
        earlier = self.canvases.get(canvas.id)
        if earlier is not None:
            reader.report(
                id_line,
                "id",
                f"duplicate canvas id '{canvas.id}' (already defined in {earlier.source}); "
                "this file is left out",
            )
            return
        self.canvases[canvas.id] = canvas

    def finish(self) -> CanvasLibrary:
        templates: dict[str, Template] = {}
        for pending in self.pending:
            template = pending.template
            resolved = resolve_template(pending, self.canvases)
            if resolved and template.id in templates:
                pending.reader.report(
                    pending.id_line,
                    "id",
                    f"duplicate template id '{template.id}' (already defined in "
                    f"{templates[template.id].source}); this file is left out",
                )
            elif resolved:
                templates[template.id] = template
            self.problems.extend(pending.reader.problems)
        return CanvasLibrary(self.canvases, templates, self.problems)


def _id_line(root: Node) -> int:
    """The line of the top-level `id:` of a file that has already parsed cleanly."""
    for key, _ in root.value:
        if key.value == "id":
            return line_of(key)
    return 1


def _load(paths: Iterable[Path | str]) -> CanvasLibrary:
    loader = _Loader()
    loader.add(shipped_dir())
    for path in paths:
        loader.add(Path(path))
    return loader.finish()


def load_library(extra_dirs: Sequence[Path | str] = ()) -> CanvasLibrary:
    """Load the shipped canvases, then each extra directory in order.

    Never raises for a bad file: each problem is logged and kept in `library.problems`,
    and the file is left out. A later file may add canvases and templates but not replace
    one with the same id; that too is a problem.
    """
    library = _load(extra_dirs)
    for problem in library.problems:
        logger.error(str(problem))
    return library


def check_paths(paths: Sequence[Path | str]) -> list[Problem]:
    """Problems in the given files and directories, read together with the shipped library
    (so their templates may name shipped canvases). No paths: check the shipped library."""
    return list(_load(paths).problems)
