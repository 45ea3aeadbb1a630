#!/usr/bin/env python
"""Escribe la edición para estudiantes: los capítulos sin las soluciones de los ejercicios.

    python tools/student_edition.py --out student/

Copia ``chapters/`` en la carpeta de salida. En cada cuaderno, el código entre
``### BEGIN SOLUTION`` y ``### END SOLUTION`` se reemplaza por::

    # SU CÓDIGO AQUÍ
    raise NotImplementedError("Ejercicio sin resolver: ...")

y se borran las salidas de esas celdas y de las celdas de comprobación (etiqueta ``check``):
nada muestra un ejercicio resuelto, ni su respuesta, antes de que quien aprende lo
trabaje. Todo lo demás queda idéntico (texto, otras celdas, sus salidas, etiquetas y
metadatos). Los cuadernos originales no se tocan: la herramienta
solo lee ``chapters/`` y se niega a escribir dentro de él.

La carpeta de salida se reemplaza entera si la escribió esta misma herramienta (lleva el
archivo ``.edicion-estudiantes``); si existe con otro contenido, se detiene sin borrar nada.
"""
from __future__ import annotations

import copy
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import notebook_policy as policy  # noqa: E402

MARKER_FILE = ".edicion-estudiantes"
_IGNORED_NAMES = shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__", "*.pyc", "_build")


def _ignored(directory, names):
    """Lo que no se copia: cachés, puntos de control y todo lo que no sea archivo o carpeta."""
    skipped = set(_IGNORED_NAMES(directory, names))
    for name in names:
        path = Path(directory) / name
        if not (path.is_file() or path.is_dir()):
            skipped.add(name)  # sockets, enlaces rotos
    return skipped


def student_notebook(nb):
    """Una copia del cuaderno sin soluciones y sin las salidas de las celdas de solución y de comprobación."""
    nb = copy.deepcopy(nb)
    for index, cell in enumerate(nb.cells):
        if policy.has_solution(cell):
            try:
                cell.source = policy.strip_solutions(cell.source)
            except ValueError as error:
                raise ValueError(f"celda {index}: marcas de solución mal formadas ({error})") from None
        elif not policy.is_check_cell(cell):
            continue
        cell.outputs = []
        cell.execution_count = None
    return nb


def _check_destination(out, source_dir, root):
    out = out.resolve()
    source_dir = source_dir.resolve()
    if out == source_dir or source_dir in out.parents or out in source_dir.parents or out == root:
        raise SystemExit(
            f"La carpeta de salida '{out}' no puede ser la de los capítulos, estar dentro de ella "
            "ni contenerla: la edición para estudiantes nunca toca los originales."
        )
    if out.exists():
        if not out.is_dir():
            raise SystemExit(f"'{out}' existe y no es una carpeta.")
        if any(out.iterdir()) and not (out / MARKER_FILE).exists():
            raise SystemExit(
                f"'{out}' ya existe y no es una edición para estudiantes escrita por esta herramienta "
                f"(le falta el archivo {MARKER_FILE}). Elija otra carpeta o vacíela a mano."
            )
    return out


def write_student_edition(out, source_dir=policy.CHAPTERS_DIR, root=policy.ROOT):
    """Escribe la edición en ``out``; devuelve la lista de cuadernos escritos."""
    source_dir = Path(source_dir)
    out = _check_destination(Path(out), source_dir, Path(root).resolve())
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(source_dir, out, ignore=_ignored)
    written = []
    for path in sorted(source_dir.glob("*.ipynb")):
        nb = policy.read(path)
        try:
            student = student_notebook(nb)
        except ValueError as error:
            shutil.rmtree(out)
            raise SystemExit(f"{path.name}: {error}") from None
        policy.write(student, out / path.name)
        written.append(out / path.name)
    (out / MARKER_FILE).write_text(
        "Carpeta generada por tools/student_edition.py a partir de chapters/. "
        "No la edite: vuelva a generarla.\n",
        encoding="utf-8",
    )
    return written


def main(argv=None):
    parser = policy.spanish_parser(
        "Escribe la edición para estudiantes: los capítulos con las soluciones "
        "reemplazadas por «# SU CÓDIGO AQUÍ» y sin las salidas de las soluciones ni de las comprobaciones.",
    )
    parser.add_argument(
        "--out",
        default="student",
        metavar="CARPETA",
        type=Path,
        help="carpeta de salida (por omisión, student/); se reemplaza entera",
    )
    args = parser.parse_args(argv)
    written = write_student_edition(args.out)
    for path in written:
        print(f"✓ {path}")
    print(f"Edición para estudiantes en {args.out}/ ({len(written)} cuadernos).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
