from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from dedupe.text.normalize import key, keys
from tests.strategies import line


@given(st.one_of(line, st.text()))
def test_key_is_idempotent(text: str) -> None:
    assert key(key(text)) == key(text)


@given(line)
def test_key_ignores_white_space_and_punctuation(text: str) -> None:
    assert key(text) == key(" ".join(text) + "。，！")


def test_full_width_and_traditional_fold_to_the_same_key() -> None:
    assert key("ＣＣＰＩＴ　貿易促進委員會，２０２６年。") == key("ccpit 贸易促进委员会, 2026年.")


def test_key_keeps_letters_digits_and_han() -> None:
    assert key("U.S. 18.5% 增长") == "us185增长"


@given(st.lists(st.text(max_size=15) | line, max_size=6))
def test_keys_of_several_texts_are_their_own_keys(texts: list[str]) -> None:
    # Traditional script, combining marks and full-width forms too: no step joins across texts.
    texts = [*texts, "頭", "髮", "e", "\u0301", "Ｆ", "ﬁ"]
    assert keys(texts) == [key(text) for text in texts]
