"""The board's user-interface text, translated on the server and handed to the page as JSON."""

from flask_babel import gettext as _


def board_strings() -> dict:
    return {
        "add_note": _("Add a note"),
        "add_note_to": _("New note: %(prompt)s", prompt="{prompt}"),
        "post": _("Post"),
        "save": _("Save"),
        "cancel": _("Cancel"),
        "edit": _("Edit"),
        "delete": _("Delete"),
        "delete_confirm": _("Delete this note?"),
        "sending": _("Waiting to be sent"),
        "sent": _("Sent"),
        "anonymous": _("Anonymous"),
        "you": _("You"),
        "facilitator": _("Facilitator"),
        "no_notes": _("No notes yet."),
        "notes_count": _("%(n)s notes", n="{n}"),
        "step_of": _("Step %(n)s of %(total)s", n="{n}", total="{total}"),
        "join_title": _("Join the workshop"),
        "name_label": _("Your name (optional)"),
        "join": _("Join"),
        "join_anonymously": _("Join anonymously"),
        "disconnected": _(
            "Connection lost — your notes will be saved when the connection returns."
        ),
        "reconnected": _("Connection restored."),
        "new_notes": _("%(n)s new notes", n="{n}"),
        "new_note": _("1 new note"),
        "conflict": _("Someone else changed this note meanwhile. Their version:"),
        "keep_mine": _("Keep my version"),
        "take_theirs": _("Use their version"),
        "error_prefix": _("Not saved:"),
        "enter_hint": _("Enter posts, Shift+Enter makes a new line."),
        "participants": _("Participants"),
        "previous_step": _("Previous step"),
        "next_step": _("Next step"),
        "steps": _("Steps"),
        "edited": _("edited"),
        "deleted": _("Note deleted."),
        "list_hint": _("One item per line."),
        "rating": _("Rating"),
        "comment": _("Comment"),
        "errors": {
            "empty": _("The note is empty."),
            "too_long": _("The text is too long."),
            "forbidden": _("You can only change your own notes."),
            "workshop_closed": _("This workshop has been closed."),
            "unknown_code": _("No workshop has this code."),
            "removed": _("You have been removed from this workshop."),
            "server_error": _("Something went wrong on the server."),
            "timeout": _("The server did not answer in time."),
        },
    }
