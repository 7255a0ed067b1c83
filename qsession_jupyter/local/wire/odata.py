"""The SDK's `filter` and `orderby` strings, translated to SQL over the items table.

The SDK writes a small OData subset (contract §2.4): `startswith(Name, '…')`,
`(Field eq '…' or …)`, `CreationTime ge|le YYYY-MM-DD`, joined by `and`. It
also forgets the `and` between two date bounds
(`CreationTime ge 2020-01-01CreationTime le 2099-01-01`), so adjacent
comparisons are read as `and` here, as the real service tolerates.
Values are always bound parameters, never pasted into SQL.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

from ..errors import bad_request

#: The SDK's field names and the column each reads.
FIELD_COLUMNS = {
    "Name": "name",
    "Id": "id",
    "ItemType": "item_type",
    "JobType": "job_type",
    "ProviderId": "provider_id",
    "Target": "target",
    "State": "status",
    "CreationTime": "creation_time",
    "SessionId": "session_id",
}
#: Lower-cased for lookup, with two spellings the SDK does not write but people do.
FIELDS = {name.lower(): column for name, column in FIELD_COLUMNS.items()} | {
    "provider": "provider_id",
    "status": "status",
}
ORDERABLE = set(FIELDS) - {"sessionid", "provider"}
COMPARISONS = {"eq": "=", "ne": "!=", "gt": ">", "ge": ">=", "lt": "<", "le": "<="}
FUNCTIONS = {"startswith", "endswith", "contains"}

_TOKEN = re.compile(
    r"""\s*(?:
        (?P<string>'(?:[^']|'')*')
      | (?P<datetime>\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})?)?)
      | (?P<number>-?\d+(?:\.\d+)?)
      | (?P<word>[A-Za-z_][A-Za-z0-9_]*)
      | (?P<punct>[(),])
    )""",
    re.VERBOSE,
)

MAX_FILTER_LENGTH = 4000
#: SQLite's parser gives up at about 50 levels; the SDK never writes more than one.
MAX_NESTING = 20


def _tokens(text: str) -> list[tuple[str, str]]:
    tokens, position = [], 0
    text = text.rstrip()
    while position < len(text):
        match = _TOKEN.match(text, position)
        if not match or match.end() == position:
            raise bad_request(
                f"Cannot read the filter at character {position + 1}: '{text[position : position + 20]}'.",
                "InvalidFilter",
            )
        kind = match.lastgroup
        tokens.append((kind, match.group(kind)))
        position = match.end()
    return tokens


class _Parser:
    def __init__(self, text: str) -> None:
        self.tokens = _tokens(text)
        self.position = 0
        self.params: list = []
        self.depth = 0

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.position] if self.position < len(self.tokens) else None

    def take(self) -> tuple[str, str]:
        token = self.peek()
        if token is None:
            raise bad_request("The filter ends too early.", "InvalidFilter")
        self.position += 1
        return token

    def expect(self, value: str) -> None:
        kind, text = self.take()
        if text.lower() != value:
            raise bad_request(f"Expected '{value}' in the filter, found '{text}'.", "InvalidFilter")

    def is_word(self, *words: str) -> bool:
        token = self.peek()
        return token is not None and token[0] == "word" and token[1].lower() in words

    def parse(self) -> str:
        sql = self.disjunction()
        if self.peek() is not None:
            raise bad_request(f"Unexpected '{self.peek()[1]}' in the filter.", "InvalidFilter")
        return sql

    def disjunction(self) -> str:
        parts = [self.conjunction()]
        while self.is_word("or"):
            self.take()
            parts.append(self.conjunction())
        return parts[0] if len(parts) == 1 else "(" + " OR ".join(parts) + ")"

    def conjunction(self) -> str:
        parts = [self.unary()]
        while True:
            if self.is_word("and"):
                self.take()
            elif not self._starts_term():
                break
            parts.append(self.unary())
        return parts[0] if len(parts) == 1 else "(" + " AND ".join(parts) + ")"

    def _starts_term(self) -> bool:
        token = self.peek()
        if token is None:
            return False
        return token[1] == "(" or (token[0] == "word" and token[1].lower() not in ("or", "and"))

    def unary(self) -> str:
        if self.is_word("not"):
            self.take()
            return f"NOT ({self.nested(self.unary)})"
        token = self.peek()
        if token and token[1] == "(":
            self.take()
            inner = self.nested(self.disjunction)
            self.expect(")")
            return f"({inner})"
        kind, word = self.take()
        if kind != "word":
            raise bad_request(
                f"Expected a field name in the filter, found '{word}'.", "InvalidFilter"
            )
        if word.lower() in FUNCTIONS:
            return self.function(word.lower())
        return self.comparison(word)

    def nested(self, parse) -> str:
        self.depth += 1
        if self.depth > MAX_NESTING:
            raise bad_request(
                f"The filter is nested more than {MAX_NESTING} levels deep.", "InvalidFilter"
            )
        try:
            return parse()
        finally:
            self.depth -= 1

    def function(self, name: str) -> str:
        self.expect("(")
        column = self.column(self.take()[1])
        self.expect(",")
        value = self.literal_string()
        self.expect(")")
        escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        pattern = {
            "startswith": f"{escaped}%",
            "endswith": f"%{escaped}",
            "contains": f"%{escaped}%",
        }[name]
        self.params.append(pattern)
        return f"{column} LIKE ? ESCAPE '\\'"

    def comparison(self, field: str) -> str:
        column = self.column(field)
        kind, op = self.take()
        if op.lower() not in COMPARISONS:
            raise bad_request(
                f"Unknown comparison '{op}' in the filter; use eq, ne, gt, ge, lt or le.",
                "InvalidFilter",
            )
        op = op.lower()
        kind, raw = self.take()
        if kind == "word" and raw.lower() == "null":
            if op not in ("eq", "ne"):
                raise bad_request("Only eq and ne compare with null.", "InvalidFilter")
            return f"{column} IS {'NOT ' if op == 'ne' else ''}NULL"
        if column == "creation_time":
            return self.time_comparison(column, op, kind, raw)
        if kind == "string":
            value = raw[1:-1].replace("''", "'")
        elif kind in ("number", "datetime"):
            value = raw
        else:
            raise bad_request(
                f"Expected a quoted value after '{field} {op}', found '{raw}'.", "InvalidFilter"
            )
        if column == "provider_id":
            column, value = "lower(provider_id)", value.lower()
        self.params.append(value)
        return f"{column} {COMPARISONS[op]} ?"

    def time_comparison(self, column: str, op: str, kind: str, raw: str) -> str:
        if kind == "string":
            raw, kind = raw[1:-1], "datetime"
        if kind != "datetime":
            raise bad_request(
                f"CreationTime compares with a date such as 2024-05-01, not '{raw}'.",
                "InvalidFilter",
            )
        try:
            if len(raw) == 10:
                # A bare date stands for the whole day: `le 2024-05-01` includes that day.
                start = datetime.combine(date.fromisoformat(raw), datetime.min.time(), UTC)
                day_start, next_day = start.timestamp(), (start + timedelta(days=1)).timestamp()
                bound = {"ge": day_start, "lt": day_start, "gt": next_day, "le": next_day}.get(
                    op, day_start
                )
                sql_op = {"le": "<", "gt": ">="}.get(op, COMPARISONS[op])
                if op in ("eq", "ne"):
                    self.params.extend([day_start, next_day])
                    inside = f"({column} >= ? AND {column} < ?)"
                    return inside if op == "eq" else f"NOT {inside}"
                self.params.append(bound)
                return f"{column} {sql_op} ?"
            moment = datetime.fromisoformat(raw.replace("Z", "+00:00"))
        except (ValueError, OverflowError):
            raise bad_request(f"'{raw}' is not a valid date.", "InvalidFilter") from None
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        self.params.append(moment.timestamp())
        return f"{column} {COMPARISONS[op]} ?"

    def literal_string(self) -> str:
        kind, raw = self.take()
        if kind != "string":
            raise bad_request(
                f"Expected a quoted string in the filter, found '{raw}'.", "InvalidFilter"
            )
        return raw[1:-1].replace("''", "'")

    def column(self, field: str) -> str:
        column = FIELDS.get(field.lower())
        if column is None:
            known = ", ".join(FIELD_COLUMNS)
            raise bad_request(
                f"Unknown field '{field}' in the filter; known fields: {known}.", "InvalidFilter"
            )
        return column


def filter_to_sql(text: str | None) -> tuple[str, list]:
    """Translate a filter into a SQL condition and its parameters ('1' when empty)."""
    if not text or not text.strip():
        return "1", []
    if len(text) > MAX_FILTER_LENGTH:
        raise bad_request(
            f"The filter is longer than {MAX_FILTER_LENGTH} characters.", "InvalidFilter"
        )
    parser = _Parser(text)
    return parser.parse(), parser.params


def orderby_to_sql(text: str | None, default_descending: bool = False) -> str:
    """Translate `Prop asc|desc[, …]`; creation order breaks ties so pages are stable."""
    direction = "DESC" if default_descending else "ASC"
    if not text or not text.strip():
        return f"creation_time {direction}, seq {direction}"
    clauses = []
    for part in text.split(","):
        words = part.split()
        if not words or len(words) > 2 or words[0].lower() not in ORDERABLE:
            raise bad_request(
                f"Cannot order by '{part.strip()}'; use Name, ItemType, JobType, ProviderId, Target, State or CreationTime, then asc or desc.",
                "InvalidOrderBy",
            )
        way = words[1].lower() if len(words) == 2 else "asc"
        if way not in ("asc", "desc"):
            raise bad_request(
                f"Order direction must be asc or desc, not '{words[1]}'.", "InvalidOrderBy"
            )
        clauses.append(f"{FIELDS[words[0].lower()]} {way.upper()}")
        direction = way.upper()
    return ", ".join(clauses + [f"seq {direction}"])
