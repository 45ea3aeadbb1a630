"""Las figuras de los capítulos (CONTRIBUTING.md, sección 10): nombre, pie y texto alternativo.

Cada celda de código que guarda una imagen la muestra en el sitio como figura numerada:
necesita ``metadata.mystnb.figure`` con ``name`` (``fig-NN-...``, único en el libro) y
``caption``, y ``metadata.mystnb.image.alt``. Una celda plegada con ``hide-input`` que no es
una solución lleva su propio texto para el botón. También se prueba la extensión que numera
las figuras por capítulo (``_ext/numeros_de_figura.py``).
"""
import importlib.util
import re
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import notebook_policy as policy  # noqa: E402

#: Capítulos y bancos de ejercicios.
CHAPTERS = policy.notebook_paths()
NAME = re.compile(r"^fig-(\d\d)-[a-z0-9]+(?:-[a-z0-9]+)*$")


def _figure_cells(path):
    nb = policy.read(path)
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        images = [o for o in cell.outputs if "image/png" in o.get("data", {}) or "image/svg+xml" in o.get("data", {})]
        if images and "remove-output" not in policy.tags(cell):
            yield index, cell, images


@pytest.mark.parametrize("path", [pytest.param(p, id=p.relative_to(policy.CHAPTERS_DIR).with_suffix("").as_posix()) for p in CHAPTERS])
def test_every_figure_has_a_name_a_caption_and_alt_text(path):
    chapter = path.stem[:2]
    for index, cell, images in _figure_cells(path):
        where = f"{path.name}, celda {index} ({cell.get('id')})"
        assert len(images) == 1, f"{where}: muestra {len(images)} imágenes; una figura por celda."
        mystnb = cell.metadata.get("mystnb", {})
        figure, image = mystnb.get("figure", {}), mystnb.get("image", {})
        name = figure.get("name", "")
        assert NAME.match(name), f"{where}: el nombre de la figura debe ser fig-{chapter}-tema; es {name!r}."
        assert name[4:6] == chapter, f"{where}: el nombre {name!r} no lleva el número del capítulo ({chapter})."
        caption = figure.get("caption", "").strip()
        assert len(caption) >= 20 and not re.match(r"(?i)fig(ura)?\.? *\d", caption), (
            f"{where}: falta el pie de la figura (metadata.mystnb.figure.caption), sin «Figura N»."
        )
        alt = image.get("alt", "").strip()
        assert len(alt) >= 20, f"{where}: falta el texto alternativo (metadata.mystnb.image.alt)."
        assert "$" not in alt and "\\" not in alt, f"{where}: el texto alternativo es texto llano, sin LaTeX."


def test_figure_names_are_unique_in_the_book():
    seen = {}
    for path in CHAPTERS:
        for index, cell, _ in _figure_cells(path):
            name = cell.metadata.get("mystnb", {}).get("figure", {}).get("name")
            if name:
                assert name not in seen, f"{name} se repite en {seen[name]} y en {path.name}, celda {index}."
                seen[name] = f"{path.name}, celda {index}"


@pytest.mark.parametrize("path", [pytest.param(p, id=p.relative_to(policy.CHAPTERS_DIR).with_suffix("").as_posix()) for p in CHAPTERS])
def test_folded_cells_that_are_not_solutions_have_their_own_button_text(path):
    nb = policy.read(path)
    for index, cell in enumerate(nb.cells):
        tags = policy.tags(cell) if cell.cell_type == "code" else []
        if "hide-input" in tags and "solution" not in tags:
            mystnb = cell.metadata.get("mystnb", {})
            assert mystnb.get("code_prompt_show") and mystnb.get("code_prompt_hide"), (
                f"{path.name}, celda {index}: hide-input sin code_prompt_show y code_prompt_hide mostraría "
                "«Mostrar solución»."
            )


# --- la extensión que numera por capítulo --------------------------------------------------

def _extension():
    spec = importlib.util.spec_from_file_location("numeros_de_figura", ROOT / "_ext" / "numeros_de_figura.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_figures_are_renumbered_by_chapter_in_page_order():
    ext = _extension()
    env = SimpleNamespace(toc_fignumbers={
        "intro": {"figure": {"logo": (1,)}},
        "chapters/00_introduccion": {"figure": {"a": (2,), "b": (3,)}},
        "chapters/01_perceptron": {"figure": {"y": (5,), "x": (4,)}, "table": {"t": (1,)}},
    })
    changed = ext.renumber_by_chapter(None, env)
    assert env.toc_fignumbers["intro"] == {"figure": {"logo": (1,)}}                 # sin capítulo: igual
    assert env.toc_fignumbers["chapters/00_introduccion"]["figure"] == {"a": (0, 1), "b": (0, 2)}
    assert env.toc_fignumbers["chapters/01_perceptron"]["figure"] == {"x": (1, 1), "y": (1, 2)}
    assert env.toc_fignumbers["chapters/01_perceptron"]["table"] == {"t": (1, 1)}
    assert set(changed) == {"chapters/00_introduccion", "chapters/01_perceptron"}
    assert ext.renumber_by_chapter(None, env) == []                                  # ya numeradas


def test_extension_runs_after_sphinx_assigns_numbers():
    ext = _extension()
    calls = []
    app = SimpleNamespace(connect=lambda event, handler, priority=500: calls.append((event, handler, priority)))
    metadata = ext.setup(app)
    assert calls == [("env-get-updated", ext.renumber_by_chapter, 900)]
    assert metadata["parallel_read_safe"] and metadata["parallel_write_safe"]
