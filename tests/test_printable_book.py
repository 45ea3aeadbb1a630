"""El libro imprimible (``tools/print_book.py``): un PDF con todo el curso, su índice, fórmulas y figuras.

Construye el libro en una sola página en una carpeta temporal, lo imprime con el Chromium de Debian y
lee el PDF con pypdf: cada página de ``_toc.yml`` está (en el texto, en el índice y en los marcadores),
las fórmulas se dibujaron (no queda LaTeX crudo) y las figuras de los capítulos están como imágenes.
"""
import os
import re
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import notebook_policy as policy  # noqa: E402
import print_book  # noqa: E402
from chromium import CHROMIUM, INSTALL_HINT  # noqa: E402

#: Restos de LaTeX que indicarían una fórmula sin dibujar.
RAW_TEX = re.compile(r"\\(frac|mathbf|sum|partial|sigma|eta|left|right|begin)\b|\$\$")


def toc_files():
    """Las páginas de ``_toc.yml``, en orden, sin la portada."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))

    def walk(entries):
        for entry in entries:
            yield entry["file"]
            yield from walk(entry.get("sections", []))

    files = []
    for part in toc.get("parts", []):
        files += list(walk(part.get("chapters", [])))
    return files


def title_of(entry):
    """El título (``# ...``) de una página del libro, tal como se lee impreso."""
    notebook = ROOT / f"{entry}.ipynb"
    if notebook.exists():
        text = next(c.source for c in policy.read(notebook).cells if c.cell_type == "markdown")
    else:
        text = (ROOT / f"{entry}.md").read_text(encoding="utf-8")
    title = next(line[2:] for line in text.splitlines() if line.startswith("# "))
    return re.sub(r"[`*]", "", title).strip()


def squeeze(text):
    """Sin espacios ni saltos de línea: el PDF parte los títulos largos donde quiere."""
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    if os.environ.get("NNLIB_SKIP_BROWSER") == "1":
        pytest.skip("NNLIB_SKIP_BROWSER=1: sin Chromium no se imprime el libro.")
    if not CHROMIUM.exists():
        pytest.fail(f"Imprimir el libro necesita Chromium en {CHROMIUM}. {INSTALL_HINT}", pytrace=False)
    from pypdf import PdfReader

    out = tmp_path_factory.mktemp("libro")
    pdf = out / "curso.pdf"
    assert print_book.main(["--out", str(pdf), "--build-dir", str(out / "construccion")]) == 0
    reader = PdfReader(str(pdf))
    texts = [page.extract_text() or "" for page in reader.pages]
    return reader, texts


def outline_titles(outline):
    for item in outline:
        if isinstance(item, list):
            yield from outline_titles(item)
        else:
            yield item.title


def test_every_page_of_the_course_is_printed(book):
    reader, texts = book
    files = toc_files()
    assert len(files) >= 11
    whole = squeeze("\n".join(texts))
    contents = squeeze(texts[0] + texts[1])
    bookmarks = {squeeze(title) for title in outline_titles(reader.outline)}
    for entry in files:
        title = squeeze(title_of(entry))
        assert title in whole, f"El PDF no tiene la página {entry} («{title_of(entry)}»)."
        assert title in contents, f"El índice del PDF no lista {entry} («{title_of(entry)}»)."
        assert title in bookmarks, f"Los marcadores del PDF no llevan a {entry} («{title_of(entry)}»)."
    # Cada página del curso empieza en una hoja nueva: hay al menos tantas hojas como páginas.
    assert len(reader.pages) > 5 * len(files)


def test_formulas_are_drawn_and_page_numbers_printed(book):
    reader, texts = book
    for number, text in enumerate(texts, start=1):
        assert not RAW_TEX.search(text), f"La hoja {number} del PDF tiene LaTeX sin dibujar: {text[:300]!r}"
    assert f"1 / {len(reader.pages)}" in texts[0], "El pie de página no lleva «hoja / total»."


def count_images(resources, seen):
    """Imágenes distintas de una hoja (también dentro de sus formularios), sin decodificarlas."""
    xobjects = resources.get_object().get("/XObject") if resources else None
    if not xobjects:
        return 0
    count = 0
    for reference in xobjects.get_object().values():
        obj = reference.get_object()
        if obj.get("/Subtype") == "/Image" and getattr(reference, "idnum", id(obj)) not in seen:
            seen.add(getattr(reference, "idnum", id(obj)))
            count += 1
        elif obj.get("/Subtype") == "/Form":
            count += count_images(obj.get("/Resources"), seen)
    return count


def test_figures_are_printed(book):
    reader, _ = book
    figures = sum(
        1
        for path in policy.notebook_paths()
        for cell in policy.read(path).cells
        if cell.cell_type == "code" and "remove-output" not in policy.tags(cell)
        for output in cell.get("outputs", [])
        if "image/png" in output.get("data", {})
    )
    seen = set()
    images = sum(count_images(page.get("/Resources"), seen) for page in reader.pages)
    assert figures > 30 and images >= figures, f"El PDF tiene {images} imágenes; los capítulos, {figures} figuras."


def test_out_must_be_a_pdf(capsys):
    with pytest.raises(SystemExit):
        print_book.main(["--out", "libro.html"])
    assert "--out debe terminar en .pdf; llegó libro.html." in capsys.readouterr().err
