"""The core: the models, the change log, who sees what, who may do what, who is in a
workshop. It imports no feature package (pyproject.toml, [tool.importlinter])."""
