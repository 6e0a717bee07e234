"""Rounds of a study and comparisons: a place assessed again, and places side by side.

A new round starts from the previous study of the same place: its organisations,
relationships and indicators (with their observations) are carried over; evidence, ratings,
recommendations and the action plan start empty. The comparison page puts two studies of a
workspace side by side: DNA strips, ratings moved, relationships formed and ended, network
figures before and after, organisations new and gone.
"""
