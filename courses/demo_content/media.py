"""Media of the demo courses, generated at seed time so nothing is ever downloaded:
diagrams and covers drawn with Pillow, a PDF checklist rendered with xhtml2pdf, and the
embed row of the demo video with offline HTML (so Wagtail never asks YouTube for it)."""

import base64
import io
import math

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.documents import get_document_model
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed
from wagtail.images import get_image_model
from wagtail.models import Collection
from xhtml2pdf import pisa

INK = "#1f2a44"
PAPER = "#f7f5f0"
COLOURS = {"sgb2": "#d9ecf7", "sgb3": "#fde6c8", "sgb8": "#dff2dc", "accent": "#2f5d8a"}

VIDEO_URL = "https://www.youtube.com/watch?v=KoFoDemo01a"
VIDEO_TITLE = "Erklärfilm: Drei Rechtskreise, eine Familie (Demo-Video)"


def _font(size, bold=False):
    # DejaVu covers umlauts, „“ and §; Pillow's built-in font is the fallback.
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    try:
        return ImageFont.truetype(name, size)
    except OSError:
        return ImageFont.load_default(size=size)


def _centred(draw, box, lines, fonts, fill=INK, spacing=10):
    left, top, right, bottom = box
    heights = [
        draw.textbbox((0, 0), line, font=font)[3] for line, font in zip(lines, fonts, strict=True)
    ]
    y = top + (bottom - top - sum(heights) - spacing * (len(lines) - 1)) / 2
    for line, font, height in zip(lines, fonts, heights, strict=True):
        width = draw.textlength(line, font=font)
        draw.text((left + (right - left - width) / 2, y), line, font=font, fill=fill)
        y += height + spacing


def _png(image):
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def draw_responsibilities():
    """Three boxes: who is responsible for what (SGB II / SGB III / SGB VIII)."""
    image = PILImage.new("RGB", (1200, 720), PAPER)
    draw = ImageDraw.Draw(image)
    _centred(draw, (0, 20, 1200, 90), ["Wer ist zuständig?"], [_font(44, bold=True)])
    boxes = [
        (
            "sgb2",
            "SGB II",
            "Jobcenter",
            [
                "Grundsicherung für",
                "Arbeitsuchende:",
                "Eingliederung in Arbeit;",
                "§ 16a: u. a.",
                "Kinderbetreuung",
            ],
        ),
        (
            "sgb3",
            "SGB III",
            "Agentur für Arbeit",
            [
                "Arbeitsförderung:",
                "Beratung, Vermittlung,",
                "Weiterbildung;",
                "Beauftragte für",
                "Chancengleichheit",
            ],
        ),
        (
            "sgb8",
            "SGB VIII",
            "Jugendamt",
            [
                "Kinder- und",
                "Jugendhilfe:",
                "Kindertages-",
                "betreuung (§ 24),",
                "Familienförderung",
            ],
        ),
    ]
    for index, (colour, law, body, lines) in enumerate(boxes):
        left = 40 + index * 385
        box = (left, 120, left + 350, 560)
        draw.rounded_rectangle(box, radius=24, fill=COLOURS[colour], outline=INK, width=4)
        _centred(
            draw,
            (left, 140, left + 350, 250),
            [law, body],
            [_font(40, bold=True), _font(30, bold=True)],
        )
        _centred(draw, (left, 260, left + 350, 540), lines, [_font(27)] * len(lines), spacing=8)
    draw.rounded_rectangle((40, 600, 1160, 690), radius=20, fill=COLOURS["accent"])
    _centred(
        draw,
        (40, 600, 1160, 690),
        ["Gemeinsam: abgestimmte Beratung für die ganze Familie"],
        [_font(32, bold=True)],
        fill="#ffffff",
    )
    return _png(image)


def draw_network():
    """A contact point in the middle of its network (the mandatory partner highlighted)."""
    image = PILImage.new("RGB", (1200, 760), PAPER)
    draw = ImageDraw.Draw(image)
    _centred(draw, (0, 15, 1200, 80), ["Das Netzwerk einer Kontaktstelle"], [_font(40, bold=True)])
    centre = (600, 420)
    partners = [
        (["Jobcenter /", "Agentur für Arbeit", "(verbindlich)"], COLOURS["sgb2"]),
        (["Migranten-", "organisationen"], COLOURS["sgb8"]),
        (["Bildungs-", "einrichtungen"], COLOURS["sgb3"]),
        (["Familienzentren", "und Kitas"], COLOURS["sgb8"]),
        (["Unternehmen", "und Kammern"], COLOURS["sgb3"]),
        (["Kommune,", "Integrationsrat"], COLOURS["sgb2"]),
    ]
    positions = []
    for index in range(len(partners)):
        angle = -math.pi / 2 + index * 2 * math.pi / len(partners)
        positions.append((centre[0] + 420 * math.cos(angle), centre[1] + 255 * math.sin(angle)))
    for x, y in positions:
        draw.line((centre, (x, y)), fill=INK, width=4)
    for (lines, colour), (x, y) in zip(partners, positions, strict=True):
        box = (x - 165, y - 62, x + 165, y + 62)
        outline_width = 7 if "(verbindlich)" in lines else 3
        draw.rounded_rectangle(box, radius=18, fill=colour, outline=INK, width=outline_width)
        _centred(
            draw, box, lines, [_font(25, bold=True)] + [_font(25)] * (len(lines) - 1), spacing=4
        )
    draw.ellipse(
        (centre[0] - 170, centre[1] - 85, centre[0] + 170, centre[1] + 85), fill=COLOURS["accent"]
    )
    _centred(
        draw,
        (centre[0] - 170, centre[1] - 85, centre[0] + 170, centre[1] + 85),
        ["Kontaktstelle", "„Stark im Beruf“"],
        [_font(28, bold=True)] * 2,
        fill="#ffffff",
    )
    return _png(image)


def draw_cover(title, subtitle, seed_colour):
    """A calm cover: overlapping circles (people, institutions) and the course title."""
    image = PILImage.new("RGB", (1200, 630), seed_colour)
    draw = ImageDraw.Draw(image)
    for index, colour in enumerate((COLOURS["sgb2"], COLOURS["sgb3"], COLOURS["sgb8"])):
        x = 820 + index * 120
        draw.ellipse(
            (x - 170, 140 + (index % 2) * 90, x + 170, 480 + (index % 2) * 90),
            outline=colour,
            width=14,
        )
    draw.rectangle((0, 430, 760, 630), fill=PAPER)
    _centred(
        draw, (30, 440, 740, 620), [title, subtitle], [_font(46, bold=True), _font(28)], spacing=16
    )
    return _png(image)


CHECKLIST_HTML = """<html><head><meta charset="utf-8"><style>
@page {{ size: a4 portrait; margin: 2cm; }}
body {{ font-family: Helvetica; font-size: 11pt; color: #1f2a44; }}
h1 {{ font-size: 18pt; margin-bottom: 4pt; }} h2 {{ font-size: 13pt; margin-top: 12pt; }}
td {{ padding: 3pt; vertical-align: top; }}
td.box {{ width: 16pt; padding-top: 4pt; }} .note {{ font-size: 9pt; color: #444444; }}
</style></head><body>
<h1>Checkliste Erstgespräch Berufsrückkehr</h1>
<p class="note">KoFo – Kooperative Fortbildung · Arbeitshilfe zum Modul „Beratung und
Kinderbetreuung“</p>
{sections}
<p class="note">Diese Checkliste ersetzt keine Rechtsberatung. Leistungsansprüche klären die
zuständigen Stellen (Jobcenter, Agentur für Arbeit, Jugendamt).</p>
</body></html>"""


def _tick_box_data_uri():
    # An empty box drawn as an image: the PDF base fonts have no ballot-box glyph.
    image = PILImage.new("RGB", (40, 40), "#ffffff")
    ImageDraw.Draw(image).rectangle((2, 2, 37, 37), outline=INK, width=3)
    return "data:image/png;base64," + base64.b64encode(_png(image)).decode("ascii")


def render_checklist_pdf(sections):
    """``sections`` is a list of (heading, [items]); returns PDF bytes."""
    box = _tick_box_data_uri()
    parts = []
    for heading, items in sections:
        rows = "".join(
            f'<tr><td class="box"><img src="{box}" width="10" height="10"></td><td>{item}</td></tr>'
            for item in items
        )
        parts.append(f"<h2>{heading}</h2><table>{rows}</table>")
    output = io.BytesIO()
    result = pisa.CreatePDF(
        CHECKLIST_HTML.format(sections="".join(parts)), dest=output, encoding="utf-8"
    )
    if result.err:
        raise RuntimeError(f"xhtml2pdf reported {result.err} error(s)")
    return output.getvalue()


def ensure_root_collection():
    """Images and documents live in a collection. Migrations create the root one; a flushed
    database (the browser tests' live server) has none, so put it back."""
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")


def ensure_image(title, filename, draw):
    """The Wagtail image with ``title``; drawn and stored only when it does not exist yet."""
    Image = get_image_model()
    image = Image.objects.filter(title=title).first()
    if image is None:
        image = Image(title=title, file=ImageFile(io.BytesIO(draw()), name=filename))
        image.save()
    return image


def ensure_document(title, filename, render):
    Document = get_document_model()
    document = Document.objects.filter(title=title).first()
    if document is None:
        document = Document(title=title, file=ContentFile(render(), name=filename))
        document.save()
    return document


def ensure_video_embed():
    """The stored embed of the demo video, never expiring: Wagtail and the video block look
    embeds up by the hash of the URL, so nothing ever asks the provider for it."""
    html = (
        f'<iframe title="{VIDEO_TITLE}" width="560" height="315" loading="lazy" '
        'src="https://www.youtube-nocookie.com/embed/KoFoDemo01a" '
        'allow="encrypted-media; picture-in-picture" allowfullscreen></iframe>'
    )
    Embed.objects.get_or_create(
        hash=get_embed_hash(VIDEO_URL),
        defaults={
            "url": VIDEO_URL,
            "max_width": None,
            "type": "video",
            "html": html,
            "title": VIDEO_TITLE,
            "provider_name": "YouTube",
            "width": 560,
            "height": 315,
            "cache_until": None,
        },
    )
    return VIDEO_URL
