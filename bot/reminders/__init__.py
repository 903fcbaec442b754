"""The reminder and digest runner."""
