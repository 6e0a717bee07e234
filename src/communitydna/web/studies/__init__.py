"""A study's data, its conversion to and from a snapshot, and the services that change it."""
