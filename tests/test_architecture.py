"""Dependencies point one way, and a test says so (ARCHITECTURE.md, issue #14).

The import contracts live in pyproject.toml ([tool.importlinter]): the layers
home > reports > certificates > network > events > courses > quizzes > accounts > organisations >
outbox > lms,
the quiz engine knowing no other app, and no import cycles between the modules of an app.
Templates are held to the same layers: a template never loads a tag library of a higher app
(a lower app that shows something of a higher one defines a hook, e.g. courses.extensions).
"""

import re
import tomllib
from pathlib import Path

from importlinter import cli

ROOT = Path(__file__).resolve().parent.parent
CONTRACTS = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
LOAD = re.compile(r"\{%\s*load\s+([^%]+?)\s*%\}")


def test_import_contracts_are_kept(capsys, monkeypatch):
    # lint-imports finds the apps from the working directory; on failure its captured output
    # names each illegal import with its file and line.
    monkeypatch.chdir(ROOT)
    monkeypatch.syspath_prepend(str(ROOT))
    exit_code = cli.lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True)
    assert exit_code == cli.EXIT_STATUS_SUCCESS, capsys.readouterr().out


def _layer_of():
    """{app: rank}, the lowest layer 0; apps in one layer ("lms | outbox") share a rank."""
    layers = next(c for c in CONTRACTS["contracts"] if c["type"] == "layers")["layers"]
    return {
        app.strip(): rank
        for rank, layer in enumerate(reversed(layers))
        for app in re.split(r"[|:]", layer)
    }


def _libraries_by_app(apps):
    return {
        path.stem: app
        for app in apps
        for path in (ROOT / app / "templatetags").glob("*.py")
        if path.stem != "__init__"
    }


def _template_loads(app):
    for path in sorted((ROOT / app / "templates").rglob("*")):
        if path.is_file():
            for match in LOAD.finditer(path.read_text(encoding="utf-8")):
                for name in match.group(1).split():
                    yield path.relative_to(ROOT), name


def template_layer_violations():
    """(template, library, app of the library) for every load of a higher app's library, and
    for every quizzes template loading a library of any app but quizzes or the lms kernel."""
    layer = _layer_of()
    owner = _libraries_by_app(layer)
    found = []
    for app in layer:
        for template, library in _template_loads(app):
            other = owner.get(library)
            if other is None or other == app:
                continue  # Django's or Wagtail's own library, or the app's own
            upward = layer[other] > layer[app]
            engine = app == "quizzes" and other not in ("lms", "outbox")
            if upward or engine:
                found.append((str(template), library, other))
    return found


def test_templates_load_no_tag_library_of_a_higher_layer():
    assert template_layer_violations() == []


def test_the_template_check_finds_an_upward_load(tmp_path, monkeypatch):
    """The check is no empty loop: a courses template loading certificates_tags (as
    course_page.html did before the hook) is reported."""
    fake = tmp_path / "root"
    for app in _layer_of():
        (fake / app / "templates").mkdir(parents=True)
    (fake / "certificates" / "templatetags").mkdir()
    (fake / "certificates" / "templatetags" / "certificates_tags.py").write_text("")
    (fake / "courses" / "templates" / "page.html").write_text(
        "{% load i18n wagtailcore_tags certificates_tags %}"
    )
    monkeypatch.setitem(globals(), "ROOT", fake)
    assert template_layer_violations() == [
        ("courses/templates/page.html", "certificates_tags", "certificates")
    ]
