"""The conversation: the bot class, the router, the action contract and one module per feature."""
