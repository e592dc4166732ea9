"""A participant's join snapshot costs the same number of SQL queries however many notes the
workshop holds, so a join storm into a full board scales with people, not people × notes."""

import uuid

from sqlalchemy import event, insert

from app.core.note_models import Note
from app.db import utcnow, write_transaction
from app.extensions import db


def _fill(app, workshop: dict, count: int) -> None:
    step = workshop["steps"][0]
    prompts = [prompt["id"] for prompt in step["prompts"]]
    rows = [
        {
            "workshop_id": workshop["id"],
            "step_id": step["id"],
            "prompt_id": prompts[index % len(prompts)],
            "op_id": str(uuid.uuid4()),
            "author_name": "Aino",
            "text": f"Muistilappu {index}",
            "fields": {},
            "created_at": utcnow(),
            "updated_at": utcnow(),
        }
        for index in range(count)
    ]
    with app.app_context():
        with write_transaction() as session:
            session.execute(insert(Note), rows)


def _join_counting_queries(app, participant, workshop: dict) -> tuple[list[str], dict]:
    statements: list[str] = []

    def record(_conn, _cursor, statement, *_args):
        statements.append(statement)

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        _sock, ack = participant(workshop_=workshop)
    finally:
        event.remove(engine, "before_cursor_execute", record)
    return statements, ack


def test_joining_a_board_of_2000_notes_costs_as_many_queries_as_a_board_of_10(
    app, make_workshop, participant
):
    small, big = make_workshop(), make_workshop()
    _fill(app, small, 10)
    _fill(app, big, 2000)
    participant(workshop_=small)  # someone already in each: the join also announces itself
    participant(workshop_=big)

    small_queries, small_ack = _join_counting_queries(app, participant, small)
    big_queries, big_ack = _join_counting_queries(app, participant, big)

    assert len(small_ack["workshop"]["notes"]) == 10
    assert len(big_ack["workshop"]["notes"]) == 2000
    assert len(big_queries) == len(small_queries), (small_queries, big_queries)
    assert len(big_queries) < 40
