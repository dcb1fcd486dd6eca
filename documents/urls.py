"""Public library URLs are stable and readable: /faktaark/59/, /faktaark/59/1.0/,
/veiledere/<slug>/, /veiledere/<slug>/3.0/. Internal pages live under /dokumenter/arbeid/."""

from django.contrib.sitemaps import views as sitemap_views
from django.urls import path, register_converter

from documents.feeds import PublishedVersionsFeed
from documents.models import Document
from documents.sitemaps import SITEMAPS
from documents.views import consultations, public, workspace


class FactSheetCode:
    """«59», «6b», «20a»."""

    regex = r"[0-9]{1,4}[a-z]?"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return str(value)


class VersionNumber:
    regex = r"[0-9]{1,3}\.[0-9]{1,3}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return str(value)


register_converter(FactSheetCode, "factsheet")
register_converter(VersionNumber, "vnum")

app_name = "documents"

PREFIXES = {
    Document.Kind.FACT_SHEET: "faktaark/<factsheet:key>/",
    Document.Kind.GUIDE: "veiledere/<slug:key>/",
    Document.Kind.OTHER: "dokumenter/annet/<slug:key>/",
}


def _document_urls(kind, prefix):
    extra = {"kind": kind}
    v = prefix + "<vnum:number>/"
    return [
        path(prefix, public.document_detail, extra, name=f"{kind}_detail"),
        path(v, public.version_detail, extra, name=f"{kind}_version"),
        path(v + "word/", public.version_docx, extra, name=f"{kind}_docx"),
        path(v + "vedlegg/<slug:slug>/", public.annex_page, extra, name=f"{kind}_annex"),
        path(v + "vedlegg/<slug:slug>/fil/", public.annex_file, extra,
             name=f"{kind}_annex_file"),
    ]


def sitemap(request, **kwargs):
    # Read SITEMAPS per request, so sections other apps add later are included.
    return sitemap_views.sitemap(request, sitemaps=dict(SITEMAPS), **kwargs)


urlpatterns = [
    path("dokumenter/", public.library, name="library"),
    path("faktaark/", public.library, {"kind": Document.Kind.FACT_SHEET},
         name="fact_sheet_list"),
    path("veiledere/", public.library, {"kind": Document.Kind.GUIDE}, name="guide_list"),
    path("dokumenter/annet/", public.library, {"kind": Document.Kind.OTHER},
         name="other_list"),
    path("dokumenter/sok/", public.search, name="search"),
    path("dokumenter/nytt.atom", PublishedVersionsFeed(), name="feed"),
    path("tilgjengelighet/", public.accessibility, name="accessibility"),
    path("sitemap.xml", sitemap, name="sitemap"),
    # Internal
    path("dokumenter/arbeid/", workspace.work_list, name="work_list"),
    path("dokumenter/arbeid/nytt/", workspace.document_create, name="work_document_create"),
    path("dokumenter/arbeid/<int:pk>/", workspace.document_page, name="work_document"),
    path("dokumenter/arbeid/<int:pk>/endre/", workspace.document_edit,
         name="work_document_edit"),
    path("dokumenter/arbeid/<int:pk>/utgatt/", workspace.document_expire,
         name="work_document_expire"),
    path("dokumenter/arbeid/<int:pk>/ny-versjon/", workspace.version_create,
         name="work_version_create"),
    path("dokumenter/arbeid/versjon/<int:pk>/", workspace.version_page, name="work_version"),
    path("dokumenter/arbeid/versjon/<int:pk>/tekst/", workspace.version_text,
         name="work_version_text"),
    path("dokumenter/arbeid/versjon/<int:pk>/historikk/", workspace.version_history,
         name="work_version_history"),
    path("dokumenter/arbeid/versjon/<int:pk>/gjenopprett/", workspace.version_restore,
         name="work_version_restore"),
    path("dokumenter/arbeid/versjon/<int:pk>/word-fil/", workspace.version_upload,
         name="work_version_upload"),
    path("dokumenter/arbeid/versjon/<int:pk>/word/", workspace.version_docx,
         name="work_version_docx"),
    path("dokumenter/arbeid/versjon/<int:pk>/status/", workspace.version_status,
         name="work_version_status"),
    path("dokumenter/arbeid/versjon/<int:pk>/sak/", workspace.version_link_case,
         name="work_version_case"),
    path("dokumenter/arbeid/versjon/<int:pk>/publisering/", workspace.version_publishing,
         name="work_version_publishing"),
    path("dokumenter/arbeid/versjon/<int:pk>/horing/", workspace.consultation_create,
         name="work_consultation_create"),
    path("dokumenter/arbeid/versjon/<int:pk>/vedlegg/ny/", workspace.annex_create,
         name="work_annex_create"),
    path("dokumenter/arbeid/vedlegg/<int:pk>/", workspace.annex_view, name="work_annex"),
    path("dokumenter/arbeid/vedlegg/<int:pk>/endre/", workspace.annex_edit,
         name="work_annex_edit"),
    path("dokumenter/arbeid/vedlegg/<int:pk>/flytt/", workspace.annex_move,
         name="work_annex_move"),
    path("dokumenter/arbeid/vedlegg/<int:pk>/slett/", workspace.annex_delete,
         name="work_annex_delete"),
    path("dokumenter/arbeid/vedlegg/<int:pk>/fil/", workspace.annex_download,
         name="work_annex_file"),
    path("dokumenter/horinger/<int:pk>/", consultations.consultation_page,
         name="consultation"),
    path("dokumenter/horinger/<int:pk>/avslutt/", consultations.consultation_end,
         name="consultation_end"),
]
for _kind, _prefix in PREFIXES.items():
    urlpatterns += _document_urls(_kind.value, _prefix)
