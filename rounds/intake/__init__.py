"""Add a round from a communiqué: read the text, let staff review, write a draft round.

Depends on the domain (models, services); the domain never imports this package.
"""
