"""Load benchmark: the real app and a bare Flask-SocketIO broadcast server under the same load.

Run by hand (``python -m bench --help``); never part of the test suite. docs/performance.md
explains the scenarios and records the figures.
"""
