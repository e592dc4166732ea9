"""Exports: the workshop summary, the series' training-plan draft, notes as CSV, and the whole
workshop as JSON that can be imported on another server.

Every document is a pure function of workshop documents (``app.workshops.document``): the
builders (``summary``, ``plan``) turn them into format-neutral blocks, and the writers
(``markdown_out``, ``docx_out``) turn blocks into files, escaping participant text on the way.
"""
