"""Page objects: one per screen, speaking in what a user does."""

from playwright.sync_api import Page, expect

from ..conftest import PASSWORD
from .rooms import open_controls


class LoginPage:
    def __init__(self, page: Page, base_url: str):
        self.page = page
        self.base_url = base_url

    def log_in(self, email: str, password: str = PASSWORD) -> "DashboardPage":
        self.page.goto(f"{self.base_url}/login")
        self.page.get_by_label("Sähköpostiosoite").fill(email)
        self.page.get_by_label("Salasana").fill(password)
        self.page.get_by_role("button", name="Kirjaudu sisään").click()
        expect(self.page.get_by_role("heading", name="Työpajat", exact=True)).to_be_visible()
        return DashboardPage(self.page, self.base_url)


class DashboardPage:
    def __init__(self, page: Page, base_url: str):
        self.page = page
        self.base_url = base_url

    def create_workshop(
        self,
        title: str,
        template: str,
        index: int = 1,
        topic: str = "",
        new_series: str | None = None,
        series: str | None = None,
    ) -> "BoardPage":
        self.page.goto(f"{self.base_url}/")
        self.page.get_by_label("Otsikko").fill(title)
        self.page.get_by_label("Työpajapohja").select_option(value=f"{template}:{index}")
        if new_series:
            self.page.get_by_label("Työpajasarja").select_option(value="new")
            self.page.get_by_label("Uuden sarjan nimi").fill(new_series)
        elif series:
            self.page.get_by_label("Työpajasarja").select_option(label=series)
        if topic:
            self.page.get_by_label("Aihe", exact=False).fill(topic)
        self.page.get_by_role("button", name="Luo työpaja").click()
        expect(self.page.get_by_role("heading", level=1, name=title)).to_be_visible()
        board = BoardPage(self.page)
        board.wait_until_live()
        return board


class BoardPage:
    """The live board, as a participant or in the facilitator console."""

    def __init__(self, page: Page):
        self.page = page

    @property
    def join_code(self) -> str:
        return self.page.locator("#join-code").inner_text().replace("-", "")

    @property
    def join_url(self) -> str:
        return self.page.locator("#join-link").get_attribute("href")

    def wait_until_live(self, connected: bool = True):
        """The board is shown and (unless offline, ``connected=False``) joined. After a reload
        the board first shows the copy the browser kept, then the server's state once joined:
        a control clicked before that may be drawn anew, closed."""
        expect(self.page.locator("#board")).to_be_visible()
        expect(self.page.locator("#step-title")).not_to_be_empty()
        state = "true" if connected else "false"
        expect(self.page.locator("#board")).to_have_attribute("data-connected", state)

    def column(self, prompt_title: str):
        return self.page.locator("section.column").filter(
            has=self.page.get_by_role("heading", name=prompt_title)
        )

    def post(self, prompt_title: str, text: str):
        box = self.column(prompt_title).locator("form.composer textarea")
        box.fill(text)
        box.press("Enter")

    def show_step_titled(self, fragment: str):
        button = self.page.locator("#step-nav button.step-button", has_text=fragment)
        button.click()
        expect(button).to_have_attribute("aria-current", "step")

    def notes(self, prompt_title: str):
        return self.column(prompt_title).locator("ul.notes > li")

    def note(self, prompt_title: str, text: str):
        """The note whose own text is ``text`` (not one that merely mentions it in a menu)."""
        return self.notes(prompt_title).filter(has=self.page.locator(".note-text", has_text=text))

    def expect_note(self, prompt_title: str, text: str):
        expect(self.note(prompt_title, text)).to_have_count(1)

    def note_menu(self, prompt_title: str, text: str):
        """Open the note's one menu (edit, delete, theme, moderation) and return it."""
        button = self.note(prompt_title, text).locator("button.note-menu-button")
        if button.get_attribute("aria-expanded") != "true":
            button.click()
        expect(button).to_have_attribute("aria-expanded", "true")
        return self.note(prompt_title, text).locator(".note-menu")

    def note_action(self, prompt_title: str, text: str, action_name: str):
        """Choose ``action_name`` (e.g. "Muokkaa", "Poista", a theme's title) in the note's menu."""
        menu = self.note_menu(prompt_title, text)
        menu.get_by_role("button", name=action_name, exact=True).click()


class JoinPage:
    def __init__(self, page: Page, url: str):
        self.page = page
        self.url = url

    def join(self, name: str | None) -> BoardPage:
        self.page.goto(self.url)
        if name:
            self.page.get_by_label("Nimesi (vapaaehtoinen)").fill(name)
            self.page.get_by_role("button", name="Liity", exact=True).click()
        else:
            self.page.get_by_role("button", name="Liity nimettömänä").click()
        board = BoardPage(self.page)
        board.wait_until_live()
        return board


class ConsolePage(BoardPage):
    """The facilitator console: the board plus the controls beside it."""

    def control(self, control_id: str):
        """A control of the console, its phase unfolded first if it was folded."""
        if self.page.locator("#controls details.control-box:not([open])").count():
            open_controls(self.page)
        return self.page.locator(f"#{control_id}")

    def move_everyone_here(self):
        self.control("ctl-goto").click()
        expect(self.control("ctl-goto")).to_be_disabled()

    def start_timer(self, minutes: int):
        self.control("ctl-minutes").fill(str(minutes))
        self.control("ctl-timer-start").click()

    def show_step(self, number: int):
        self.page.locator("#step-nav button.step-button").nth(number - 1).click()
        expect(self.page.locator("#step-nav button.step-button").nth(number - 1)).to_have_attribute(
            "aria-current", "step"
        )


def open_room(server, new_context, *names, template="hyvanmitta-training-plan", **options):
    """A facilitator's console on a new workshop and a participant board for each name."""
    from playwright.sync_api import expect as _expect

    host = LoginPage(new_context().new_page(), server.url).log_in(server.facilitator_email)
    board = host.create_workshop("Työpaja", template, topic="osallisuusosaaminen")
    console = ConsolePage(board.page)
    _expect(console.control("ctl-goto")).to_be_visible()
    boards = [
        JoinPage(new_context(**options).new_page(), console.join_url).join(name) for name in names
    ]
    return console, boards
