"""Renderers: turn core results into text, JSON or rich tables. Only the CLI prints them."""
