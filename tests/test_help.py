"""The participant help page and the facilitator guide, reachable from the board and the
console, in the page's language."""

import pytest

from app.help.guide import docs_dir

from .conftest import PASSWORD
from .test_accounts import login


@pytest.mark.parametrize(
    ("language", "heading"),
    [("fi", "Ohje osallistujille"), ("sv", "Hjälp för deltagare"), ("en", "Help for participants")],
)
def test_participant_help_is_one_page_in_each_language(client, language, heading):
    for path in ("/ohje", "/help"):
        page = client.get(f"{path}?lang={language}").get_data(as_text=True)
        assert f"<h1>{heading}</h1>" in page


def test_the_board_links_the_help_and_the_console_links_the_guide(client, facilitator, workshop):
    board = client.get(f"/j/{workshop['join_code']}").get_data(as_text=True)
    assert 'href="/ohje"' in board
    login(client, facilitator[1], PASSWORD)
    console = client.get(f"/w/{workshop['id']}").get_data(as_text=True)
    assert 'href="/opas"' in console


ANCHORS = {"fi": "7-säätimet", "sv": "7-reglage", "en": "7-controls"}


@pytest.mark.parametrize(
    ("language", "title"),
    [
        ("fi", "Fasilitaattorin opas"),
        ("sv", "Handbok för facilitatorer"),
        ("en", "Facilitator guide"),
    ],
)
def test_guide_is_served_from_docs_with_the_anchors_github_gives(client, language, title):
    page = client.get(f"/guide?lang={language}").get_data(as_text=True)
    assert "<h1 id=" in page and f">{title}</h1>" in page
    anchor = ANCHORS[language]
    assert f'id="{anchor}"' in page and f'href="#{anchor}"' in page
    assert f'<article class="statement guide" lang="{language}">' in page
    assert docs_dir().joinpath(f"guide.{language}.md").is_file()


def test_swedish_guide_is_swedish_through_and_through(client):
    """The Swedish guide, not the English one under a Swedish title; from both addresses."""
    for path in ("/guide", "/opas"):
        page = client.get(f"{path}?lang=sv").get_data(as_text=True)
        assert "Stäng omröstningen och rangordna" in page  # a control, named as the UI names it
        assert "Close voting and rank" not in page and "Sulje äänestys" not in page
