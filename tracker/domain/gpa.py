"""Grade point averages on any scale, and the eligibility warning for programs with a GPA cut-off.

Students write GPAs as "7.1/10", "3.6/4", "85/100" or "85%". Programs state cut-offs on their own
scale (DAAD WISE: 8/10). To compare, both are reduced to a fraction of their scale. That linear
conversion is a simplification: real conversions (e.g. WES, or a university's own table) are not
linear, so the result is only ever a warning, never a block.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

ACCEPTED = '"7.1/10", "3.6/4", "85/100", "85%" or a bare number like "8"'

_NUMBER = r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)"
_PATTERN = re.compile(rf"^\s*({_NUMBER})\s*(?:/\s*({_NUMBER})\s*|(%)\s*)?$")


class GpaError(ValueError):
    """A GPA that cannot be understood; the message says what was wrong and what is accepted."""


def format_number(x: float) -> str:
    """A number as a person writes it: 10 not 10.0, 7.1 not 7.1000000001."""
    return f"{round(x, 3):g}"


@dataclass(frozen=True)
class Gpa:
    """A GPA `value` out of `scale` (e.g. 7.1 out of 10). Validated on creation."""

    value: float
    scale: float

    def __post_init__(self) -> None:
        if not (math.isfinite(self.value) and math.isfinite(self.scale)):
            raise GpaError(f"GPA {self.value}/{self.scale} is not a finite number; use {ACCEPTED}")
        if self.scale <= 0:
            raise GpaError(f"GPA scale must be above 0, got {format_number(self.scale)}; use {ACCEPTED}")
        if self.value < 0:
            raise GpaError(f"GPA cannot be negative, got {format_number(self.value)}; use {ACCEPTED}")
        if self.value > self.scale:
            raise GpaError(
                f"GPA {format_number(self.value)} is above its scale of {format_number(self.scale)}; use {ACCEPTED}"
            )

    def fraction(self) -> float:
        """The GPA as a fraction of its scale, between 0 and 1."""
        return self.value / self.scale

    def on_scale(self, scale: float) -> float:
        """The same GPA converted linearly to another scale (a simplification, see the module doc)."""
        if not math.isfinite(scale) or scale <= 0:
            raise GpaError(f"GPA scale must be above 0, got {scale}; use {ACCEPTED}")
        return self.value / self.scale * scale

    def __str__(self) -> str:
        return f"{format_number(self.value)}/{format_number(self.scale)}"


def _infer_scale(value: float) -> float:
    """The scale a bare number is most likely on: 4 (or 4.3 for US A+ systems), 10, or 100."""
    if value <= 4:
        return 4.0
    if value <= 4.3:
        return 4.3
    if value <= 10:
        return 10.0
    if value <= 100:
        return 100.0
    raise GpaError(f"cannot tell the scale of GPA {format_number(value)} (above 100); use {ACCEPTED}")


def parse_gpa(text: str) -> Gpa:
    """Parse "7.1/10", "3.6 / 4", "85/100", "85%" or a bare number (its scale is inferred).

    Raises GpaError for garbage, negatives, a scale of 0 or less, and a value above its scale.
    """
    match = _PATTERN.match(text)
    if match is None:
        raise GpaError(f"cannot read GPA {text.strip()!r}; use {ACCEPTED}")
    value = float(match.group(1))
    if value < 0:
        raise GpaError(f"GPA cannot be negative, got {text.strip()!r}; use {ACCEPTED}")
    if match.group(2) is not None:
        scale = float(match.group(2))
    elif match.group(3) is not None:
        scale = 100.0
    else:
        scale = _infer_scale(value)
    return Gpa(value, scale)


def gpa_or_none(text: str | None) -> Gpa | None:
    """A stored GPA ("7.1/10"), None when empty or unreadable (it was checked when it was written)."""
    if not text:
        return None
    try:
        return parse_gpa(text)
    except GpaError:
        return None


def _pair(a: float, b: float) -> tuple[str, str]:
    """Format two different numbers with the fewest decimals (at least one) that tell them apart."""
    for digits in range(1, 5):
        left, right = f"{a:.{digits}f}", f"{b:.{digits}f}"
        if left != right:
            return left, right
    return left, right


def eligibility_warning(profile: Gpa | None, cutoff: Gpa | None, *, what: str) -> str | None:
    """A one-line warning when the student's GPA is below a cut-off, else None.

    Compared as fractions of their scales (linear conversion, a simplification), so 3.6/4 meets 8/10.
    None when either GPA is unknown. The warning never says the student cannot apply.
    """
    if profile is None or cutoff is None:
        return None
    if profile.fraction() >= cutoff.fraction() - 1e-9:
        return None
    mine, theirs = _pair(profile.on_scale(cutoff.scale), cutoff.value)
    return (
        f"Your GPA {profile} is below the cut-off of {cutoff} for {what} "
        f"({mine} vs {theirs} on its scale); you can still apply."
    )
