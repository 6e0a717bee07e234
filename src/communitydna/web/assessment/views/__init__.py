"""The assessment pages, one module per family."""
