"""The API's documentation pages: the one schema of every app, readable in a browser.

Swagger UI and ReDoc are drf-spectacular's views with their files served from
drf-spectacular-sidecar (``SPECTACULAR_SETTINGS``), so the docs work offline.
"""

from django.template.loader import render_to_string
from drf_spectacular.renderers import OpenApiYamlRenderer
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerView,
)
from rest_framework.renderers import BaseRenderer


class OpenApiHtmlRenderer(BaseRenderer):
    """The YAML schema inside a page, for a browser that asks for text/html.

    Without it a browser is answered with ``application/vnd.oai.openapi``,
    which it downloads instead of showing.
    """

    media_type = "text/html"
    format = "html"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        request = (renderer_context or {}).get("request")
        yaml = OpenApiYamlRenderer().render(data).decode()
        return render_to_string(
            "dsr_project/api_schema.html",
            {"schema": yaml, "info": data.get("info", {})},
            request=request,
        )


class SchemaView(SpectacularAPIView):
    # Last: clients accepting anything still get the YAML schema first.
    renderer_classes = [*SpectacularAPIView.renderer_classes, OpenApiHtmlRenderer]


swagger = SpectacularSwaggerView.as_view(url_name="schema")
# drf-spectacular's page without its web fonts: nothing loads from elsewhere.
redoc = SpectacularRedocView.as_view(
    url_name="schema", template_name="dsr_project/redoc.html"
)
schema = SchemaView.as_view()
