"""Run Season Command: an open, self-hostable coaching platform for running."""

__version__ = "0.1.0"
