"""One module per benchmark case; each returns the ``Record`` values it measured."""
