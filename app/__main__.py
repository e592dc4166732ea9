"""``python -m app`` is the same as the ``pajapohja`` command."""

from .cli import main

main()
