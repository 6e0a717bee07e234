"""The assessment of a study: measure pages, the overall assessment, recommendations with
their follow-ups, and the report."""
