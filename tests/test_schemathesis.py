"""schemathesis against the REST API's own OpenAPI document, in process over WSGI: generated
requests, valid and invalid, to every documented operation as a facilitator. No request may crash
the server, and every answer must be one the document promises (status, content type, body)."""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import checks

# What the document can promise truthfully. Not ``positive_data_acceptance``: a schema cannot
# say which template ids exist or what a valid export.json contains, so well-formed requests
# are refused on purpose (unknown template, wrong import document).
CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_headers_conformance,
    checks.response_schema_conformance,
    checks.negative_data_rejection,
    checks.missing_required_header,
    checks.unsupported_method,
    checks.ignored_auth,
]


@pytest.fixture
def api_schema(app, make_workshop):
    # Something to find: generated ids start at the document's minimum, 1.
    make_workshop()
    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(
    max_examples=40,
    derandomize=True,  # the same requests on every run, so CI is stable
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_every_documented_request_gets_a_documented_answer_and_never_a_server_error(
    case, facilitator
):
    case.call_and_validate(headers={"Authorization": f"Bearer {facilitator[2]}"}, checks=CHECKS)
