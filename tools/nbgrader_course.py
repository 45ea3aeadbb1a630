#!/usr/bin/env python
"""Escribe un curso de nbgrader con los ejercicios de los capítulos y de los bancos.

    python tools/nbgrader_course.py --out curso/                 # todos los cuadernos con ejercicios
    python tools/nbgrader_course.py --out curso/ 01 chapters/banco/01_perceptron.ipynb

En la carpeta del curso escribe ``source/<tarea>/<tarea>.ipynb`` (una tarea por cuaderno: el
capítulo ``01_perceptron`` y su banco ``banco_01_perceptron``) y, si no existe, un
``nbgrader_config.py`` con el marcador en español. Después, dentro de esa carpeta, los comandos
de nbgrader de siempre (``nbgrader generate_assignment``, ``nbgrader autograde``,
``nbgrader export``); la guía para docentes los explica paso a paso.

Cada cuaderno recibe los metadatos de nbgrader (``schema_version`` 3):

- la celda de la solución (etiqueta ``solution``): ``solution: true``. nbgrader reemplaza lo que
  hay entre ``### BEGIN SOLUTION`` y ``### END SOLUTION`` por el marcador de
  ``tools/notebook_policy.py`` (``# SU CÓDIGO AQUÍ`` y ``raise NotImplementedError(...)``);
- la celda de comprobación (etiqueta ``check``): ``grade: true``, ``locked: true`` y sus puntos
  (1 en los capítulos; en los bancos, 1, 2 o 3 según el nivel básico, intermedio o avanzado). Su
  llamada pasa a ``assert check_x(globals()), "..."``: la comprobación devuelve un resultado que
  vale como booleano, y un ejercicio sin resolver o mal resuelto termina en error y no suma;
- la celda de preparación: ``locked: true`` (solo lectura).

Las celdas de solución y de comprobación llegan sin salida; las demás conservan las suyas (figuras,
tablas), y el ``nbgrader_config.py`` le dice a nbgrader que no las borre: la tarea se lee como el
capítulo, igual que la edición para estudiantes.

Los identificadores (``grade_id``) salen del nombre de la comprobación (``check_neuron`` y
``solucion_neuron``): no cambian al editar el texto ni al renumerar los ejercicios.

Solo lee ``chapters/`` y se niega a escribir dentro de él. En la carpeta del curso solo reemplaza
las tareas de ``source/`` que escribe; nunca toca ``release/``, ``submitted/``, ``autograded/``,
``feedback/`` ni ``gradebook.db``.
"""
from __future__ import annotations

import copy
import re
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import notebook_policy as policy  # noqa: E402

SCHEMA_VERSION = 3
COURSE_ID = "redes-neuronales"
#: Puntos de un ejercicio de banco según su nivel; los ejercicios de los capítulos valen 1.
LEVEL_POINTS = {"básico": 1, "intermedio": 2, "avanzado": 3}
LEVEL_LINE = re.compile(r"^\*\*Nivel:\*\* (?P<level>básico|intermedio|avanzado)\b", re.MULTILINE)
CONFIG_NAME = "nbgrader_config.py"
#: La primera línea del nbgrader_config.py que escribe esta herramienta (así sabe que es suyo).
CONFIG_HEADER = "# Configuración de nbgrader escrita por tools/nbgrader_course.py."
TEXT_STUB = "ESCRIBA SU RESPUESTA AQUÍ"
#: Lo que dice la comprobación cuando un ejercicio no suma (lo ve quien aprende en la devolución).
ASSERT_MESSAGE = "El ejercicio todavía no está resuelto: lea los mensajes de la comprobación, arriba."
_ASSERT_LINE = re.compile(r"\A(?P<call>check_[a-z0-9_]+\(globals\(\)\))\Z")


def config_source(timeout=300):
    """El ``nbgrader_config.py`` del curso: marcador en español y tiempo límite por celda."""
    stub = f"{policy.PLACEHOLDER_COMMENT}\n{policy.PLACEHOLDER_RAISE}"
    return (
        f"{CONFIG_HEADER}\n"
        "# Puede editarlo: la herramienta no lo reescribe si ya existe (bórrelo para regenerarlo).\n"
        "c = get_config()  # noqa: F821 (lo define nbgrader al leer este archivo)\n\n"
        f"c.CourseDirectory.course_id = {COURSE_ID!r}\n"
        "# Lo que reemplaza cada solución en la versión para estudiantes: el mismo marcador que\n"
        "# la edición para estudiantes (tools/student_edition.py).\n"
        f"c.ClearSolutions.code_stub = {{'python': {stub!r}}}\n"
        f"c.ClearSolutions.text_stub = {TEXT_STUB!r}\n"
        "# Las tareas conservan las figuras y las salidas del cuaderno, como la edición para\n"
        "# estudiantes: las de las soluciones y las comprobaciones ya llegan vacías desde source/.\n"
        "c.ClearOutput.enabled = False\n"
        "# Tiempo máximo de cada celda al corregir (segundos): los proyectos entrenan una red.\n"
        f"c.Execute.timeout = {int(timeout)}\n"
    )


def assignment_name(path):
    """La tarea de un cuaderno: ``01_perceptron`` para el capítulo, ``banco_01_perceptron`` para su banco."""
    path = Path(path)
    return f"banco_{path.stem}" if path.parent.name == "banco" else path.stem


def _metadata(cell, **fields):
    fields.setdefault("solution", False)
    fields.setdefault("grade", False)
    fields.setdefault("locked", False)
    fields.setdefault("task", False)
    fields["schema_version"] = SCHEMA_VERSION
    cell.metadata["nbgrader"] = fields


def nbgrader_notebook(nb, bank=False):
    """Una copia del cuaderno con los metadatos de nbgrader y las comprobaciones con ``assert``.

    Devuelve ``(cuaderno, puntos)``, con ``puntos`` una lista ``(grade_id, puntos)`` en orden.
    Lanza ``ValueError`` si una comprobación no tiene la forma de CONTRIBUTING §4 o si una
    solución queda sin su comprobación.
    """
    nb = copy.deepcopy(nb)
    setup = policy.first_code_cell(nb)
    level = None
    pending = []  # celdas de solución que esperan su comprobación
    grades = []
    used = set()
    for index, cell in enumerate(nb.cells):
        cell.metadata.pop("nbgrader", None)
        if cell.cell_type == "markdown":
            if policy.EXERCISE_HEADING.search(cell.source):
                found = LEVEL_LINE.search(cell.source)
                level = found["level"] if found else None
            continue
        if policy.has_solution(cell):
            try:
                policy.solution_blocks(cell.source)
            except ValueError as error:
                raise ValueError(f"celda {index}: marcas de solución mal formadas ({error})") from None
            cell.outputs, cell.execution_count = [], None
            pending.append(cell)
        elif policy.is_check_cell(cell):
            cell.outputs, cell.execution_count = [], None  # «¡Muy bien!» no llega a la tarea
            match = policy.CHECK_CELL_PATTERN.match(cell.source)
            if not match:
                raise ValueError(
                    f"celda {index}: la comprobación debe tener solo sus dos líneas "
                    "(from nnlib.checks.<tema> import check_x / check_x(globals()))."
                )
            check = match["check"]
            if check in used:
                raise ValueError(f"celda {index}: la comprobación {check} aparece dos veces.")
            used.add(check)
            first, second = cell.source.split("\n")
            cell.source = f'{first}\nassert {second}, "{ASSERT_MESSAGE}"'
            points = LEVEL_POINTS[level] if bank and level in LEVEL_POINTS else 1
            _metadata(cell, grade=True, locked=True, points=points, grade_id=check)
            grades.append((check, points))
            name = "solucion_" + check.removeprefix("check_")
            for number, solution in enumerate(pending, start=1):
                _metadata(solution, solution=True, grade_id=name if number == 1 else f"{name}_{number}")
            pending = []
        elif cell is setup:
            _metadata(cell, locked=True, grade_id="preparacion")
    if pending:
        raise ValueError("hay una celda de solución sin celda de comprobación después.")
    return nb, grades


def _check_destination(out, source_dir):
    out, source_dir = out.resolve(), source_dir.resolve()
    if out == source_dir or source_dir in out.parents or out in source_dir.parents:
        raise SystemExit(
            f"--out: la carpeta del curso '{out}' no puede ser la de los capítulos, estar dentro de "
            "ella ni contenerla: la herramienta nunca toca los originales."
        )
    if out.exists() and not out.is_dir():
        raise SystemExit(f"--out: '{out}' existe y no es una carpeta.")
    return out


def write_course(out, paths=None, root=policy.ROOT, timeout=300):
    """Escribe el curso en ``out``; devuelve ``{tarea: [(grade_id, puntos), ...]}``."""
    root = Path(root)
    out = _check_destination(Path(out), root / "chapters")
    paths = policy.notebook_paths(root) if paths is None else [Path(p) for p in paths]
    prepared = {}
    for path in paths:
        nb = policy.read(path)
        if not any(policy.has_solution(cell) for cell in nb.cells):
            continue
        try:
            prepared[assignment_name(path)] = nbgrader_notebook(nb, bank=path.parent.name == "banco")
        except ValueError as error:
            raise SystemExit(f"{path}: {error}") from None
    if not prepared:
        raise SystemExit("Ninguno de los cuadernos pedidos tiene ejercicios (marcas ### BEGIN SOLUTION).")
    out.mkdir(parents=True, exist_ok=True)
    config = out / CONFIG_NAME
    if not config.exists():
        config.write_text(config_source(timeout), encoding="utf-8")
    elif not config.read_text(encoding="utf-8").startswith(CONFIG_HEADER):
        print(f"Aviso: {config} no lo escribió esta herramienta; se deja como está.", file=sys.stderr)
    summary = {}
    for name, (nb, grades) in prepared.items():
        folder = out / "source" / name
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
        policy.write(nb, folder / f"{name}.ipynb")
        summary[name] = grades
    return summary


def main(argv=None):
    parser = policy.spanish_parser(
        "Escribe un curso de nbgrader (source/<tarea>/<tarea>.ipynb y nbgrader_config.py) con los "
        "ejercicios de los capítulos y de los bancos.",
        epilog="Después, dentro de la carpeta del curso: nbgrader generate_assignment <tarea>. "
        "La guía para docentes explica la corrección paso a paso.",
    )
    parser.add_argument("notebooks", nargs="*", metavar="CUADERNO",
                        help="capítulos (por número, nombre o ruta) o bancos (por ruta); sin nada, todos")
    parser.add_argument("--out", default="curso-nbgrader", metavar="CARPETA", type=Path,
                        help="carpeta del curso (por omisión, curso-nbgrader/)")
    parser.add_argument("--timeout", default=300, type=int, metavar="SEGUNDOS",
                        help="tiempo máximo de cada celda al corregir, en el nbgrader_config.py nuevo (300)")
    args = parser.parse_args(argv)
    if args.timeout <= 0:
        parser.error(f"--timeout: debe ser un número de segundos mayor que 0, no {args.timeout}.")
    paths = policy.resolve_chapters(args.notebooks) if args.notebooks else None
    summary = write_course(args.out, paths, timeout=args.timeout)
    for name, grades in summary.items():
        total = sum(points for _, points in grades)
        print(f"✓ source/{name}/{name}.ipynb: {len(grades)} ejercicios, {total} puntos")
    tareas = "1 tarea" if len(summary) == 1 else f"{len(summary)} tareas"
    print(f"Curso de nbgrader en {args.out}/ ({tareas}).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
