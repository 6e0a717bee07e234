"""Community DNA: map, assess and strengthen the resilience of places."""

__version__ = "0.1.0"
