"""The rule shared by every admin: rows come from files, not forms."""

from django.contrib import admin


class NoWriteAdmin(admin.ModelAdmin):
    """Rows come from files (the import commands), never from a form."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class ReadOnlyAdmin(NoWriteAdmin):
    def has_delete_permission(self, request, obj=None) -> bool:
        return False
