"""GPA parsing, conversion between scales, and the eligibility warning."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.domain.gpa import Gpa, GpaError, eligibility_warning, parse_gpa


@pytest.mark.parametrize(
    ("text", "value", "scale"),
    [
        ("7.1/10", 7.1, 10),
        ("3.6 / 4", 3.6, 4),
        ("85/100", 85, 100),
        ("85%", 85, 100),
        ("85 %", 85, 100),
        ("  8.25/10  ", 8.25, 10),
        ("3.6", 3.6, 4),
        ("4", 4, 4),
        ("4.2", 4.2, 4.3),
        ("8", 8, 10),
        ("10", 10, 10),
        ("72", 72, 100),
        ("0/10", 0, 10),
        (".5/4", 0.5, 4),
    ],
)
def test_parse_examples(text: str, value: float, scale: float) -> None:
    assert parse_gpa(text) == Gpa(value, scale)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", "cannot read"),
        ("abc", "cannot read"),
        ("7.1/", "cannot read"),
        ("7.1/10/2", "cannot read"),
        ("nan", "cannot read"),
        ("inf/10", "cannot read"),
        ("7,1/10", "cannot read"),
        ("-3/4", "negative"),
        ("-1", "negative"),
        ("7/0", "above 0"),
        ("7/-10", "above 0"),
        ("11/10", "above its scale"),
        ("4.5/4", "above its scale"),
        ("101%", "above its scale"),
        ("250", "above 100"),
    ],
)
def test_parse_rejects_with_one_clear_line(text: str, words: str) -> None:
    with pytest.raises(GpaError) as info:
        parse_gpa(text)
    message = str(info.value)
    assert words in message
    assert '"7.1/10"' in message and '"3.6/4"' in message
    assert "\n" not in message


def test_gpa_error_is_a_value_error() -> None:
    with pytest.raises(ValueError):
        Gpa(5, 4)


def test_str_and_fraction() -> None:
    assert str(Gpa(7.1, 10)) == "7.1/10"
    assert str(Gpa(3.6, 4)) == "3.6/4"
    assert str(Gpa(85.0, 100.0)) == "85/100"
    assert str(parse_gpa("8")) == "8/10"
    assert Gpa(7.1, 10).fraction() == pytest.approx(0.71)
    assert Gpa(3.6, 4).on_scale(10) == pytest.approx(9.0)
    with pytest.raises(GpaError):
        Gpa(3.6, 4).on_scale(0)


scales = st.sampled_from([4.0, 4.3, 5.0, 10.0, 20.0, 100.0]) | st.floats(0.5, 1000)


@given(scale=scales, ratio=st.floats(0, 1), other=scales)
def test_fraction_invariant_under_on_scale_round_trip(scale: float, ratio: float, other: float) -> None:
    gpa = Gpa(ratio * scale if ratio < 1 else scale, scale)
    converted = Gpa(gpa.on_scale(other), other)
    assert math.isclose(converted.fraction(), gpa.fraction(), rel_tol=1e-9, abs_tol=1e-12)
    back = Gpa(converted.on_scale(scale), scale)
    assert math.isclose(back.value, gpa.value, rel_tol=1e-9, abs_tol=1e-9)


@pytest.mark.parametrize(
    ("profile", "cutoff"),
    [
        ("3.6/4", "8/10"),  # 9.0 on a 10 scale
        ("8/10", "8/10"),  # exactly at the cut-off
        ("3.2/4", "8/10"),  # exactly 0.8, despite float rounding
        ("9/10", "3.5/4"),
        ("85%", "8/10"),
        ("7.1/10", "70%"),
    ],
)
def test_no_warning_when_the_cutoff_is_met(profile: str, cutoff: str) -> None:
    assert eligibility_warning(parse_gpa(profile), parse_gpa(cutoff), what="DAAD WISE") is None


def test_no_warning_when_either_is_unknown() -> None:
    assert eligibility_warning(None, parse_gpa("8/10"), what="MITACS") is None
    assert eligibility_warning(parse_gpa("7/10"), None, what="MITACS") is None


def test_warning_same_scale() -> None:
    warning = eligibility_warning(parse_gpa("7.1/10"), parse_gpa("8/10"), what="DAAD WISE")
    assert warning == (
        "Your GPA 7.1/10 is below the cut-off of 8/10 for DAAD WISE "
        "(7.1 vs 8.0 on its scale); you can still apply."
    )


@pytest.mark.parametrize(
    ("profile", "cutoff", "numbers"),
    [
        ("3.0/4", "8/10", "7.5 vs 8.0"),
        ("7.1/10", "3.0/4", "2.8 vs 3.0"),
        ("75%", "8/10", "7.5 vs 8.0"),
        ("7.98/10", "8/10", "7.98 vs 8.00"),  # one decimal would read "8.0 vs 8.0"
    ],
)
def test_warning_across_scales(profile: str, cutoff: str, numbers: str) -> None:
    warning = eligibility_warning(parse_gpa(profile), parse_gpa(cutoff), what="SURF-Caltech")
    assert warning is not None
    assert f"Your GPA {parse_gpa(profile)} is below the cut-off of {parse_gpa(cutoff)}" in warning
    assert "for SURF-Caltech" in warning
    assert f"({numbers} on its scale)" in warning
    assert "you can still apply" in warning
