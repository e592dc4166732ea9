"""Add translations to the catalogues: extract new strings, fill the given ones, compile.

    python scripts/translate.py translations.json
    echo '{"Save": ["Tallenna", "Spara"]}' | python scripts/translate.py -

The JSON maps an English msgid to [Finnish, Swedish]; English is the msgid itself. Runs under a
file lock so that several people can add strings at once. Prints what is still untranslated.
"""

import fcntl
import json
import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
LANGUAGES = ("fi", "sv", "en")


def catalogue_path(language: str) -> Path:
    return ROOT / "app" / "translations" / language / "LC_MESSAGES" / "messages.po"


def fill(translations: dict) -> list[tuple[str, str]]:
    missing = []
    for index, language in enumerate(LANGUAGES):
        path = catalogue_path(language)
        with open(path, "rb") as handle:
            catalogue = read_po(handle)
        for message in catalogue:
            if not message.id:
                continue
            if message.id in translations:
                message.string = message.id if language == "en" else translations[message.id][index]
            elif language == "en" and not message.string:
                message.string = message.id
            message.flags.discard("fuzzy")
            if not message.string:
                missing.append((language, message.id))
        with open(path, "wb") as handle:
            write_po(handle, catalogue, no_location=True, sort_output=True, width=100)
    return missing


def main() -> None:
    source = sys.stdin if sys.argv[1:] == ["-"] else open(sys.argv[1], encoding="utf-8")
    translations = json.load(source)
    with open("/tmp/pajapohja-i18n.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        subprocess.run(
            [str(ROOT / "scripts" / "i18n.sh"), "update"], check=True, capture_output=True
        )
        missing = fill(translations)
        subprocess.run(
            [str(ROOT / "scripts" / "i18n.sh"), "compile"], check=True, capture_output=True
        )
    for language, msgid in missing:
        print(f"untranslated [{language}]: {msgid}")


if __name__ == "__main__":
    main()
