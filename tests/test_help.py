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


@pytest.mark.parametrize(
    ("language", "title"),
    [("fi", "Fasilitaattorin opas"), ("en", "Facilitator guide"), ("sv", "Facilitator guide")],
)
def test_guide_is_served_from_docs_with_the_anchors_github_gives(client, language, title):
    page = client.get(f"/guide?lang={language}").get_data(as_text=True)
    assert "<h1 id=" in page and title in page
    anchor = "7-säätimet" if language == "fi" else "7-controls"
    assert f'id="{anchor}"' in page and f'href="#{anchor}"' in page
    assert docs_dir().joinpath(f"guide.{'fi' if language == 'fi' else 'en'}.md").is_file()
