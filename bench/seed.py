"""Fill a workshop with notes quickly, straight through the app's models (one bulk INSERT),
for the join-storm and browser scenarios. Uses the same environment as the server
(``PAJAPOHJA_DATA_DIR`` / ``PAJAPOHJA_DATABASE_URL``).

    python -m bench.seed WORKSHOP_ID STEP_ID PROMPT_ID[,PROMPT_ID...] COUNT [TEXTS.json]

TEXTS.json, if given, is a JSON list of note texts, used in turn (bench/suggest.py).

The notes are ordinary rows of ``notes`` (authored by "Bench", no log events): a join snapshot
reads them like any other note.
"""

import json
import sys
import uuid


def main() -> None:
    workshop_id, step_id, prompt_ids, count = sys.argv[1:5]
    prompts = prompt_ids.split(",")
    texts = None
    if len(sys.argv) > 5:
        with open(sys.argv[5], encoding="utf-8") as source:
            texts = json.load(source)
    from sqlalchemy import insert

    from app import create_app
    from app.core.note_models import Note
    from app.db import utcnow, write_transaction

    app = create_app({"CREATE_SCHEMA": False})
    now = utcnow()
    rows = [
        {
            "workshop_id": int(workshop_id),
            "step_id": int(step_id),
            "prompt_id": prompts[index % len(prompts)],
            "op_id": str(uuid.uuid4()),
            "author_name": "Bench",
            "text": texts[index % len(texts)]
            if texts
            else f"Seeded note {index}: osallisuus, kuuleminen ja yhteistyö arjessa",
            "fields": {},
            "created_at": now,
            "updated_at": now,
        }
        for index in range(int(count))
    ]
    with app.app_context():
        with write_transaction() as session:
            session.execute(insert(Note), rows)
    print(len(rows))


if __name__ == "__main__":
    main()
