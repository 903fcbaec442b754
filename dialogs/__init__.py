"""Guided conversations (botbuilder-dialogs): theme intakes and registering a partnership."""
