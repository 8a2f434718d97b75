"""The small Django project `tutor lab` serves when an experiment needs views the exercises do not have.

Every view waits `?ms=` milliseconds (100 by default) in a different way, so the servers and the
ways of waiting can be compared on the same work. No models, no database.
"""
