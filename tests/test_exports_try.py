from tests.test_exports_golden import build_impact_chain
def test_try(make_workshop, sockets, facilitator, api):
    room = build_impact_chain(make_workshop, sockets, facilitator[2])
    r = api.get(f"/workshops/{room.workshop['id']}/summary.md")
    print(r.status_code); print(r.get_data(as_text=True))
