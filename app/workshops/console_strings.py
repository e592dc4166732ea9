"""The facilitator console's own UI text (beside the board's, app/workshops/strings.py), handed
to the console page in boot.strings."""

from flask_babel import gettext as _

from ..i18n import plural_forms


def console_strings() -> dict:
    return {
        "viewing_step": _("You are viewing step %(n)s", n="{n}"),
        "live_step": _("Live: step %(n)s", n="{n}"),
        "viewing_live": _("You are viewing the live step (%(n)s)", n="{n}"),
        "show_live_step": _("Show the live step"),
        "step_hint": _("Tip for this step"),
        "progress": _("Progress"),
        "ready_n": _("%(n)s/%(total)s are done", n="{n}", total="{total}"),
        "voted_n": _("%(n)s/%(total)s have voted", n="{n}", total="{total}"),
        "notes_total_n": _("Notes on this step: %(n)s", n="{n}"),
        "notes_per_question": _("%(title)s: %(n)s", title="{title}", n="{n}"),
        "phase_write": _("Writing"),
        "phase_brainstorm": _("Private brainstorming"),
        "state_on": _("on"),
        "state_off": _("off"),
        "brainstorm_state": _("Private brainstorming: %(state)s", state="{state}"),
        "brainstorm_running": _("running"),
        "brainstorm_not_running": _("not running"),
        "voting_state_open": plural_forms(
            "Voting: open, %(n)s vote each", "Voting: open, %(n)s votes each"
        ),
        "voting_state_closed": _("Voting: closed, the notes are ranked"),
        "voting_state_none": _("Voting: not open"),
        "themes_n": _("Themes (%(n)s)", n="{n}"),
        "groups_n": _("Small groups (%(n)s)", n="{n}"),
        "group_name_n": _("Name of group %(n)s", n="{n}"),
        "side_by_side_state": _("Groups side by side: %(state)s", state="{state}"),
        "end_groups": _("End the small groups"),
        "end_groups_confirm": _(
            "End the small groups? Their notes stay on the shared board, each labelled with "
            "its group."
        ),
        "groups_ended": _("The small groups have ended; their notes are on the shared board."),
        "group_renamed": _("Group renamed: %(name)s", name="{name}"),
        "brought_to_plenary": _("The groups' notes are on the shared board."),
        "workshop_closed_note": _(
            "The workshop is closed: the join code no longer works and nothing can be changed. "
            "The downloads below still work."
        ),
        "refused": _("Not done: %(message)s", message="{message}"),
        # The console's banner while offline: the controls wait for the connection too.
        "disconnected": _(
            "Connection lost — the controls work again once it is back; your notes are sent then."
        ),
        "dismiss": _("Close"),
        "link_copied": _("Join link copied."),
        # Curation: what the documents leave out stays on the board, marked for facilitators.
        "not_in_documents": _("Not in the documents"),
        "exclude_note": _("Leave out of the documents"),
        "include_note": _("Bring back into the documents"),
        "exclude_prompt": _("Leave the question out of the documents"),
        "include_prompt": _("Bring the question back into the documents"),
        "left_out": _("Left out of the documents."),
        "brought_back": _("Back in the documents."),
        "new_theme_description": _("Theme description"),
        "theme_description_n": _("Description of theme %(n)s", n="{n}"),
    }
