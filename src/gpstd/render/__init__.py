"""Renderers: turn core results into text, JSON or terminal tables (gpstd.render.grid). Only the CLI prints them."""
