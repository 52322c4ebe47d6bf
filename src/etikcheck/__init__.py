"""etikcheck: ethics decision support for elected local politicians."""

__version__ = "0.1.0"
