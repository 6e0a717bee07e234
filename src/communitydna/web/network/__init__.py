"""The network pages: organisations, relationships and the interactive map."""
