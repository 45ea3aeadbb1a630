"""Glosario y referencias (CONTRIBUTING.md, «Glosario y referencias»).

- El glosario (``chapters/glosario.md``) es un ``{glossary}`` ordenado; cada término está en español
  y en minúscula (salvo siglas y nombres propios) y su definición empieza por el término inglés en
  cursiva y punto.
- Cada ``{term}`` de las páginas del curso existe en el glosario, y cada capítulo enlaza un término
  una sola vez (en su primera aparición).
- ``references.bib``: las claves siguen la convención (apellido del primer autor en minúscula, sin
  tildes, y año; una letra si se repiten), están las obras que pide el issue, cada entrada se cita
  desde algún capítulo y cada ``{cite}`` tiene su entrada.
- La construcción del sitio, con el mismo ``_config.yml`` y ``--warningiserror``, falla con un término
  o una cita colgantes y dice cuál; sin ellos, construye.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHAPTERS = ROOT / "chapters"
GLOSSARY = CHAPTERS / "glosario.md"
BIB = ROOT / "references.bib"

#: Las obras que pide el issue #14, con su clave.
REQUIRED_KEYS = ["rosenblatt1958", "minsky1969", "rumelhart1986", "glorot2010", "he2015", "kingma2015",
                 "srivastava2014", "loshchilov2019", "smith2017", "ioffe2015"]

#: Palabras con mayúsculas admitidas en un término: siglas y nombres propios.
NAMES = {"Adadelta", "Adagrad", "Adam", "AdamW", "API", "ELU", "GAN", "GELU", "GPU", "GRU", "Glorot", "He", "Huber",
         "Kullback-Leibler", "L1", "L2", "LSTM", "MAE", "MAPE", "MSE", "MSLE", "Nesterov", "Poisson", "ReLU", "RMSprop",
         "Rosenbrock", "SGD", "U", "XOR"}

TERM_ROLE = re.compile(r"\{term\}`([^`]*)`")
CITE_ROLE = re.compile(r"\{cite(?::[a-z]+)?\}`([^`]*)`")


# --- lectura -------------------------------------------------------------------------------------

def glossary_entries(text=None):
    """[(términos, primera línea de la definición)] del bloque ``{glossary}``, en orden."""
    text = GLOSSARY.read_text(encoding="utf-8") if text is None else text
    match = re.search(r"^```\{glossary\}\n(.*?)^```", text, re.DOTALL | re.MULTILINE)
    assert match, "chapters/glosario.md no tiene un bloque ```{glossary}"
    entries, terms = [], []
    for line in match.group(1).splitlines():
        if not line.strip() or line.startswith(":"):
            terms = [] if not line.strip() else terms
            continue
        if line.startswith(" "):
            if terms:
                entries.append((terms, line.strip()))
                terms = []
            continue
        terms.append(line.strip())
    return entries


def glossary_terms():
    return {term for terms, _ in glossary_entries() for term in terms}


def markdown_sources():
    """(nombre, texto) de cada celda markdown de los cuadernos y de cada página .md del libro."""
    for path in sorted(CHAPTERS.rglob("*.ipynb")):
        if ".ipynb_checkpoints" in path.parts:
            continue
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        text = "\n\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
        yield path.relative_to(ROOT).as_posix(), text
    for path in sorted(CHAPTERS.rglob("*.md")):
        if path != GLOSSARY:
            yield path.relative_to(ROOT).as_posix(), path.read_text(encoding="utf-8")


def term_target(content):
    """El término al que apunta ``{term}`texto <término>``` o ``{term}`término```."""
    match = re.fullmatch(r"\s*(.*?)\s*<([^<>]+)>\s*", content, re.DOTALL)
    return " ".join((match.group(2) if match else content).split())


def bib_entries(text=None):
    """{clave: {campo: valor}} de references.bib (lectura sencilla: un campo por línea)."""
    text = BIB.read_text(encoding="utf-8") if text is None else text
    entries = {}
    for match in re.finditer(r"^@(\w+)\{([^,\s]+),\n(.*?)^\}", text, re.DOTALL | re.MULTILINE):
        fields = dict(re.findall(r"^\s*(\w+)\s*=\s*\{(.*)\},?\s*$", match.group(3), re.MULTILINE))
        entries[match.group(2)] = {"type": match.group(1).lower(), **fields}
    return entries


def cited_keys():
    """{clave: [dónde]} de todos los ``{cite}`` del curso."""
    found = {}
    for where, text in markdown_sources():
        for content in CITE_ROLE.findall(text):
            for key in content.split(","):
                found.setdefault(key.strip(), []).append(where)
    return found


def plain(text):
    """Minúsculas, sin tildes ni nada que no sea una letra: «Shwartz-Ziv» → «shwartzziv»."""
    text = unicodedata.normalize("NFKD", text.replace("ı", "i").replace("ł", "l"))
    return "".join(ch for ch in text.lower() if "a" <= ch <= "z")


# --- el glosario ---------------------------------------------------------------------------------

def test_glossary_is_sorted_and_large():
    text = GLOSSARY.read_text(encoding="utf-8")
    assert re.search(r"^```\{glossary\}\n:sorted:\n", text, re.MULTILINE), \
        "El glosario debe ser un {glossary} con la opción :sorted:"
    entries = glossary_entries(text)
    assert len(entries) >= 120, f"El glosario tiene {len(entries)} definiciones; el curso usa muchos más términos."


def test_each_definition_starts_with_its_english_term():
    bad = [" / ".join(terms) + f": «{first[:60]}»" for terms, first in glossary_entries()
           if not re.match(r"\*[^*\s][^*]*\.\*\s+\S", first)]
    assert not bad, ("Cada definición empieza con el término inglés en cursiva y punto "
                     "(«*Backpropagation.* Algoritmo que...»):\n" + "\n".join(bad))


def test_terms_are_spanish_lowercase_and_unique():
    counts = Counter(term.lower() for terms, _ in glossary_entries() for term in terms)
    assert not [t for t, n in counts.items() if n > 1], f"Términos repetidos: {[t for t, n in counts.items() if n > 1]}"
    original = {t.lower(): t for terms, _ in glossary_entries() for t in terms}
    bad = [original[t] for t in counts
           if any(w != w.lower() and w not in NAMES for w in original[t].split())]
    assert not bad, f"Términos con mayúsculas que no son siglas ni nombres propios (añádalos a NAMES si lo son): {bad}"


def test_glossary_parser_reads_aliases_and_definitions():
    sample = "```{glossary}\n:sorted:\n\nfunción de pérdida\npérdida\n  *Loss function.* El número...\n  sigue.\n\nlote\n  *Batch.* Un grupo...\n```\n"
    assert glossary_entries(sample) == [(["función de pérdida", "pérdida"], "*Loss function.* El número..."),
                                        (["lote"], "*Batch.* Un grupo...")]
    assert term_target("redes multicapa <red multicapa>") == "red multicapa"
    assert term_target("retropropagación") == "retropropagación"


# --- los {term} de los capítulos ----------------------------------------------------------------

def test_every_term_role_exists_in_the_glossary():
    known = {t.lower() for t in glossary_terms()}
    missing = [f"{where}: {{term}}`{content}`" for where, text in markdown_sources()
               for content in TERM_ROLE.findall(text) if term_target(content).lower() not in known]
    assert not missing, ("Términos enlazados que no están en chapters/glosario.md (añádalos allí o pídalos en "
                         "/work/briefs/pedidos/glosario-NN.md):\n" + "\n".join(missing))


def test_each_chapter_links_a_term_only_once():
    repeated = []
    for where, text in markdown_sources():
        counts = Counter(term_target(c).lower() for c in TERM_ROLE.findall(text))
        repeated += [f"{where}: «{term}» ×{n}" for term, n in counts.items() if n > 1]
    assert not repeated, "Un término se enlaza solo en su primera aparición de cada página:\n" + "\n".join(repeated)


# --- la bibliografía -----------------------------------------------------------------------------

def test_bib_keys_follow_the_convention():
    entries = bib_entries()
    assert len(entries) == len(re.findall(r"^@\w+\{", BIB.read_text(encoding="utf-8"), re.MULTILINE)), \
        "Alguna entrada de references.bib no se pudo leer (una entrada por bloque, un campo por línea)."
    bases = Counter(re.sub(r"[a-z]$", "", key) for key in entries)
    bad = []
    for key, fields in entries.items():
        match = re.fullmatch(r"([a-z]+)(\d{4})([a-z]?)", key)
        first_author = (fields.get("author") or fields.get("editor", "")).split(" and ")[0]
        surname = first_author.split(",")[0] if "," in first_author else first_author.split()[-1]
        if not match:
            bad.append(f"{key}: la clave es apellido + año (+ una letra si se repite)")
        elif match.group(1) != plain(surname):
            bad.append(f"{key}: el primer autor es «{surname}», la clave debe empezar por «{plain(surname)}»")
        elif match.group(2) != fields.get("year"):
            bad.append(f"{key}: el año de la entrada es {fields.get('year')}")
        elif match.group(3) and bases[match.group(1) + match.group(2)] < 2:
            bad.append(f"{key}: la letra final solo hace falta si otra obra tiene la misma clave")
        for field in ("title", "year"):
            if not fields.get(field):
                bad.append(f"{key}: falta {field}")
    assert not bad, "Claves de references.bib fuera de la convención:\n" + "\n".join(bad)


def test_bib_has_the_works_the_issue_asks_for():
    missing = [key for key in REQUIRED_KEYS if key not in bib_entries()]
    assert not missing, f"Faltan en references.bib: {missing}"


def test_every_cite_has_an_entry():
    entries = bib_entries()
    missing = [f"{key} ({', '.join(sorted(set(where)))})" for key, where in cited_keys().items() if key not in entries]
    assert not missing, "Citas sin entrada en references.bib (pídalas en /work/briefs/pedidos/bib-NN.md):\n" + "\n".join(missing)


def test_every_entry_is_cited_somewhere():
    cited = cited_keys()
    uncited = sorted(set(bib_entries()) - set(cited))
    assert not uncited, ("Entradas de references.bib que ningún capítulo cita con {cite}: "
                         f"cítelas en «Para saber más» o quítelas: {uncited}")


def test_the_book_configures_bibtex_author_year():
    config = (ROOT / "_config.yml").read_text(encoding="utf-8")
    assert re.search(r"^\s+- sphinxcontrib\.bibtex\s*$", config, re.MULTILINE)
    assert re.search(r"bibtex_bibfiles:\s*\n\s+- references\.bib", config)
    assert re.search(r"^\s+- bibliografia\s*$", config, re.MULTILINE), "Falta la extensión _ext/bibliografia.py"
    assert re.search(r"bibtex_reference_style:\s*autor_anio\s*$", config, re.MULTILINE)
    assert re.search(r"bibtex_default_style:\s*espanol\s*$", config, re.MULTILINE)
    toc = (ROOT / "_toc.yml").read_text(encoding="utf-8")
    for page in ("chapters/glosario", "chapters/referencias"):
        assert re.search(rf"file:\s*{page}\s*$", toc, re.MULTILINE), f"_toc.yml no lista {page}"


# --- la construcción falla con un término o una cita colgantes --------------------------------------

def build_mini_book(folder, page):
    """Un libro mínimo con el _config.yml del curso, el glosario, la bibliografía y ``page``."""
    for name in ("_config.yml", "references.bib"):
        shutil.copy(ROOT / name, folder / name)
    for name in ("_ext", "_assets"):
        shutil.copytree(ROOT / name, folder / name)
    (folder / "chapters").mkdir()
    for name in ("glosario.md", "referencias.md"):
        shutil.copy(CHAPTERS / name, folder / "chapters" / name)
    (folder / "chapters" / "intro.md").write_text("# Inicio\n\nUn libro de prueba.\n", encoding="utf-8")
    (folder / "chapters" / "pagina.md").write_text(page, encoding="utf-8")
    # El glosario enlaza los capítulos: cuadernos de una celda con sus mismos nombres.
    stubs = sorted(p.stem for p in CHAPTERS.glob("[0-9][0-9]_*.ipynb"))
    for stem in stubs:
        notebook = {"cells": [{"cell_type": "markdown", "id": "titulo", "metadata": {}, "source": f"# {stem}"}],
                    "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
        (folder / "chapters" / f"{stem}.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
    (folder / "_toc.yml").write_text(
        "format: jb-book\nroot: chapters/intro\nchapters:\n  - file: chapters/pagina\n"
        + "".join(f"  - file: chapters/{stem}\n" for stem in stubs)
        + "  - file: chapters/glosario\n  - file: chapters/referencias\n", encoding="utf-8")
    jupyter_book = Path(sys.executable).with_name("jupyter-book")
    command = [str(jupyter_book) if jupyter_book.exists() else "jupyter-book",
               "build", str(folder), "--warningiserror", "--keep-going"]
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    result = subprocess.run(command, cwd=folder, capture_output=True, text=True, timeout=240, env=env)
    return result.returncode, result.stdout + result.stderr


def test_site_build_fails_on_a_dangling_term_or_citation(tmp_path):
    page = ("# Página\n\nLa **{term}`retropropagación`** (*backpropagation*) según {cite:t}`rumelhart1986`.\n\n"
            "Un término que no existe: {term}`sinapsis cuántica`. Una obra que no existe {cite:p}`nadie2099`.\n")
    code, log = build_mini_book(tmp_path, page)
    assert code != 0, "La construcción debía fallar con un término y una cita colgantes:\n" + log[-3000:]
    assert "sinapsis cuántica" in log, "El mensaje no nombra el término colgante:\n" + log[-3000:]
    assert "nadie2099" in log, "El mensaje no nombra la cita colgante:\n" + log[-3000:]
    warnings = [line for line in log.splitlines() if "WARNING" in line]
    assert not [w for w in warnings if "retropropagación" in w or "rumelhart1986" in w], \
        "Un término o una cita que sí existen dieron un aviso:\n" + "\n".join(warnings)


def test_site_build_with_known_terms_and_citations(tmp_path):
    page = ("# Página\n\nLa **{term}`retropropagación`** (*backpropagation*) de {cite:t}`rumelhart1986` entrena "
            "{term}`redes multicapa <red multicapa>` {cite:p}`rosenblatt1958,minsky1969`.\n")
    code, log = build_mini_book(tmp_path, page)
    assert code == 0, "La construcción de un libro mínimo sin términos ni citas colgantes falló:\n" + log[-3000:]
    html = (tmp_path / "_build" / "html" / "chapters" / "pagina.html").read_text(encoding="utf-8")
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))
    assert 'href="glosario.html#term-retropropagacion"' in html
    assert 'href="glosario.html#term-red-multicapa"' in html
    # Autor-año en español (_ext/bibliografia.py): paréntesis, «y», «y colaboradores», «;» entre obras.
    assert "Rumelhart y colaboradores (1986)" in text, text[-800:]
    assert "(Minsky y Papert, 1969; Rosenblatt, 1958)" in text, text[-800:]  # en el orden de la lista
    assert "referencias.html#" in html
    references = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", (tmp_path / "_build" / "html" / "chapters" /
                                                            "referencias.html").read_text(encoding="utf-8")))
    assert "Marvin Minsky y Seymour Papert" in references
    assert "[Rumelhart y col., 1986]" in references and "[Rumelhart y col., 1986b]" in references
