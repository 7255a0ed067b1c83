"""Splitting a `%%qsharp` cell into its top-level pieces.

We need the pieces for two reasons. A cell is replayed into a profile-specific
interpreter to produce QIR for hardware, and only its declarations must be
replayed there (re-running a trailing `GenerateRandomBit()` would simulate it
again, and a callable that a restricted profile rejects must not take the whole
cell down with it). And `%%qsharp --submit` needs the cell's last expression as
the entry point. Q# has no block comments, so a small scanner that knows
strings, `//` comments and bracket depth is enough.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_DECLARATION_WORDS = {
    "open",
    "import",
    "export",
    "operation",
    "function",
    "newtype",
    "struct",
    "namespace",
    "internal",
}
#: Keywords that continue a statement after its closing brace.
_CONTINUATIONS = ("else", "elif", "apply", "until", "fixup")
_ATTRIBUTE = re.compile(r"@\w+\s*(\([^)]*\))?\s*")
_CALLABLE = re.compile(r"\b(?:operation|function)\s+([A-Za-z_]\w*)")
_NAMESPACE = re.compile(r"^\s*namespace\s+([\w.]+)")


@dataclass(frozen=True)
class Segment:
    """One top-level item or statement of a cell."""

    text: str
    #: 0-based line of the cell where the segment starts.
    line: int
    #: False for a trailing expression without `;` (the cell's value).
    terminated: bool
    #: Character offset of the segment in the cell.
    offset: int = 0
    #: 0-based column where the segment starts.
    column: int = 0

    @property
    def head(self) -> str:
        """The segment's first word, after comments and attributes."""
        body = _strip_comments(self.text).strip()
        while body.startswith("@"):
            match = _ATTRIBUTE.match(body)
            if not match:
                break
            body = body[match.end() :]
        word = re.match(r"[A-Za-z_]\w*", body)
        return word.group(0) if word else ""

    @property
    def is_declaration(self) -> bool:
        return self.head in _DECLARATION_WORDS

    @property
    def callable_names(self) -> list[str]:
        """Qualified names of the callables this segment declares."""
        body = _strip_comments(self.text)
        names = _CALLABLE.findall(body)
        namespace = _NAMESPACE.match(body)
        if namespace:
            return [f"{namespace.group(1)}.{name}" for name in names]
        return names

    @property
    def is_blank(self) -> bool:
        return not _strip_comments(self.text).strip()

    def padded(self) -> str:
        """The text preceded by blank lines, so diagnostics keep the cell's line numbers."""
        return "\n" * self.line + " " * self.column + self.text


def _strip_comments(text: str) -> str:
    out = []
    for line in text.splitlines():
        out.append(_cut_comment(line))
    return "\n".join(out)


def _cut_comment(line: str) -> str:
    in_string = False
    i = 0
    while i < len(line):
        ch = line[i]
        if in_string:
            if ch == "\\":
                i += 1
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif line.startswith("//", i):
            return line[:i]
        i += 1
    return line


def split(source: str) -> list[Segment]:
    """Top-level segments of `source`, in order; blank/comment-only tail dropped."""
    segments: list[Segment] = []
    depth = 0
    start = 0
    i = 0
    n = len(source)
    in_string = False
    while i < n:
        ch = source[i]
        if in_string:
            if ch == "\\":
                i += 1
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif source.startswith("//", i):
            end = source.find("\n", i)
            i = n if end < 0 else end
            continue
        elif ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth = max(depth - 1, 0)
            if ch == "}" and depth == 0 and not _continues(source, i + 1):
                segments.append(_segment(source, start, i + 1, True))
                start = i + 1
        elif ch == ";" and depth == 0:
            segments.append(_segment(source, start, i + 1, True))
            start = i + 1
        i += 1
    tail = _segment(source, start, n, False)
    if not tail.is_blank:
        segments.append(tail)
    return [segment for segment in segments if not segment.is_blank]


def _continues(source: str, index: int) -> bool:
    rest = _strip_leading_space_and_comments(source[index:])
    return any(re.match(rf"{word}\b", rest) for word in _CONTINUATIONS)


def _strip_leading_space_and_comments(text: str) -> str:
    while True:
        stripped = text.lstrip()
        if stripped.startswith("//"):
            newline = stripped.find("\n")
            text = "" if newline < 0 else stripped[newline:]
            continue
        return stripped


def _segment(source: str, start: int, end: int, terminated: bool) -> Segment:
    raw = source[start:end]
    # Move the start past leading blank lines so `line` points at real code.
    leading = len(raw) - len(raw.lstrip("\n\r\t "))
    newline_in_leading = raw[:leading].rfind("\n")
    if newline_in_leading >= 0:
        raw = raw[newline_in_leading + 1 :]
        start += newline_in_leading + 1
    column = start - (source.rfind("\n", 0, start) + 1)
    return Segment(raw, source.count("\n", 0, start), terminated, start, column)


def declarations(segments: list[Segment]) -> list[Segment]:
    return [segment for segment in segments if segment.is_declaration]


def declarations_only(source: str) -> str:
    """The cell with everything but its declarations blanked out.

    Line and column numbers stay those of the cell, so diagnostics from a
    replay point at the right place.
    """
    chars = list(source)
    for segment in split(source):
        if segment.is_declaration:
            continue
        for i in range(segment.offset, segment.offset + len(segment.text)):
            if chars[i] not in "\r\n":
                chars[i] = " "
    return "".join(chars)


def entry_expression(source: str) -> tuple[str, str | None]:
    """Split a cell into (everything but the last expression, the last expression).

    The last expression is the trailing segment that has no `;`, as in
    `GenerateRandomBit()`; None when the cell ends with a declaration or a
    terminated statement.
    """
    segments = split(source)
    if not segments or segments[-1].terminated or segments[-1].is_declaration:
        return source, None
    last = segments[-1]
    return source[: last.offset], _strip_comments(last.text).strip()
