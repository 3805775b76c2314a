"""统一社会信用代码 (GB 32100) and 行政区划代码 checks."""

import pytest

from app.core.codes import (
    check_credit_code,
    credit_check_char,
    credit_code_problems,
    is_valid_credit_code,
    make_credit_code,
    region_code_problems,
)
from app.core.errors import ValidationError


def test_published_example_code_is_valid():
    assert is_valid_credit_code("91110000600037341L")


def test_lowercase_and_spaces_are_normalised():
    assert check_credit_code(" 91110000600037341l ") == "91110000600037341L"


def test_wrong_check_character_names_the_expected_one():
    problems = credit_code_problems("91110000600037341X")
    assert problems and "应为 L" in problems[0]


@pytest.mark.parametrize("code", ["9111000060003734", "91110000600037341LL", ""])
def test_wrong_length_is_refused(code):
    assert not is_valid_credit_code(code)


@pytest.mark.parametrize("letter", ["I", "O", "Z", "S", "V"])
def test_forbidden_letters_are_refused(letter):
    code = "9111000060003734" + letter + "L"
    problems = credit_code_problems(code)
    assert problems and letter in problems[0] and "不允许" in problems[0]


def test_check_raises_validation_error_naming_the_field():
    with pytest.raises(ValidationError) as err:
        check_credit_code("91110000600037341X")
    assert err.value.field == "credit_code"


def test_made_codes_pass_the_check():
    code = make_credit_code("330106", "MB1234567")
    assert len(code) == 18 and is_valid_credit_code(code)
    assert code[-1] == credit_check_char(code[:17])


@pytest.mark.parametrize("code,ok", [("330106", True), ("110101", True), ("990101", False), ("33010", False),
                                     ("33O106", False), ("030106", False)])
def test_region_codes(code, ok):
    assert (not region_code_problems(code)) is ok
