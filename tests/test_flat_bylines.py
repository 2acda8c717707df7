"""Who signed a flat dump: the shapes an author object takes once flattened into blocks.

The dumps here are invented; each keeps only the blocks a rule looks at, around a body of filler prose."""
import pytest

from conftest import write_dump

from toolkit.pipeline import records_of

BODY = ("The council met on Tuesday to discuss the new budget for the harbour district. Members argued for hours "
        "about the cost of repairs to the old pier and the ferry terminal, and agreed to meet again next month. ") * 3


DESCRIPTION = "Councillors could not agree on how to pay for the pier repairs and will meet again in June."


def dump(url: str, *blocks: str) -> str:
    return "\n\n".join([f" date 2021-05 {url}", "Harbour budget talks run late", DESCRIPTION, *blocks, BODY]) + "\n"


def authors_of(tmp_path, text: str) -> list[tuple[str, str]]:
    record = next(records_of(str(write_dump(tmp_path / "d.txt", text))))
    return [(a["name"], a["kind"]) for a in record["byline"]["authors"]]


def test_biography_with_email_names_its_person(tmp_path):
    bio = ("Harbour Gazette Tomasz Wielgosz is a city hall reporter for the Harbour Gazette, covering budgets and "
           "transport. tomasz.wielgosz@harbourgazette.example Staff Writer Tomasz Wielgosz")
    text = dump("https://www.harbourgazette.example/2021/05/budget", "2021-05-04T10:00:00Z", bio, "Harbour Gazette 300 60")
    assert authors_of(tmp_path, text) == [("Tomasz Wielgosz", "person")]


def test_job_title_after_the_name_is_cut_when_the_email_spells_the_name(tmp_path):
    text = dump("https://www.harbourgazette.example/2021/05/budget", "2021-05-04T10:00:00Z",
                "Sven Aldous Reporter and news editor sven.aldous@harbourgazette.example", "Harbour Gazette 300 60")
    assert authors_of(tmp_path, text) == [("Sven Aldous", "person")]


def test_name_before_html_biography_is_a_person(tmp_path):
    text = dump("https://www.harbourgazette.example/2021/05/budget", "Harbour Gazette 60 60",
                "Bruce Y. Ferrante <p>I write about ports, shipping and the people who keep them running.</p>",
                "2021-05-04T10:00:00Z")
    assert authors_of(tmp_path, text) == [("Bruce Y. Ferrante", "person")]


def test_unlisted_given_name_by_the_date_counts_when_nowhere_else(tmp_path):
    text = dump("https://www.harbourgazette.example/2021/05/budget", "Ketaki Deshpande", "2021-05-04T10:00:00Z",
                "Harbour Gazette 300 60")
    assert authors_of(tmp_path, text) == [("Ketaki Deshpande", "person")]


def test_section_shaped_like_a_name_stays_a_section(tmp_path):
    text = dump("https://www.harbourgazette.example/2021/05/budget", "Wide Angle", "2021-05-04T10:00:00Z",
                "AdNode:city/wide_angle", "Harbour Gazette 300 60")
    record = next(records_of(str(write_dump(tmp_path / "d.txt", text))))
    assert record["byline"]["authors"] == []


def test_lone_given_name_right_after_the_publisher_is_the_blogger(tmp_path):
    text = dump("https://ladlecompanion.example/2017/12/jam", "2017-12-06", "The Ladle Companion", "Regan")
    assert authors_of(tmp_path, text) == [("Regan", "person")]


def test_lone_given_name_away_from_the_publisher_is_not_an_author(tmp_path):
    text = dump("https://ladlecompanion.example/2017/12/jam", "Regan", "2017-12-06", "The Ladle Companion 300 60")
    assert authors_of(tmp_path, text) == []


def test_site_name_beside_a_platform_publisher_signs(tmp_path):
    text = dump("https://www.naijabuzz.example/2018/10/photos.html", "2018-10-06T08:57:00+02:00", "Blogger 206 60",
                "NaijaBuzz")
    assert authors_of(tmp_path, text) == [("NaijaBuzz", "organization")]


def test_site_name_does_not_sign_beside_an_agency(tmp_path):
    text = dump("https://www.naijabuzz.example/2018/10/photos.html", "Reuters", "2018-10-06T08:57:00+02:00",
                "NaijaBuzz", "NB News Service 117 22")
    assert authors_of(tmp_path, text) == [("Reuters", "agency")]


@pytest.mark.parametrize("desk", ["Science Desk staff", "Harbour Gazette Newsroom"])
def test_desk_or_staff_block_signs_as_organisation(tmp_path, desk):
    text = dump("https://www.harbourgazette.example/2021/05/budget", "2021-05-04T10:00:00Z", desk, "Phys Daily 204 60")
    assert authors_of(tmp_path, text) == [(desk, "organization")]


def test_by_line_block_with_several_capitalised_names_is_split(tmp_path):
    text = dump("https://www.harbourgazette.example/2021/05/budget", "2021-05-04T10:00:00Z",
                "By ANNA KOWALSKI and PETER O'NEILL, Associated Press", "Harbour Gazette 300 60")
    record = next(records_of(str(write_dump(tmp_path / "d.txt", text))))
    authors = record["byline"]["authors"]
    assert [(a["name"], a["kind"], a["affiliation"]) for a in authors] == [
        ("Anna Kowalski", "person", "The Associated Press"), ("Peter O'Neill", "person", "The Associated Press")]
