"""The byline rules on a table of shapes that real pages use (names invented or public bylines)."""
import pytest

from toolkit.enrich.byline import parse_authors
from toolkit.names.authors import parse_author

P, A, O = "person", "agency", "organization"  # noqa: E741 (the table reads better with one letter a kind)

CASES = [
    # plain names, prefixes in many languages
    ("Kirill Batarin", [("Kirill Batarin", P)]),
    ("By Jane Roe", [("Jane Roe", P)]),
    ("by jane roe", [("jane roe", P)]),
    ("BY JANE ROE", [("Jane Roe", P)]),
    ("Par Jean Dupont", [("Jean Dupont", P)]),
    ("Von Hans Müller", [("Hans Müller", P)]),
    ("Por María López", [("María López", P)]),
    ("Di Marco Rossi", [("Marco Rossi", P)]),
    ("Автор: Иван Петров", [("Иван Петров", P)]),
    ("Written by Sam Carter", [("Sam Carter", P)]),
    ("Words by Lee Park", [("Lee Park", P)]),
    ("Reporting by John Smith", [("John Smith", P)]),
    ("Reporting by John Smith; Editing by Mary Lee", [("John Smith", P)]),
    ("Posted by Wendelin", [("Wendelin", P)]),
    ("Posted on September 21, 2020 by Noa Tavor", [("Noa Tavor", P)]),
    ("Veröffentlicht von Kai Brenner", [("Kai Brenner", P)]),
    ("View all posts by Marek Ostrow", [("Marek Ostrow", P)]),
    ("Author: Ana Lima", [("Ana Lima", P)]),
    ("Autor: Jan Kowalski", [("Jan Kowalski", P)]),
    ("Von: Moritz Berg", [("Moritz Berg", P)]),
    ("(c) Tobias Rahn", [("Tobias Rahn", P)]),
    # dates, published/updated, e-mails, handles, sponsored
    ("By Ettore Salvini | 12/10/2020", [("Ettore Salvini", P)]),
    ("03.04.2020 - Wiebke Arndt", [("Wiebke Arndt", P)]),
    ("Jane Roe, Published 2021-04-05", [("Jane Roe", P)]),
    ("Jane Roe Updated 3 hours ago", [("Jane Roe", P)]),
    ("Gerd Fallner info@buero-fallner.example", [("Gerd Fallner", P)]),
    ("Arne Voskuhl - http://voskuhl.example", [("Arne Voskuhl", P)]),
    ("Jane Roe @janeroe", [("Jane Roe", P)]),
    ("Jane Roe | Sponsored", [("Jane Roe", P)]),
    ("Jane Roe on March 3, 2021", [("Jane Roe", P)]),
    # role tails and the affiliation they name
    ("By MARA VELDT, AP Auto Writer", [("Mara Veldt", P, "The Associated Press")]),
    ("By OWEN TRASK, AP Sports Writer", [("Owen Trask", P, "The Associated Press")]),
    ("Jane Roe, Staff Writer", [("Jane Roe", P, None)]),
    ("Jane Roe, Senior Reporter", [("Jane Roe", P, None)]),
    ("Jane Roe, Correspondent", [("Jane Roe", P, None)]),
    ("Lena Dorsay | Valley Advance Media for ValleyNews.com", [("Lena Dorsay", P, "ValleyNews.com")]),
    ("Dana R. Holt, lakeshore-daily.com", [("Dana R. Holt", P, "lakeshore-daily.com")]),
    ("By IVAN KOSTER, AP National Security Writer", [("Ivan Koster", P, "The Associated Press")]),
    ("Jane Roe, Reuters", [("Jane Roe", P, "Reuters")]),
    # several names
    ("Ana Lima and Rui Costa", [("Ana Lima", P), ("Rui Costa", P)]),
    ("Ana Lima, Rui Costa & Bo Li", [("Ana Lima", P), ("Rui Costa", P), ("Bo Li", P)]),
    ("By ANNA VOSS and LIAM REED, Associated Press", [("Anna Voss", P, "The Associated Press"), ("Liam Reed", P, "The Associated Press")]),
    ("Jean Dupont et Marie Curie", [("Jean Dupont", P), ("Marie Curie", P)]),
    ("Von Hans Müller und Eva Schmidt", [("Hans Müller", P), ("Eva Schmidt", P)]),
    ("Maria Garcia y Juan Perez", [("Maria Garcia", P), ("Juan Perez", P)]),
    ("João Silva e Ana Souza", [("João Silva", P), ("Ana Souza", P)]),
    ("Иван Петров и Анна Смирнова", [("Иван Петров", P), ("Анна Смирнова", P)]),
    ("Ana Lima; Rui Costa", [("Ana Lima", P), ("Rui Costa", P)]),
    ("Ana Lima | Rui Costa", [("Ana Lima", P), ("Rui Costa", P)]),
    ("Ana Lima / Rui Costa", [("Ana Lima", P), ("Rui Costa", P)]),
    ("Ana Lima, Rui Costa, and Bo Li", [("Ana Lima", P), ("Rui Costa", P), ("Bo Li", P)]),
    ("Helga Amsel, Birte Ranft und Malte Grosche", [("Helga Amsel", P), ("Birte Ranft", P), ("Malte Grosche", P)]),
    # suffixes and surname-first
    ("John Smith, Jr.", [("John Smith, Jr.", P)]),
    ("Mary Lee, Ph.D.", [("Mary Lee, Ph.D.", P)]),
    ("Smith, John", [("John Smith", P)]),
    ("Brandt, Ilse", [("Ilse Brandt", P)]),
    # capitals
    ("SEAN MCDONALD", [("Sean McDonald", P)]),
    ("PATRICK O'BRIEN", [("Patrick O'Brien", P)]),
    ("JAN VAN DER BERG", [("Jan van der Berg", P)]),
    ("MARY SMITH-JONES", [("Mary Smith-Jones", P)]),
    ("JOLIE TAM", [("Jolie Tam", P)]),
    ("danah boyd", [("danah boyd", P)]),
    ("Ludwig van Beethoven", [("Ludwig van Beethoven", P)]),
    # agencies and credits
    ("Reuters", [("Reuters", A)]),
    ("(Reuters)", [("Reuters", A)]),
    ("AFP", [("AFP", A)]),
    ("Associated Press", [("The Associated Press", A)]),
    ("The Associated Press", [("The Associated Press", A)]),
    ("AP", [("The Associated Press", A)]),
    ("dpa", [("dpa", A)]),
    ("EFE", [("EFE", A)]),
    ("Agencia EFE", [("EFE", A)]),
    ("ANSA", [("ANSA", A)]),
    ("Xinhua", [("Xinhua News Agency", A)]),
    ("TASS", [("TASS", A)]),
    ("РИА Новости", [("RIA Novosti", A)]),
    ("Anadolu Agency", [("Anadolu Agency", A)]),
    ("PTI", [("PTI", A)]),
    ("IANS", [("IANS", A)]),
    ("Kyodo", [("Kyodo News", A)]),
    ("Yonhap", [("Yonhap News Agency", A)]),
    ("UPI", [("UPI", A)]),
    ("Bloomberg", [("Bloomberg News", A)]),
    ("Europa Press", [("Europa Press", A)]),
    ("Jane Doe with AFP", [("Jane Doe", P), ("AFP", A)]),
    ("Jean Dupont avec AFP", [("Jean Dupont", P), ("AFP", A)]),
    ("Hans Müller mit dpa", [("Hans Müller", P), ("dpa", A)]),
    ("By Jane Doe (Reuters)", [("Jane Doe", P), ("Reuters", A)]),
    # organisations
    ("KVRT News", [("KVRT News", O)]),
    ("Autoblog Staff", [("Autoblog Staff", O)]),
    ("Coastal Times Bureau", [("Coastal Times Bureau", O)]),
    ("Physics Q staff", [("Physics Q staff", O)]),
    ("Redaktion", [("Redaktion", O)]),
    ("La Rédaction", [("La Rédaction", O)]),
    ("Jobs & Hire", [("Jobs & Hire", O)]),
    ("Lautsprecher Editorial Team", [("Lautsprecher Editorial Team", O)]),
    # an organisation's name is one author, not split on its "and"/"und"/commas
    ("Landesamt für Wasser und Bodenschutz", [("Landesamt für Wasser und Bodenschutz", O)]),
    ("By U.S. FISH AND WILDLIFE SERVICE", [("U.S. FISH AND WILDLIFE SERVICE", O)]),
    ("Amt für Verkehr, Umwelt und Energie", [("Amt für Verkehr, Umwelt und Energie", O)]),
    ("Institute of Physics and Engineering", [("Institute of Physics and Engineering", O)]),
    ("Jonas Berger und Jutta Lenz", [("Jonas Berger", P), ("Jutta Lenz", P)]),
    # buttons beside the name
    ("Amber Lane Shares", [("Amber Lane", P)]),
    ("Save", []),
    ("By : Ann K.", [("Ann K.", P)]),
    ("Ryan Lee, CEO", [("Ryan Lee", P)]),
    ("Jacobo Pérez | Publicado hace 3 horas", [("Jacobo Pérez", P)]),
    ("El Diario Contactar", [("El Diario", O)]),
    ("Ayşe KAYA Landesvorsitzende", [("Ayşe KAYA", P)]),  # mixed case stays as written
    ("Eingestellt von der Jakob", [("der Jakob", P)]),
    ("Autorin: Uta Lindner, Projektleiterin der Stiftung in Kenia.", [("Uta Lindner", P)]),
    # not names: what a byline sits among
    ("Twitter Facebook", []),
    ("Share on WhatsApp", []),
    ("Son Güncelleme", []),
    ("Zuletzt aktualisiert: 04.03.2024", []),
    ("Last updated", []),
    ("Dernière mise à jour", []),
    ("Mark Twitty", [("Mark Twitty", P)]),  # a name that opens like a button is still a name
    # an editor's sign in brackets is no part of the name
    ("Marta Ilić (mil)", [("Marta Ilić", P)]),
    ("Ana Lima (al), Rui Costa (rc)", [("Ana Lima", P), ("Rui Costa", P)]),
    # every name of a long list
    ("Jana Kohl, Paul Brandt, Mia Sohn, Ole Berg, Ina Falk, Tim Roth, Uta Beck, Kai Sand und Lea Horn",
     [("Jana Kohl", P), ("Paul Brandt", P), ("Mia Sohn", P), ("Ole Berg", P), ("Ina Falk", P), ("Tim Roth", P),
      ("Uta Beck", P), ("Kai Sand", P), ("Lea Horn", P)]),
    ("Email the author", []),
    ("Staff", []),
    ("Admin", []),
    ("admin", []),
    ("Guest", []),
    ("Published on", []),
    ("2021-05-06", []),
    ("https://example.com/authors/jane", []),
    ("jane@example.com", []),
    ("@janeroe", []),
    # what a styled byline leaks, and photo credits beside it
    (".css-1fvj8jv{color:#ba0600}Aleah C. Bowie", [("Aleah C. Bowie", P)]),
    (".css-1fvj8jv{color:#ba0600", []),
    ("} Aleah C. Bowie", [("Aleah C. Bowie", P)]),
    ("window.dataLayer = function(){ }", []),
    ("(Image: FBI)", []),
    ("(Image: Kentucky State Police)", []),
    ("Getty Images", []),
    ("Emma Roe | (Image: Getty Images/iStockphoto)", [("Emma Roe", P)]),
    # a person, then the outlet they write for
    ("John O'Connor The Associated Press", [("John O'Connor", P, "The Associated Press")]),
    ("Greyson Steele Battle Creek Enquirer", [("Greyson Steele", P, "Battle Creek Enquirer")]),
    ("By Rhys Pellow and Nia Harcourt for The Courier On Sunday",
     [("Rhys Pellow", P, "The Courier On Sunday"), ("Nia Harcourt", P, "The Courier On Sunday")]),
    ("Institute for Fiscal Studies", [("Institute for Fiscal Studies", O)]),
    ("Mary Ann Post", [("Mary Ann Post", O)]),  # one newspaper word is not an outlet's name
    # scripts and Unicode
    ("王小明", [("王小明", P)]),
    ("Γιώργος Παπαδόπουλος", [("Γιώργος Παπαδόπουλος", P)]),
    ("محمد علي", [("محمد علي", P)]),
    ("Ana Lim&aacute;", [("Ana Limá", P)]),
    ("Zo\u0065\u0301 Martin", [("Zo\u00e9 Martin", P)]),
]


@pytest.mark.parametrize("value, expected", CASES, ids=[c[0] for c in CASES])
def test_byline(value, expected):
    got = parse_author(value)
    assert [(a["name"], a["kind"]) for a in got] == [(e[0], e[1]) for e in expected]
    for author, exp in zip(got, expected):
        if len(exp) == 3:
            assert author["affiliation"] == exp[2]


def test_repeats_merge_in_order_and_types_are_trusted():
    byline = parse_authors([
        {"name": "Ana Lima", "url": None}, {"name": "Rui Costa", "url": "https://x.example/rui"},
        {"name": "ANA LIMA", "url": "https://x.example/ana"}, {"name": "Harbour Daily", "type": "Organization"},
        {"name": "Jane Smith", "type": "Person"}, {"name": "Outlet Name"}], outlets=["Outlet Name"])
    assert [(a["name"], a["kind"]) for a in byline["authors"]] == [
        ("Ana Lima", P), ("Rui Costa", P), ("Harbour Daily", O), ("Jane Smith", P)]
    assert {a["affiliation"] for a in byline["authors"] if a["kind"] == P} == {"Outlet Name"}  # beside people, the outlet is where they work
    assert byline["authors"][0]["url"] == "https://x.example/ana"  # the repeat fills what the first lacked
    assert byline["raw"].startswith("Ana Lima | Rui Costa")


def test_seed_person_block(seed_record):
    authors = seed_record["byline"]["authors"]
    assert [(a["name"], a["kind"]) for a in authors] == [("Kirill Batarin", P)]
    assert authors[0]["url"].endswith(".jpg")


@pytest.mark.parametrize("values, outlets, expected", [
    (["Lena Ostrow, CNN"], ["CNN", "edition.cnn.com"], [("Lena Ostrow", "person", "CNN")]),
    (["techdiario - Marta Ríos"], ["www.techdiario.com"], [("Marta Ríos", "person", "techdiario")]),
    (["Sofía Prado Luna", "EL SOLAR"], ["elsolar.com.bo"], [("Sofía Prado Luna", "person", "EL SOLAR")]),
    (["Die KLARHEIT"], ["www.klarheit.at"], [("Die KLARHEIT", "organization", None)]),  # alone, the outlet signs
    (["Wilhelm-Baumann-Stiftung e.V."], [], [("Wilhelm-Baumann-Stiftung e.V.", "organization", None)]),
    (["Sächsische Landesanstalt für Moor"], [], [("Sächsische Landesanstalt für Moor", "organization", None)]),
    (["By Nora Quist HarborVoice Staff"], ["www.harborvoice.com"], [("Nora Quist", "person", "HarborVoice")]),
    (["Jane Roe Fox News Staff"], ["Fox News"], [("Jane Roe", "person", "Fox News")]),
    (["Jane Roe Daily Staff"], ["Fox News"], [("Jane Roe Daily Staff", "organization", None)]),  # not the outlet's desk
    (["von Jörg Wendler, RBX SACHSEN"], ["rbx.example"], [("Jörg Wendler", "person", "RBX SACHSEN")]),  # the outlet's desk
    (["Lena Ostrow Harbour Daily"], ["Harbour Daily"], [("Lena Ostrow", "person", "Harbour Daily")]),
])
def test_outlet_beside_people_is_their_affiliation(values, outlets, expected):
    byline = parse_authors([{"name": v} for v in values], outlets=outlets)
    assert [(a["name"], a["kind"], a["affiliation"]) for a in byline["authors"]] == expected


@pytest.mark.parametrize("value, expected", [
    ("Karl Brenner/KX-Z", [("Karl Brenner", P)]),  # an editor's or desk's code after the name
    ("Hans Meier/dpa", [("Hans Meier", P), ("dpa", A)]),
    ("dpa/lsw", [("dpa", A)]),
])
def test_slash_codes_and_agency_credits(value, expected):
    assert [(a["name"], a["kind"]) for a in parse_author(value)] == expected


@pytest.mark.parametrize("name, expected", [
    ("Die KLARHEIT", False), ("El Vigía", False), ("The Hill", False),  # an outlet's name with its article
    ("der Jakob", True),  # a pen name: the article before a given name
    ("Jane Roe", True), ("Border Protection", True),  # capitalised words alone read as a name
])
def test_looks_like_person(name, expected):
    from toolkit.names.people import looks_like_person

    assert looks_like_person(name) is expected


def test_a_registry_outlet_after_a_name_is_the_affiliation():
    known = {"Norrland Kuriren"}.__contains__
    byline = parse_authors([{"name": "Eva Lund Norrland Kuriren"}], known_outlet=known)
    assert [(a["name"], a["affiliation"]) for a in byline["authors"]] == [("Eva Lund", "Norrland Kuriren")]
    assert parse_authors([{"name": "Eva Lund Norrland Kuriren"}])["authors"][0]["name"] == "Eva Lund Norrland Kuriren"
