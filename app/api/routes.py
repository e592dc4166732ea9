"""REST endpoints. Thin: parse, authorize, call one service, commit, broadcast."""

from flask import jsonify, url_for

from ..core import log, membership
from ..db import write_transaction
from ..extensions import db
from ..realtime import broadcast
from ..validation import parse
from ..workshops import document_facts, service
from ..workshops.document import document
from . import bp, current_facilitator, json_body
from .openapi import spec
from .payloads import CoFacilitatorBody, SeriesBody, WorkshopBody


@bp.get("/openapi.json")
def openapi():
    return jsonify(spec())


@bp.get("/canvases")
def canvases():
    return jsonify(service.library().to_api())


@bp.post("/series")
def create_series():
    facilitator = current_facilitator()
    body = parse(SeriesBody, json_body())
    with write_transaction():
        series = service.create_series(
            facilitator.id,
            body.title,
            topic=body.topic,
            organisation=body.organisation,
            language=body.language,
        )
    return jsonify({"id": series.id}), 201


@bp.post("/workshops")
def create_workshop():
    facilitator = current_facilitator()
    body = parse(WorkshopBody, json_body())
    with write_transaction():
        workshop = service.create_workshop(
            facilitator.id,
            title=body.title,
            template=body.template,
            language=body.language,
            series_id=body.series_id,
            index=body.index or 1,
            topic=body.topic,
            organisation=body.organisation,
        )
    steps = [
        {
            "id": step.id,
            "canvas": step.canvas_id,
            "kind": step.kind,
            "title": step.definition["title"],
            "prompts": [{"id": p["id"], "title": p["title"]} for p in step.definition["prompts"]],
        }
        for step in workshop.steps
    ]
    response = jsonify(
        {
            "id": workshop.id,
            "join_code": workshop.join_code,
            "join_url": service.join_url(workshop),
            "steps": steps,
        }
    )
    response.headers["Location"] = url_for("api.get_workshop", workshop_id=workshop.id)
    return response, 201


@bp.get("/workshops/<int:workshop_id>")
def get_workshop(workshop_id: int):
    facilitator = current_facilitator()
    workshop = service.owned_workshop(facilitator.id, workshop_id)
    viewer = log.Viewer(workshop.id, "facilitator", facilitator_id=facilitator.id)
    return jsonify(document(workshop, viewer))


@bp.patch("/workshops/<int:workshop_id>")
def update_workshop(workshop_id: int):
    """The documents' facts (``held_on``, ``time_zone``, ``closing_text``); a field left out
    stays as it was. Owner and co-facilitators, as in the summary preview's form."""
    facilitator = current_facilitator()
    body = json_body()
    facts, refusals = document_facts.read(body)
    if refusals:
        raise next(iter(refusals.values()))
    with write_transaction(workshop_id=workshop_id):
        workshop = service.owned_workshop(facilitator.id, workshop_id)
        event = document_facts.apply(workshop, facts)
    if event is not None:
        broadcast([event])
    return jsonify({**document_facts.public(workshop), "seq": workshop.seq})


@bp.delete("/workshops/<int:workshop_id>")
def delete_workshop(workshop_id: int):
    facilitator = current_facilitator()
    with write_transaction(workshop_id=workshop_id):
        service.delete_workshop(
            service.owned_workshop(facilitator.id, workshop_id, owner_only=True)
        )
    db.session.expunge_all()
    return "", 204


@bp.get("/workshops/<int:workshop_id>/facilitators")
def list_co_facilitators(workshop_id: int):
    facilitator = current_facilitator()
    workshop = service.owned_workshop(facilitator.id, workshop_id)
    return jsonify(
        {
            "owner_id": workshop.owner_id,
            "co_facilitators": [
                {"id": f.id, "email": f.email, "name": f.name}
                for f in service.co_facilitators(workshop)
            ],
        }
    )


@bp.post("/workshops/<int:workshop_id>/facilitators")
def add_co_facilitator(workshop_id: int):
    """The owner adds a co-facilitator by e-mail."""
    facilitator = current_facilitator()
    email = parse(CoFacilitatorBody, json_body()).email
    with write_transaction(workshop_id=workshop_id):
        workshop = service.owned_workshop(facilitator.id, workshop_id, owner_only=True)
        added = service.add_co_facilitator(workshop, email)
    return jsonify({"id": added.id, "email": added.email}), 201


@bp.delete("/workshops/<int:workshop_id>/facilitators/<int:facilitator_id>")
def remove_co_facilitator(workshop_id: int, facilitator_id: int):
    facilitator = current_facilitator()
    with write_transaction(workshop_id=workshop_id):
        workshop = service.owned_workshop(facilitator.id, workshop_id, owner_only=True)
        service.remove_co_facilitator(workshop, facilitator_id)
    membership.end(workshop_id, facilitator_id=facilitator_id)  # their open consoles too
    return "", 204
