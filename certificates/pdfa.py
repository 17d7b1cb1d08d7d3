"""Post-processing of the rendered certificate towards PDF/A-2b (ISO 19005-2), with pikepdf.

xhtml2pdf writes a plain PDF 1.4: no XMP, no output intent, a Helvetica resource it never
draws with, link annotations without the print flag, no document language. This adds what
PDF/A-2b asks for and xhtml2pdf cannot: an XMP packet with ``pdfaid:part=2``,
``pdfaid:conformance=B`` and the document info mirrored in Dublin Core; an sRGB output intent;
the print flag on every annotation; ``/Lang``; and it drops font resources no content stream
uses, so the file references no unembedded font. It cannot add a structure tree (tagging,
PDF/A-2a/UA): that is why the holder can open the same certificate as an accessible web page.
"""

import io
from functools import lru_cache

import pikepdf
from PIL import ImageCms

ANNOTATION_PRINT = 4  # PDF 32000-1, 12.5.3: annotation flag "Print"; PDF/A-2 6.3.2 needs it
_SHOW_TEXT = {"Tj", "TJ", "'", '"'}


@lru_cache(maxsize=1)
def srgb_profile():
    """An sRGB ICC profile (bytes), made by LittleCMS through Pillow: nothing to ship."""
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def finish_pdfa(data, *, title, author, subject, keywords="", lang="de-DE"):
    """``data`` (PDF bytes from xhtml2pdf) with metadata, XMP and output intent; returns bytes.

    ``title``/``author``/``subject``/``keywords``: strings for the document information and
    XMP (Dublin Core ``dc:title``, ``dc:creator``, ``dc:description``). ``lang``: BCP 47 tag of
    the text (``/Lang``), read by screen readers. Raises ``pikepdf.PdfError`` on a broken input.
    """
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            _drop_unused_fonts(pdf, page)
            for annotation in page.get("/Annots", []):
                annotation.F = ANNOTATION_PRINT
        pdf.docinfo["/Title"] = title
        pdf.docinfo["/Author"] = author
        pdf.docinfo["/Subject"] = subject
        pdf.docinfo["/Keywords"] = keywords
        pdf.docinfo["/Creator"] = "KoFo"
        if "/Trapped" in pdf.docinfo:  # no XMP equivalent in PDF/A-2 (pikepdf would warn)
            del pdf.docinfo["/Trapped"]
        with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
            meta.load_from_docinfo(pdf.docinfo)
            meta["pdfaid:part"] = "2"
            meta["pdfaid:conformance"] = "B"
        pdf.Root.Lang = lang
        pdf.Root.ViewerPreferences = pikepdf.Dictionary(DisplayDocTitle=True)
        pdf.Root.OutputIntents = pikepdf.Array([_output_intent(pdf)])
        output = io.BytesIO()
        pdf.save(output, fix_metadata_version=True)
    return output.getvalue()


def _output_intent(pdf):
    profile = pdf.make_stream(srgb_profile())
    profile.N = 3
    return pikepdf.Dictionary(
        Type=pikepdf.Name.OutputIntent,
        S=pikepdf.Name.GTS_PDFA1,
        OutputConditionIdentifier="sRGB IEC61966-2.1",
        Info="sRGB IEC61966-2.1",
        DestOutputProfile=profile,
    )


def _drop_unused_fonts(pdf, page):
    # ReportLab opens every frame with an empty text object that selects its default font
    # (``BT /F1 12 Tf 14.4 TL ET``): Helvetica, never embedded, never drawn with. Such empty
    # text objects go, and then every font resource no remaining ``Tf`` selects: an unembedded
    # font in the resources breaks PDF/A and lets a reader substitute any font.
    kept, pending, used = [], None, set()
    for operands, operator in pikepdf.parse_content_stream(page):
        op = str(operator)
        if op == "BT":
            pending = [(operands, operator)]
        elif pending is not None:
            pending.append((operands, operator))
            if op == "ET":
                if any(str(o) in _SHOW_TEXT for _a, o in pending):
                    kept.extend(pending)
                    used.update(str(a[0]) for a, o in pending if str(o) == "Tf")
                pending = None
        else:
            kept.append((operands, operator))
            if op == "Tf":
                used.add(str(operands[0]))
    page.obj.Contents = pdf.make_stream(pikepdf.unparse_content_stream(kept))
    fonts = page.obj.get("/Resources", {}).get("/Font")
    for key in list(fonts.keys()) if fonts is not None else []:
        if key not in used:
            del fonts[key]
