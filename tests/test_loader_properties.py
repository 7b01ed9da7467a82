"""Property tests: whatever bytes arrive, the loader answers with data or an InputError."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from emcheck.errors import InputError
from emcheck.loading.loader import load_bytes

YAML_ALPHABET = st.sampled_from(list("abc: -[]{},&*!|>'\"#\n\t 0123456789.?%@`柳溪村\\"))


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_random_bytes_never_escape_as_other_exceptions(raw: bytes) -> None:
    try:
        document = load_bytes(raw, "random.yaml")
    except InputError as error:
        assert error.location.file == "random.yaml"
    else:
        assert document.file == "random.yaml"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=YAML_ALPHABET, max_size=200))
def test_yaml_like_text_never_escapes(text: str) -> None:
    try:
        document = load_bytes(text.encode("utf-8"), "random.yaml")
    except InputError as error:
        assert error.render("zh").startswith("random.yaml")
    else:
        for position in document.positions.values():
            assert position.line >= 1 and position.column >= 1
