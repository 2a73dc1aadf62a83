"""Jalon: a marketing roadmap studio."""

__version__ = "0.1.0"
