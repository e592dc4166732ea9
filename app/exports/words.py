"""The exports' own vocabulary, per workshop language. Exports follow the workshop's language,
not the language of whoever downloads them, so this is a table rather than gettext."""

from ..canvases import PLAN_SECTIONS
from .plan_words import PLAN_WORDS

WORDS: dict[str, dict[str, str]] = {
    "fi": {
        "summary": "yhteenveto",
        "plan": "koulutussuunnitelman luonnos",
        "participants": "{n} osallistujaa",
        "participants_one": "1 osallistuja",
        "facilitator": "fasilitaattori {name}",
        "votes": "{n} ääntä",
        "votes_one": "1 ääni",
        "vision": "Visio",
        "other_notes": "Muut",
        "no_notes": "Ei lappuja.",
        "hidden": "Lappuja ei ole vielä paljastettu.",
        "not_covered": "Ei vielä käsitelty.",
        "comment": "Kommentti",
        "votes_column": "Ääniä",
        "rating": "Arvio",
        "answers": "Vastauksia",
        "average": "Keskiarvo {avg} / {max} ({n} vastausta)",
        "average_one": "Keskiarvo {avg} / {max} (1 vastaus)",
        "group": "ryhmä {name}",
        "organisation": "Organisaatio",
        "topic": "Aihe",
        "series": "Työpajasarja",
        "draft": "Luonnos",
        "draft_line": "luonnos {date}",
        "workshops_held": "Pidetyt työpajat",
        "workshop": "Työpaja",
        "date": "Päivämäärä",
        "participant_count": "Osallistujia",
        "not_held": "ei vielä pidetty",
        "anonymous": "nimetön",
        "csv_workshop": "työpaja",
        "csv_step": "vaihe",
        "csv_prompt": "kysymys",
        "csv_theme": "teema",
        "csv_group": "ryhmä",
        "csv_text": "teksti",
        "csv_fields": "kentät",
        "csv_votes": "äänet",
        "csv_author": "kirjoittaja",
        "csv_created": "luotu",
        # The summary (issue 16): group headings, card blocks, the closing section, times.
        "group_heading": "Ryhmä: {name}",
        "closing": "Yhteenveto ja jatko",
        "date_time": "{date} klo {time}",
    },
    "sv": {
        "summary": "sammanfattning",
        "plan": "utkast till utbildningsplan",
        "participants": "{n} deltagare",
        "participants_one": "1 deltagare",
        "facilitator": "facilitator {name}",
        "votes": "{n} röster",
        "votes_one": "1 röst",
        "vision": "Vision",
        "other_notes": "Övriga",
        "no_notes": "Inga lappar.",
        "hidden": "Lapparna har inte visats ännu.",
        "not_covered": "Inte behandlat ännu.",
        "comment": "Kommentar",
        "votes_column": "Röster",
        "rating": "Betyg",
        "answers": "Svar",
        "average": "Medelvärde {avg} / {max} ({n} svar)",
        "average_one": "Medelvärde {avg} / {max} (1 svar)",
        "group": "grupp {name}",
        "organisation": "Organisation",
        "topic": "Ämne",
        "series": "Workshopserie",
        "draft": "Utkast",
        "draft_line": "utkast {date}",
        "workshops_held": "Hållna workshoppar",
        "workshop": "Workshop",
        "date": "Datum",
        "participant_count": "Deltagare",
        "not_held": "inte hållen ännu",
        "anonymous": "anonym",
        "csv_workshop": "workshop",
        "csv_step": "steg",
        "csv_prompt": "fråga",
        "csv_theme": "tema",
        "csv_group": "grupp",
        "csv_text": "text",
        "csv_fields": "fält",
        "csv_votes": "röster",
        "csv_author": "skribent",
        "csv_created": "skapad",
        # The summary (issue 16): group headings, card blocks, the closing section, times.
        "group_heading": "Grupp: {name}",
        "closing": "Sammanfattning och fortsättning",
        "date_time": "{date} kl. {time}",
    },
    "en": {
        "summary": "summary",
        "plan": "training-plan draft",
        "participants": "{n} participants",
        "participants_one": "1 participant",
        "facilitator": "facilitator {name}",
        "votes": "{n} votes",
        "votes_one": "1 vote",
        "vision": "Vision statement",
        "other_notes": "Other notes",
        "no_notes": "No notes.",
        "hidden": "The notes have not been revealed yet.",
        "not_covered": "Not covered yet.",
        "comment": "Comment",
        "votes_column": "Votes",
        "rating": "Rating",
        "answers": "Answers",
        "average": "Average {avg} / {max} ({n} answers)",
        "average_one": "Average {avg} / {max} (1 answer)",
        "group": "group {name}",
        "organisation": "Organisation",
        "topic": "Topic",
        "series": "Workshop series",
        "draft": "Draft",
        "draft_line": "draft {date}",
        "workshops_held": "Workshops held",
        "workshop": "Workshop",
        "date": "Date",
        "participant_count": "Participants",
        "not_held": "not held yet",
        "anonymous": "anonymous",
        "csv_workshop": "workshop",
        "csv_step": "step",
        "csv_prompt": "prompt",
        "csv_theme": "theme",
        "csv_group": "group",
        "csv_text": "text",
        "csv_fields": "fields",
        "csv_votes": "votes",
        "csv_author": "author",
        "csv_created": "created",
        # The summary (issue 16): group headings, card blocks, the closing section, times.
        "group_heading": "Group: {name}",
        "closing": "Summary and next steps",
        "date_time": "{date}, {time}",
    },
}

for _language, _plan_words in PLAN_WORDS.items():
    WORDS[_language].update(_plan_words)


_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


class Words:
    """The vocabulary of one language, with counts and dates written the local way."""

    def __init__(self, language: str):
        self.language = language if language in WORDS else "fi"
        self.table = WORDS[self.language]

    def __getitem__(self, key: str) -> str:
        return self.table[key]

    def counted(self, key: str, n: int) -> str:
        if n == 1:
            return self.table[f"{key}_one"]
        return self.table[key].format(n=n)

    def date(self, moment) -> str:
        """A date as people write it in Finland: "12.3.2025" (fi, sv), "12 March 2025" (en).
        ``moment`` is a date or a datetime already in the workshop's time zone."""
        if self.language == "en":
            return f"{moment.day} {_MONTHS[moment.month - 1]} {moment.year}"
        return f"{moment.day}.{moment.month}.{moment.year}"

    def date_time(self, moment) -> str:
        """A local date and time: "12.3.2025 klo 9.30", "12.3.2025 kl. 9.30",
        "12 March 2025, 09:30" (see ``content.local_time`` for the conversion)."""
        if self.language == "en":
            time = f"{moment.hour:02d}:{moment.minute:02d}"
        else:
            time = f"{moment.hour}.{moment.minute:02d}"
        return self.table["date_time"].format(date=self.date(moment), time=time)

    def group_heading(self, name: str) -> str:
        """A small group's heading: its name, or "Ryhmä: <name>" when the name does not say
        it is a group ("Ryhmä 1" stays as it is)."""
        word = self.table["group_heading"].split(":")[0].casefold()
        return name if word in name.casefold() else self.table["group_heading"].format(name=name)

    def decimal(self, value: float) -> str:
        text = f"{value:.1f}"
        return text if self.language == "en" else text.replace(".", ",")

    def section_title(self, section_id: str) -> str:
        return dict(PLAN_SECTIONS)[section_id][self.language]
