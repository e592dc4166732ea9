"""Who may act and who may see are each judged in one module (issue 17):
``app/core/authorization.py`` and ``app/core/visibility.py``. A viewer's role is read nowhere
else, so a second copy of a rule cannot creep into a feature unnoticed."""

import re
from pathlib import Path

APP = Path(__file__).resolve().parent.parent / "app"
RULES = {"core/authorization.py", "core/visibility.py"}
# Reads of a role outside the rules, and why: the Viewer itself (its actor id), the membership
# check choosing which table answers "still in the workshop?", and the name a vision edit is
# signed with.
ELSEWHERE = {"core/log.py": 3, "core/membership.py": 5, "notes/vision.py": 1}
ROLE = re.compile(r"\.is_(facilitator|presenter)\b|\.role\s*==")


def test_a_viewer_s_role_is_judged_only_by_the_rules():
    found = {}
    for path in APP.rglob("*.py"):
        name = path.relative_to(APP).as_posix()
        if name in RULES:
            continue
        count = len(ROLE.findall(path.read_text(encoding="utf-8")))
        if count:
            found[name] = count
    assert found == ELSEWHERE
