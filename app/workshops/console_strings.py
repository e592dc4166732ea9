"""The facilitator console's own UI text (beside the board's, app/workshops/strings.py), handed
to the console page in boot.strings."""

from flask_babel import gettext as _
from flask_babel import pgettext

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
        # Theme suggestions (static/js/lib/theme_suggestions.js), computed on this server.
        "suggestions": _("Theme suggestions"),
        "suggestions_hint": _(
            "Computed on this server from the notes on the board; nothing changes until you choose."
        ),
        "suggest_themes": _("Suggest themes"),
        "sort_into_themes": _("Sort into themes"),
        "candidate_names": _("Candidate theme names"),
        # A candidate comes from the notes only their authors see: its name, once a theme, not.
        "themes_seen_by_all": _(
            "Private brainstorming is running: the name of a theme you make is seen by every "
            "participant at once."
        ),
        "candidate_notes_n": plural_forms("(%(n)s note)", "(%(n)s notes)"),
        "candidates_found_n": plural_forms(
            "%(n)s candidate theme name", "%(n)s candidate theme names"
        ),
        "no_candidates": _("No recurring words found in the notes."),
        "make_theme": _("Make a theme"),
        "make_theme_named": _("Make a theme: %(title)s", title="{title}"),
        "theme_made": _("Theme added: %(title)s", title="{title}"),
        "similar_notes": _("Similar notes"),
        "similar_hint": _(
            "Perhaps the same thing said twice. Merging joins the texts into the first note and "
            "keeps the votes."
        ),
        "merge_similar": _("Merge %(n)s notes: %(text)s", n="{n}", text="{text}"),
        "merged_n": plural_forms("%(n)s note merged into one", "%(n)s notes merged into one"),
        "sort_hint": _(
            "A preview: nothing moves until you accept. Change a note's theme where the "
            "proposal is wrong."
        ),
        "proposed_theme": _("Proposed: %(title)s", title="{title}"),
        "no_proposal": _("No proposed theme"),
        "sorted_notes_n": plural_forms("%(n)s note sorted", "%(n)s notes sorted"),
        "into_themes_n": plural_forms("%(n)s theme sorted into", "%(n)s themes sorted into"),
        "left_without_n": plural_forms(
            "%(n)s note left without a theme", "%(n)s notes left without a theme"
        ),
        "sort_summary": _(
            "%(notes)s into %(themes)s, %(loose)s",
            notes="{notes}",
            themes="{themes}",
            loose="{loose}",
        ),
        "sorted_result": _("%(notes)s moved into %(themes)s.", notes="{notes}", themes="{themes}"),
        "nothing_to_sort": _("Every note on the board is in a theme already."),
        "accept": _("Accept"),
        "sort_needs_themes": _("Sorting puts notes into themes: make a theme first."),
        # A proposal the engine is not sure of (score under 0.5): right less often.
        "unsure_proposal": pgettext("theme suggestion", "uncertain"),
        # Beside a note in the sorting preview, on a step of several questions.
        "note_question": pgettext("theme suggestion", "Question:"),
        "sort_uses_descriptions": _(
            "Sorting compares each note with the themes' names and descriptions: a few of the "
            "participants' own words in a description help."
        ),
    }
