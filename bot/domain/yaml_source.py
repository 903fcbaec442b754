"""YAML loading that remembers the line of every value, so errors can point at it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

Location = tuple[str | int, ...]


class YamlSyntaxError(ValueError):
    """A file that is not valid YAML; `line` is 1-based."""

    def __init__(self, path: Path, line: int, message: str) -> None:
        super().__init__(f"{path}:{line}: {message}")
        self.path = path
        self.line = line
        self.message = message


@dataclass(frozen=True)
class YamlDocument:
    """Parsed data plus the 1-based line of each value, keyed by its location."""

    path: Path
    data: Any
    lines: dict[Location, int]

    def line_of(self, location: Location) -> int:
        """Line of the value at `location`, or of its nearest ancestor that exists."""
        for end in range(len(location), -1, -1):
            line = self.lines.get(location[:end])
            if line is not None:
                return line
        return 1


# libyaml's loader when PyYAML was built with it: same results, several times faster.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(path: Path) -> YamlDocument:
    text = path.read_text(encoding="utf-8")
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        raise YamlSyntaxError(path, line, f"invalid YAML: {error.problem or error}") from None
    finally:
        loader.dispose()
    lines: dict[Location, int] = {}
    if node is not None:
        _record_lines(node, (), node.start_mark.line + 1, lines)
    return YamlDocument(path, data, lines)


def _record_lines(
    node: yaml.Node, location: Location, line: int, lines: dict[Location, int]
) -> None:
    """A mapping value is located at its key's line, a list item at its own line."""
    lines[location] = line
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1
            _record_lines(value_node, (*location, str(key_node.value)), key_line, lines)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _record_lines(item, (*location, index), item.start_mark.line + 1, lines)
