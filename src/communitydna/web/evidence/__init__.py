"""The evidence pages: sources, splitting interview notes into excerpts, and coding them."""
