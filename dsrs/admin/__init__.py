"""The DSR admin: read-only browsing with money on screen, a revenue overview,
deleting DSRs with their contents, and the deletion log."""

from django.contrib import admin

from dsrs.admin import deletions, dsrs, reference, resources

# The DSR list needs the width at 1366 px; the app list stays one click away
# (Home), and the sidebar would take a quarter of the screen.
admin.site.enable_nav_sidebar = False

__all__ = ["deletions", "dsrs", "reference", "resources"]
