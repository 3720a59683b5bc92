"""No models of its own: Django's users and groups, DRF's tokens.

The module exists so that post_migrate reaches this app (see apps.py).
"""
