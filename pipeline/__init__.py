"""Détente: track what governments say to and about each other."""

__version__ = "0.1.0"
