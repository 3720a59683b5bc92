"""The rule shared by every admin: rows come from files, not forms.

The mixins serve model admins and inlines alike.
"""

from django.contrib import admin


class NoWriteMixin:
    """Rows come from files (the import commands), never from a form."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class ReadOnlyMixin(NoWriteMixin):
    """Nothing added, changed or deleted here."""

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class NoWriteAdmin(NoWriteMixin, admin.ModelAdmin):
    pass


class ReadOnlyAdmin(ReadOnlyMixin, admin.ModelAdmin):
    pass
