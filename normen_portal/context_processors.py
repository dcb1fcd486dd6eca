"""Template context every page needs: which part of the portal the visitor is in."""

# URL prefix → section name used by templates/partials/header.html to mark the current main
# menu item. Longest prefix first; "" is the front page only (matched exactly, below).
_SECTIONS = (
    ("/moter/", "moter"),
    ("/vedtak/", "vedtak"),
    ("/arkiv/", "arkiv"),
    ("/dokumenter/", "dokumenter"),
    ("/faktaark/", "dokumenter"),
    ("/veiledere/", "dokumenter"),
    ("/handlingsplan/", "handlingsplan"),
    ("/start/", "start"),
    ("/konto/", "konto"),
)


def section_for_path(path):
    if path == "/":
        return "forside"
    for prefix, section in _SECTIONS:
        if path.startswith(prefix):
            return section
    return ""


def portal(request):
    return {"portal_section": section_for_path(request.path)}
