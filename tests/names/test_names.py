"""The names layer, rule by rule: each table runs against the function that owns the rule."""
import pytest

from toolkit.names.outlets import is_outlet, outlet_desk, outlet_keys, site_name
from toolkit.names.people import agency_name, clean, looks_like_person, title_case_name

PERSON_SHAPED = [
    ("Anna Voss", True),
    ("Jean-Luc Picard", True),
    ("J. I. da Costa", True),  # initials and a particle
    ("Nina", True),  # one word: a given name
    ("der Jakob", True),  # a pen name after an article
    ("The Hill", False),  # an article, then no given name
    ("Die KLARHEIT", False),
    ("Harbour Daily News", False),  # an organisation word
    ("Redaktion", False),
    ("Agence France-Presse", False),  # an agency
    ("Team 42", False),
]


@pytest.mark.parametrize("name, expected", PERSON_SHAPED)
def test_looks_like_person(name, expected):
    assert looks_like_person(name) is expected


TITLE_CASE = [
    ("JOHN O'CONNOR", "John O'Connor"),
    ("MARY MCDONALD", "Mary McDonald"),
    ("LUDWIG VAN DER BERG", "Ludwig van der Berg"),
    ("ANNA SMITH-JONES", "Anna Smith-Jones"),
    ("Anna van Dijk", "Anna van Dijk"),  # mixed case is left as written
    ("U.S. NEWS", "U.S. News"),  # a dotted abbreviation stays
    ("AP", "AP"),  # three letters or fewer: an acronym
]


@pytest.mark.parametrize("name, expected", TITLE_CASE)
def test_title_case_name(name, expected):
    assert title_case_name(name) == expected


CLEANED = [
    ("By Anna Voss", "Anna Voss"),
    ("Von Hanna Meier | 03.04.2021", "Hanna Meier"),
    ("Posted on March 3, 2021 by Tom Lee", "Tom Lee"),
    (".css-1fvj8jv{color:#ba0600} Aleah C. Bowie", "Aleah C. Bowie"),  # a styled byline's CSS
    ("&lt;b&gt;Anna&lt;/b&gt; Voss", "Anna Voss"),  # escaped markup
    ("anna@example.org", ""),  # an address is no name
    ("function(){var x=1}", ""),  # script: the value is dropped whole
    ("Anna VossAnna Voss", "Anna Voss"),  # a link's text and its title, written twice
]


@pytest.mark.parametrize("value, expected", CLEANED)
def test_clean(value, expected):
    assert clean(value) == expected


AGENCIES = [
    ("AP", "The Associated Press"),
    ("Associated Press", "The Associated Press"),
    ("(Reuters)", "Reuters"),
    ("Agence France-Presse", "AFP"),
    ("dpa", "dpa"),
    ("Anna", None),
]


@pytest.mark.parametrize("name, expected", AGENCIES)
def test_agency_name(name, expected):
    assert agency_name(name) == expected


OUTLET_NAMES = [
    ("Harbour Gazette", True),
    ("The Harbour Gazette", True),  # a leading article does not count
    ("HARBOUR GAZETTE", True),
    ("harbour-gazette.de", True),  # the host, as a byline writes it
    ("Harbour", False),  # a part of the name is not the outlet
    ("Gazette", False),
]


@pytest.mark.parametrize("name, expected", OUTLET_NAMES)
def test_is_outlet(name, expected):
    assert is_outlet(name, outlet_keys(("Harbour Gazette", "www.harbour-gazette.de"))) is expected


@pytest.mark.parametrize("name, host, expected", [
    ("BBC Sport", "news.bbc.co.uk", True),  # the registrable name under a second-level suffix
    ("RBX SACHSEN", "www.rbx.example", True),
    ("Anna Voss", "www.rbx.example", False),
    ("BBC Sport", "www.rbx.example", False),
])
def test_outlet_desk(name, host, expected):
    assert outlet_desk(name, outlet_keys((host,))) is expected


@pytest.mark.parametrize("host, expected", [
    ("www.reuters.com", "reuters"),
    ("www.aa.com.tr", "aa"),  # under a second-level suffix
    ("news.bbc.co.uk", "bbc"),
    ("localhost", "localhost"),
])
def test_site_name(host, expected):
    assert site_name(host) == expected
