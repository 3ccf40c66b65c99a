"""`to_json_text`'s fast path prints exactly what the reference serializer prints."""

from __future__ import annotations

import math
from decimal import Decimal
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.runtime.jsontext import _fast_json_text, exact_json_text, to_json_text

# Characters json-smart escapes specially, mixed with plain text and backslashes.
tricky_chars = st.sampled_from(
    ["/", "\\", '"', "\x00", "\x1f", "\x0b", "\n", "\x7f", "\x80", "\x9f", "\xa0", "é", "\u2000",
     "\u2014", "\u20ff", "\u2100", "\U0001f600", "u", "0", "e", "1", ":", ",", "["]
)  # fmt: skip
texts = st.lists(tricky_chars | st.characters(), max_size=6).map("".join)
tricky_floats = st.sampled_from(
    [1e-3, 9.99e-4, 1e7, 9999999.999, 1e16, 1e22, 1e23, 5e-324, 1.7976931348623157e308, -0.0,
     0.0, 0.1, 123456789.125, 1e-7, 2.0**60, float("nan"), float("inf"), -float("inf")]
)  # fmt: skip
scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats()
    | tricky_floats
    | texts
    | st.decimals(allow_nan=False, allow_infinity=False)
)
documents = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(texts, inner, max_size=5),
    max_leaves=40,
)


@settings(max_examples=1500, deadline=None)
@given(documents)
def test_fast_path_prints_like_the_reference(document: Any) -> None:
    assert to_json_text(document) == exact_json_text(document)


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.floats(allow_nan=False, allow_infinity=False) | tricky_floats, min_size=1))
def test_fast_path_float_layout(numbers: list[float]) -> None:
    """Floats alone (strings cannot hide them): the fast path itself must answer right."""
    fast = _fast_json_text(numbers)
    if not any(math.isnan(n) or math.isinf(n) for n in numbers):
        assert fast is not None
    if fast is not None:
        assert fast == exact_json_text(numbers)


def test_fast_path_used_for_plain_documents() -> None:
    document = {"a/b": ["x\u2014y", 1.5e-7, 12345678.5, 0.25, 2**40, None, True, "\x1f"]}
    assert _fast_json_text(document) == exact_json_text(document)
    assert _fast_json_text({"n": Decimal("1.5")}) is None  # BigDecimal: the reference
    assert _fast_json_text([float("nan")]) is None
