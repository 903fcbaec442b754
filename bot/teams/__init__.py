"""The Bot Framework edge: the connector, proactive sending and activity helpers."""
