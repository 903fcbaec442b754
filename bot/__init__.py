"""Samenwerkwijzer: a Teams bot that guides municipal staff through their partnerships."""
