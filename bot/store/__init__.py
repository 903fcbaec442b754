"""Persistence: the database, the Bot Framework state storage and repositories.

Import from the submodules: the command line must not pay for loading botbuilder.
"""
