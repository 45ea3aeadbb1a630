"""Reglas comunes de los cuadernos del curso, compartidas por las herramientas y las pruebas.

Aquí vive, en un solo lugar:

- dónde están la raíz del libro, ``_config.yml`` y los capítulos;
- la celda de preparación canónica, construida a partir de ``repository.url`` y
  ``repository.branch`` de ``_config.yml`` (la única fuente de la dirección del repositorio);
- las marcas de los ejercicios (``### BEGIN SOLUTION`` / ``### END SOLUTION``) y las
  etiquetas de celda que usa el curso;
- cómo se normaliza un cuaderno para que los diffs sean limpios.

Este módulo no forma parte de ``nnlib`` porque ``nnlib`` se instala sin ``_config.yml``.
"""
from __future__ import annotations

import argparse
import hashlib
import re
from pathlib import Path

import nbformat
import yaml

ROOT = Path(__file__).resolve().parent.parent
CONFIG_PATH = ROOT / "_config.yml"
CHAPTERS_DIR = ROOT / "chapters"
#: El banco de ejercicios de cada capítulo: ``chapters/banco/NN_tema.ipynb`` (el mismo nombre).
BANK_DIR = CHAPTERS_DIR / "banco"

#: Los capítulos son cuadernos numerados: ``NN_tema.ipynb``.
CHAPTER_PATTERN = re.compile(r"^\d\d_[a-z0-9_]+\.ipynb$")

BEGIN_SOLUTION = "### BEGIN SOLUTION"
END_SOLUTION = "### END SOLUTION"
SOLUTION_TAGS = ("solution", "hide-input")
#: Etiquetas de la celda de comprobación: ``check`` la identifica; ``remove-output`` quita su
#: salida del sitio (que no muestre un ejercicio resuelto); nbval la sigue comparando.
CHECK_TAGS = ("check", "remove-output")
#: La celda de comprobación tiene exactamente estas dos líneas.
CHECK_CELL_PATTERN = re.compile(
    r"\Afrom nnlib\.checks\.(?P<module>[a-z_][a-z0-9_]*) import (?P<check>check_[a-z0-9_]+)\n"
    r"(?P=check)\(globals\(\)\)\Z"
)
#: Encabezado del enunciado de un ejercicio: ``### Ejercicio 2. Contar parámetros``.
EXERCISE_HEADING = re.compile(r"^### Ejercicio (?P<number>\d+)\. \S.*$", re.MULTILINE)
IGNORE_OUTPUT_TAGS = ("nbval-ignore-output",)
IGNORE_OUTPUT_COMMENT = "# NBVAL_IGNORE_OUTPUT"
SKIP_TAGS = ("nbval-skip",)
SKIP_COMMENT = "# NBVAL_SKIP"

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"

#: Texto que reemplaza cada solución en la edición para estudiantes.
PLACEHOLDER_COMMENT = "# SU CÓDIGO AQUÍ"
PLACEHOLDER_RAISE = (
    'raise NotImplementedError("Ejercicio sin resolver: escriba su código en lugar de '
    'esta línea y vuelva a ejecutar la celda.")'
)

SETUP_TEMPLATE = """\
# Preparación: en Colab instala nnlib desde el repositorio; en cualquier entorno fija las semillas.
import sys
if "google.colab" in sys.modules:
    %pip install -q "nnlib @ git+{url}.git@{branch}"
from nnlib.setup import setup_notebook
setup_notebook(seed=0)"""

#: Metadatos de celda que se conservan al normalizar; el resto (p. ej. ``execution``,
#: ``collapsed``, ``scrolled``) depende de quién ejecutó el cuaderno y ensucia los diffs.
KEPT_CELL_METADATA = ("tags", "jupyter", "editable", "deletable", "slideshow", "mystnb")

KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
LANGUAGE_INFO = {
    "name": "python",
    "codemirror_mode": {"name": "ipython", "version": 3},
    "file_extension": ".py",
    "mimetype": "text/x-python",
    "nbconvert_exporter": "python",
    "pygments_lexer": "ipython3",
}


# --- línea de órdenes -------------------------------------------------------------

class _SpanishHelpFormatter(argparse.RawDescriptionHelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        return super().add_usage(usage, actions, groups, prefix="uso: " if prefix is None else prefix)


def spanish_parser(description, epilog=None):
    """Un ``ArgumentParser`` con la ayuda en español (títulos, ``-h``, «uso:»)."""
    parser = argparse.ArgumentParser(
        description=description, epilog=epilog, add_help=False, formatter_class=_SpanishHelpFormatter
    )
    parser._positionals.title = "argumentos"
    parser._optionals.title = "opciones"
    parser.add_argument("-h", "--help", action="help", help="muestra esta ayuda y termina")
    return parser


# --- configuración -----------------------------------------------------------------

def load_config(path=CONFIG_PATH):
    """Lee ``_config.yml`` y devuelve su contenido como diccionario."""
    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def repository(config=None):
    """Devuelve ``(url, branch)`` del repositorio según ``_config.yml``, sin ``.git`` final."""
    config = load_config() if config is None else config
    repo = config.get("repository") or {}
    url = str(repo.get("url", "")).rstrip("/")
    if url.endswith(".git"):
        url = url[: -len(".git")]
    branch = str(repo.get("branch", "main"))
    if not url:
        raise ValueError("_config.yml no tiene 'repository.url'.")
    return url, branch


def setup_cell_source(config=None, url=None, branch=None):
    """El texto exacto de la celda de preparación, con la dirección de ``_config.yml``."""
    if url is None or branch is None:
        config_url, config_branch = repository(config)
        url = config_url if url is None else url
        branch = config_branch if branch is None else branch
    return SETUP_TEMPLATE.format(url=url.rstrip("/").removesuffix(".git"), branch=branch)


# --- capítulos ---------------------------------------------------------------------

def chapter_paths(root=ROOT):
    """Todos los capítulos (``chapters/NN_tema.ipynb``), en orden de lectura."""
    chapters = Path(root) / "chapters"
    return sorted(p for p in chapters.glob("*.ipynb") if CHAPTER_PATTERN.match(p.name))


def bank_paths(root=ROOT):
    """Los bancos de ejercicios (``chapters/banco/NN_tema.ipynb``), en orden de lectura."""
    banks = Path(root) / "chapters" / "banco"
    return sorted(p for p in banks.glob("*.ipynb") if CHAPTER_PATTERN.match(p.name))


def notebook_paths(root=ROOT):
    """Todos los cuadernos del curso: cada capítulo seguido de su banco de ejercicios, si lo tiene."""
    banks = {p.name: p for p in bank_paths(root)}
    result = []
    for chapter in chapter_paths(root):
        result.append(chapter)
        if chapter.name in banks:
            result.append(banks.pop(chapter.name))
    return result + sorted(banks.values())


def resolve_chapters(names, root=ROOT):
    """Convierte nombres como ``01``, ``01_perceptron`` o una ruta en rutas de cuadernos.

    Sin nombres, todos los cuadernos (capítulos y bancos); un número o un nombre es un capítulo;
    un banco se pide por su ruta (``chapters/banco/01_perceptron.ipynb``).
    """
    if not names:
        return notebook_paths(root)
    every = chapter_paths(root)
    result = []
    for name in names:
        path = Path(name)
        if path.suffix == ".ipynb" and path.exists():
            result.append(path.resolve())
            continue
        stem = path.name.removesuffix(".ipynb")
        matches = [p for p in every if p.stem == stem or p.stem.startswith(stem + "_")]
        if len(matches) != 1:
            available = ", ".join(p.stem for p in every) or "(ninguno)"
            raise SystemExit(
                f"No se encontró un único capítulo para '{name}'. Capítulos disponibles: {available}."
            )
        result.append(matches[0])
    return result


def read(path):
    """Lee un cuaderno en formato 4."""
    return nbformat.read(str(path), as_version=4)


def code_cells(nb):
    return [cell for cell in nb.cells if cell.cell_type == "code"]


def first_code_cell(nb):
    cells = code_cells(nb)
    return cells[0] if cells else None


def tags(cell):
    return list(cell.get("metadata", {}).get("tags", []))


def is_output_ignored(cell):
    """¿nbval ignora la salida de esta celda (etiqueta o comentario)?"""
    return any(t in tags(cell) for t in IGNORE_OUTPUT_TAGS) or cell.source.lstrip().startswith(
        IGNORE_OUTPUT_COMMENT
    )


def is_skipped(cell):
    """¿nbval no ejecuta esta celda?"""
    return any(t in tags(cell) for t in SKIP_TAGS) or cell.source.lstrip().startswith(SKIP_COMMENT)


def has_solution(cell):
    return cell.cell_type == "code" and BEGIN_SOLUTION in cell.source


def is_check_cell(cell):
    """¿Es la celda de comprobación de un ejercicio (etiqueta ``check`` o llamada ``check_*(globals())``)?"""
    return cell.cell_type == "code" and (
        "check" in tags(cell) or re.search(r"\bcheck_\w+\(globals\(\)\)", cell.source) is not None
    )


def solution_blocks(source):
    """Posiciones ``(inicio, fin)`` de cada bloque de solución, validando las marcas.

    Cada marca debe estar sola en su línea (con sangría opcional), las marcas deben
    alternarse BEGIN/END y no puede quedar un bloque abierto. Si no, ``ValueError``.
    """
    lines = source.splitlines()
    blocks, start = [], None
    for number, line in enumerate(lines):
        stripped = line.strip()
        if BEGIN_SOLUTION in line or END_SOLUTION in line:
            if stripped not in (BEGIN_SOLUTION, END_SOLUTION):
                raise ValueError(f"línea {number + 1}: la marca debe ir sola en su línea: {line!r}")
        if stripped == BEGIN_SOLUTION:
            if start is not None:
                raise ValueError(f"línea {number + 1}: '{BEGIN_SOLUTION}' dentro de otro bloque abierto")
            start = number
        elif stripped == END_SOLUTION:
            if start is None:
                raise ValueError(f"línea {number + 1}: '{END_SOLUTION}' sin '{BEGIN_SOLUTION}' previo")
            if number == start + 1:
                raise ValueError(f"línea {number + 1}: bloque de solución vacío")
            blocks.append((start, number))
            start = None
    if start is not None:
        raise ValueError(f"línea {start + 1}: '{BEGIN_SOLUTION}' sin '{END_SOLUTION}'")
    return blocks


def output_text(cell):
    """El texto de las salidas de una celda: flujos, errores (nombre y mensaje) y ``text/plain``."""
    parts = []
    for output in cell.get("outputs", []):
        if output.get("output_type") == "stream":
            parts.append(output.get("text", ""))
        elif output.get("output_type") == "error":
            parts.append(f"{output.get('ename')}: {output.get('evalue')}")
        else:
            parts.append(str(output.get("data", {}).get("text/plain", "")))
    return "\n".join(parts)


def leaked_solution_lines(nb, text, shown):
    """Las líneas de solución de ``nb`` que siguen en ``text`` (una versión sin soluciones).

    No cuentan los comentarios ni las líneas que el cuaderno enseña también fuera de las soluciones:
    el código de alrededor y lo que devuelve ``shown(cell)`` para cada celda sin solución (su
    código y sus salidas visibles).
    """
    outside, solution_lines = [], []
    for cell in nb.cells:
        if not has_solution(cell):
            outside.append(cell.source)
            outside.extend(shown(cell))
            continue
        lines = cell.source.splitlines()
        previous = 0
        for start, end in solution_blocks(cell.source):
            outside.extend(lines[previous:start])
            solution_lines.extend(line.strip() for line in lines[start + 1:end] if line.strip())
            previous = end + 1
        outside.extend(lines[previous:])
    outside_text = "\n".join(outside)
    return [line for line in solution_lines
            if not line.startswith("#") and line not in outside_text and line in text]


def strip_solutions(source):
    """Reemplaza cada bloque de solución por el marcador para estudiantes.

    Conserva lo que hay fuera de las marcas (por ejemplo, la firma de una función) y la
    sangría de la marca de inicio, de modo que el código sigue siendo válido.
    """
    lines = source.splitlines()
    out, previous = [], 0
    for start, end in solution_blocks(source):
        indent = lines[start][: len(lines[start]) - len(lines[start].lstrip())]
        out.extend(lines[previous:start])
        out.append(indent + PLACEHOLDER_COMMENT)
        out.append(indent + PLACEHOLDER_RAISE)
        previous = end + 1
    out.extend(lines[previous:])
    return "\n".join(out)


# --- normalización -----------------------------------------------------------------

def _cell_id(cell, index, used):
    digest = hashlib.sha1(f"{index}\0{cell.cell_type}\0{cell.source}".encode("utf-8")).hexdigest()
    candidate = digest[:8]
    while candidate in used:
        digest = hashlib.sha1(digest.encode("ascii")).hexdigest()
        candidate = digest[:8]
    return candidate


def _merge_streams(outputs):
    """Une salidas de texto consecutivas del mismo flujo: un ``print`` puede llegar en uno o
    varios trozos según el momento, y el cuaderno debe quedar igual en cada ejecución."""
    merged = []
    for output in outputs:
        previous = merged[-1] if merged else None
        if (
            output.get("output_type") == "stream"
            and previous is not None
            and previous.get("output_type") == "stream"
            and previous.get("name") == output.get("name")
        ):
            previous["text"] = previous["text"] + output["text"]
        else:
            merged.append(output)
    return merged


def normalize(nb):
    """Deja el cuaderno en forma canónica, en el sitio: diffs limpios y sin estado de widgets.

    - Formato 4.5 con identificadores de celda únicos (se conservan los válidos).
    - Sin ``metadata.widgets`` ni vistas de widgets en las salidas (cambian en cada ejecución
      y, sin su estado, Jupyter no puede mostrarlas).
    - Metadatos de cuaderno mínimos (kernelspec y language_info sin versión de Python).
    - Metadatos de celda reducidos a los que importan (etiquetas y similares).
    - Salidas de texto consecutivas del mismo flujo unidas en una.
    """
    nb.nbformat, nb.nbformat_minor = 4, max(nb.get("nbformat_minor", 5), 5)
    metadata = nb.setdefault("metadata", {})
    metadata.pop("widgets", None)
    kept = {k: v for k, v in metadata.items() if k not in ("kernelspec", "language_info", "widgets")}
    kept_other = {k: kept[k] for k in kept if k in ("title", "authors", "jupytext", "mystnb", "colab")}
    nb.metadata = nbformat.from_dict({"kernelspec": dict(KERNELSPEC), "language_info": dict(LANGUAGE_INFO), **kept_other})
    used = set()
    valid_id = re.compile(r"^[a-zA-Z0-9-_]{1,64}$")
    for index, cell in enumerate(nb.cells):
        cell_id = cell.get("id")
        if not cell_id or not valid_id.match(cell_id) or cell_id in used:
            cell_id = _cell_id(cell, index, used)
        cell["id"] = cell_id
        used.add(cell_id)
        cell.metadata = nbformat.from_dict(
            {k: v for k, v in cell.get("metadata", {}).items() if k in KEPT_CELL_METADATA}
        )
        if cell.cell_type == "code":
            # Una vista de widget guardada apunta a un modelo que ya no existe (su estado no se
            # guarda) y lleva un identificador al azar: se quita. Al ejecutar la celda, reaparece.
            cell.outputs = _merge_streams([o for o in cell.outputs if WIDGET_VIEW not in o.get("data", {})])
    return nb


def write(nb, path):
    """Escribe el cuaderno con el formato estándar de Jupyter (una sangría de 1 y salto final)."""
    nbformat.validate(nb)
    text = nbformat.writes(nb)
    if not text.endswith("\n"):
        text += "\n"
    Path(path).write_text(text, encoding="utf-8")
