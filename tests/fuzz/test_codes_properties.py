"""Property-based checks of the 统一社会信用代码 validator."""

from hypothesis import given
from hypothesis import strategies as st

from app.core.codes import CREDIT_ALPHABET, credit_check_char, credit_code_problems, is_valid_credit_code

body = st.text(alphabet=CREDIT_ALPHABET, min_size=17, max_size=17)


@given(body)
def test_every_body_with_its_check_character_is_valid(first17):
    assert is_valid_credit_code(first17 + credit_check_char(first17))


@given(body, st.sampled_from(CREDIT_ALPHABET))
def test_any_other_check_character_is_refused(first17, ch):
    if ch != credit_check_char(first17):
        assert not is_valid_credit_code(first17 + ch)


@given(body, st.integers(0, 16), st.sampled_from(CREDIT_ALPHABET))
def test_a_single_changed_character_is_detected(first17, pos, ch):
    code = first17 + credit_check_char(first17)
    changed = code[:pos] + ch + code[pos + 1:]
    if changed != code:
        assert not is_valid_credit_code(changed)


@given(st.text(max_size=40))
def test_any_text_gets_an_answer_never_an_exception(text):
    problems = credit_code_problems(text)
    assert isinstance(problems, list)
    assert all(isinstance(p, str) and p for p in problems)
