"""The Voilà app officers open; ``notebooks/app.ipynb`` builds ``ChitieuApp`` and shows it.

``ChitieuApp`` and ``startup_files`` are imported on first use, so that the Voilà server
(``python -m chitieu.app.server``) does not load the widgets and pandas it never uses.
"""

__all__ = ["ChitieuApp", "startup_files"]


def __getattr__(name: str) -> object:
    if name in __all__:
        from chitieu.app import main
        return getattr(main, name)
    raise AttributeError(name)
