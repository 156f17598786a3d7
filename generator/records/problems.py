"""The one shape every check reports in: a located problem with a rule id."""

from __future__ import annotations

from dataclasses import asdict, dataclass

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """A problem found at `path:line:col`; `json_path` names the value ($ for the whole file)."""

    path: str
    line: int
    col: int
    severity: str
    json_path: str
    message: str
    rule: str

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def json_path(parts: tuple[object, ...] | list[object]) -> str:
    """`('services', 0, 'phones')` -> `$.services[0].phones`."""
    out = "$"
    for p in parts:
        out += f"[{p}]" if isinstance(p, int) else f".{p}"
    return out
