"""La corrección con nbgrader (tools/nbgrader_course.py), con el nbgrader real de PyPI.

La herramienta escribe el curso (``source/`` y ``nbgrader_config.py``) en una carpeta temporal;
``nbgrader generate_assignment`` genera las tareas de todos los cuadernos con ejercicios (no
ejecuta nada) y se comprueba que en la versión para estudiantes no queda ninguna solución y sí el
marcador. Después, ``nbgrader autograde`` corrige dos entregas de un cuaderno pequeño: sin resolver
(0 puntos en cada ejercicio) y con las soluciones de vuelta (todos los puntos); ``nbgrader export``
da las notas y ``nbgrader generate_feedback`` la devolución. Son los mismos comandos que muestra la
guía para docentes. Nada se escribe fuera de ``tmp_path``.
"""
import csv
import hashlib
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import nbgrader_course  # noqa: E402
import notebook_policy as policy  # noqa: E402

EXERCISE_NOTEBOOKS = [
    p for p in policy.notebook_paths() if any(policy.has_solution(c) for c in policy.read(p).cells)
]
#: El cuaderno que se corrige de verdad: pequeño y con cuatro ejercicios.
GRADED = ROOT / "chapters" / "00_introduccion.ipynb"
GRADED_TASK = nbgrader_course.assignment_name(GRADED)


def digest(paths):
    """La huella de cada cuaderno que lee la herramienta (para ver que nada los modifica)."""
    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest() for p in paths}


def nbgrader(course, *args, timeout=600):
    """Corre ``nbgrader`` en la carpeta del curso, con la configuración de Jupyter dentro de tmp_path."""
    home = course.parent / "jupyter"
    env = dict(
        os.environ,
        JUPYTER_CONFIG_DIR=str(home / "config"),
        JUPYTER_RUNTIME_DIR=str(home / "runtime"),
        IPYTHONDIR=str(home / "ipython"),
    )
    result = subprocess.run(
        [sys.executable, "-m", "nbgrader", *args], cwd=course, env=env,
        capture_output=True, text=True, timeout=timeout,
    )
    assert result.returncode == 0, f"nbgrader {' '.join(args)} falló:\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """El curso escrito por la herramienta y sus tareas generadas por nbgrader."""
    base = tmp_path_factory.mktemp("nbgrader")
    course = base / "curso"
    before = digest(policy.notebook_paths())
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "nbgrader_course.py"), "--out", str(course)],
        cwd=base, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    nbgrader(course, "generate_assignment", "*")
    assert digest(policy.notebook_paths()) == before, "La herramienta o nbgrader modificaron chapters/."
    return course


def test_config_has_the_spanish_placeholder(course):
    config = (course / "nbgrader_config.py").read_text(encoding="utf-8")
    assert config.startswith(nbgrader_course.CONFIG_HEADER)
    namespace = {}

    class Config(dict):
        def __getattr__(self, name):
            return self.setdefault(name, Config())

        def __setattr__(self, name, value):
            self[name] = value

    c = Config()
    exec(compile(config, "nbgrader_config.py", "exec"), {"get_config": lambda: c}, namespace)
    stub = c.ClearSolutions.code_stub["python"]
    assert stub == f"{policy.PLACEHOLDER_COMMENT}\n{policy.PLACEHOLDER_RAISE}"
    assert c.ClearSolutions.text_stub == nbgrader_course.TEXT_STUB
    assert c.Execute.timeout > 0
    assert c.ClearOutput.enabled is False


def test_every_exercise_notebook_is_an_assignment(course):
    expected = {nbgrader_course.assignment_name(p) for p in EXERCISE_NOTEBOOKS}
    assert expected, "No se encontró ningún cuaderno con ejercicios."
    assert {p.name for p in (course / "source").iterdir()} == expected
    assert {p.name for p in (course / "release").iterdir()} == expected
    banks = [p for p in EXERCISE_NOTEBOOKS if p.parent.name == "banco"]
    assert all((course / "release" / f"banco_{p.stem}" / f"banco_{p.stem}.ipynb").exists() for p in banks)


@pytest.mark.parametrize("path", [pytest.param(p, id=nbgrader_course.assignment_name(p)) for p in EXERCISE_NOTEBOOKS])
def test_source_metadata(course, path):
    """Cada solución y cada comprobación llevan los metadatos de nbgrader; el resto del cuaderno, igual."""
    name = nbgrader_course.assignment_name(path)
    original = policy.read(path)
    source = policy.read(course / "source" / name / f"{name}.ipynb")
    assert len(source.cells) == len(original.cells)
    ids = []
    for index, (cell, before) in enumerate(zip(source.cells, original.cells)):
        meta = cell.metadata.get("nbgrader")
        where = f"{name}, celda {index}"
        if policy.has_solution(before):
            assert meta and meta["solution"] and not meta["grade"] and not meta["locked"], where
            assert cell.source == before.source, where
        elif policy.is_check_cell(before):
            assert meta and meta["grade"] and meta["locked"] and not meta["solution"], where
            assert meta["points"] in (1, 2, 3), where
            check = policy.CHECK_CELL_PATTERN.match(before.source)["check"]
            assert meta["grade_id"] == check, where
            assert cell.source.splitlines()[1].startswith(f"assert {check}(globals()), "), where
            assert cell.source.splitlines()[0] == before.source.splitlines()[0], where
        else:
            if meta:  # solo la celda de preparación, de solo lectura
                assert meta["locked"] and not meta["grade"] and not meta["solution"], where
            assert cell.source == before.source, where
        if meta:
            assert meta["schema_version"] == 3, where
            ids.append(meta["grade_id"])
    assert len(ids) == len(set(ids)), f"{name}: grade_id repetidos"


@pytest.mark.parametrize("path", [pytest.param(p, id=nbgrader_course.assignment_name(p)) for p in EXERCISE_NOTEBOOKS])
def test_release_has_no_solution(course, path):
    """En la versión para estudiantes de nbgrader no queda ninguna solución y sí el marcador."""
    name = nbgrader_course.assignment_name(path)
    original = policy.read(path)
    text = (course / "release" / name / f"{name}.ipynb").read_text(encoding="utf-8")
    release = nbformat.reads(text, as_version=4)
    assert policy.BEGIN_SOLUTION not in text and policy.END_SOLUTION not in text
    shown = lambda cell: [] if policy.is_check_cell(cell) else output_text(cell).splitlines()  # noqa: E731
    leaked = policy.leaked_solution_lines(original, text, shown)
    assert not leaked, f"{name}: líneas de solución que siguen en la versión para estudiantes: {leaked}"
    for index, (cell, before) in enumerate(zip(release.cells, original.cells)):
        where = f"{name}, celda {index}"
        if policy.has_solution(before):
            assert cell.source == policy.strip_solutions(before.source), where
            assert not cell.outputs, f"{where}: la celda de la solución conserva su salida."
        elif policy.is_check_cell(before):
            assert not cell.outputs, f"{where}: la comprobación conserva su salida («¡Muy bien!»)."
        elif cell.cell_type == "code":
            # Las figuras y las salidas del cuaderno siguen ahí, como en la edición para estudiantes.
            assert output_text(cell) == output_text(before), f"{where}: cambió una salida que no es de un ejercicio."
    assert "¡Muy bien!" not in "\n".join(output_text(c) for c in release.cells if c.cell_type == "code")


output_text = policy.output_text


def _solve(release, source):
    """La entrega de quien resolvió todo: la versión para estudiantes con las soluciones escritas."""
    solutions = {
        cell.metadata["nbgrader"]["grade_id"]: cell.source
        for cell in source.cells if cell.metadata.get("nbgrader", {}).get("solution")
    }
    solved = 0
    for cell in release.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id in solutions:
            cell.source = solutions[grade_id]
            solved += 1
    assert solved == len(solutions)
    return release


@pytest.fixture(scope="module")
def graded(course):
    """Dos entregas del cuaderno pequeño corregidas con ``nbgrader autograde``; las notas, con ``export``."""
    release = course / "release" / GRADED_TASK / f"{GRADED_TASK}.ipynb"
    source = policy.read(course / "source" / GRADED_TASK / f"{GRADED_TASK}.ipynb")
    for student, nb in (
        ("sin_resolver", policy.read(release)),
        ("resuelto", _solve(policy.read(release), source)),
    ):
        folder = course / "submitted" / student / GRADED_TASK
        folder.mkdir(parents=True)
        nbformat.write(nb, str(folder / f"{GRADED_TASK}.ipynb"))
    nbgrader(course, "autograde", GRADED_TASK, "--create")
    nbgrader(course, "generate_feedback", GRADED_TASK)
    nbgrader(course, "export", "--to", "notas.csv")
    with open(course / "notas.csv", encoding="utf-8") as handle:
        rows = {(r["assignment"], r["student_id"]): r for r in csv.DictReader(handle)}
    points = {}
    for cell in source.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("grade"):
            points[meta["grade_id"]] = meta["points"]
    return course, rows, points


def test_unsolved_submission_scores_zero(graded):
    course, rows, points = graded
    row = rows[(GRADED_TASK, "sin_resolver")]
    assert float(row["max_score"]) == sum(points.values()) >= 3
    assert float(row["score"]) == 0.0
    autograded = policy.read(course / "autograded" / "sin_resolver" / GRADED_TASK / f"{GRADED_TASK}.ipynb")
    for cell in autograded.cells:
        if cell.metadata.get("nbgrader", {}).get("grade"):
            errors = [o for o in cell.outputs if o.get("output_type") == "error"]
            assert errors and errors[0]["ename"] == "AssertionError", cell.source
            assert nbgrader_course.ASSERT_MESSAGE in errors[0]["evalue"]
            shown = "".join(o.get("text", "") for o in cell.outputs if o.get("output_type") == "stream")
            assert "✘" in shown and "Pista:" in shown and "¡Muy bien!" not in shown, shown


def test_solved_submission_scores_every_point(graded):
    course, rows, points = graded
    row = rows[(GRADED_TASK, "resuelto")]
    assert float(row["score"]) == float(row["max_score"]) == sum(points.values())
    autograded = policy.read(course / "autograded" / "resuelto" / GRADED_TASK / f"{GRADED_TASK}.ipynb")
    checks = [c for c in autograded.cells if c.metadata.get("nbgrader", {}).get("grade")]
    assert len(checks) == len(points)
    for cell in checks:
        assert not [o for o in cell.outputs if o.get("output_type") == "error"], cell.source
        assert "¡Muy bien!" in "".join(o.get("text", "") for o in cell.outputs)


def test_feedback_is_written(graded):
    course, _, _ = graded
    for student in ("sin_resolver", "resuelto"):
        assert (course / "feedback" / student / GRADED_TASK / f"{GRADED_TASK}.html").exists()


def test_bank_points_follow_the_level(tmp_path):
    """En un banco, un ejercicio vale 1, 2 o 3 puntos según su nivel; en un capítulo, 1."""
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# Ejercicios: prueba"),
                nbformat.v4.new_code_cell(policy.setup_cell_source())]
    for number, level in enumerate(("básico", "avanzado · **Demostración**", "intermedio · **Proyecto**"), 1):
        nb.cells += [
            nbformat.v4.new_markdown_cell(f"### Ejercicio {number}. Uno\n**Nivel:** {level}\n\nEnunciado."),
            nbformat.v4.new_code_cell(f"### BEGIN SOLUTION\nx{number} = 1\n### END SOLUTION",
                                      metadata={"tags": list(policy.SOLUTION_TAGS)}),
            nbformat.v4.new_code_cell(f"from nnlib.checks.banco_prueba import check_x{number}\ncheck_x{number}(globals())",
                                      metadata={"tags": list(policy.CHECK_TAGS)}),
        ]
    _, grades = nbgrader_course.nbgrader_notebook(nb, bank=True)
    assert grades == [("check_x1", 1), ("check_x2", 3), ("check_x3", 2)]
    _, grades = nbgrader_course.nbgrader_notebook(nb, bank=False)
    assert [points for _, points in grades] == [1, 1, 1]


def test_malformed_notebooks_are_refused(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("### BEGIN SOLUTION\nx = 1\n### END SOLUTION")]
    with pytest.raises(ValueError, match="sin celda de comprobación"):
        nbgrader_course.nbgrader_notebook(nb)
    nb.cells.append(nbformat.v4.new_code_cell("from nnlib.checks.x import check_x\ncheck_x(globals())\nprint(1)",
                                              metadata={"tags": ["check"]}))
    with pytest.raises(ValueError, match="dos líneas"):
        nbgrader_course.nbgrader_notebook(nb)


def test_refuses_to_write_inside_the_chapters():
    with pytest.raises(SystemExit, match="--out"):
        nbgrader_course.write_course(ROOT / "chapters" / "curso")
    with pytest.raises(SystemExit, match="--out"):
        nbgrader_course.write_course(ROOT)


def test_keeps_the_instructors_work(tmp_path):
    """Al regenerar, solo se reemplazan las tareas de source/: notas, entregas y configuración propia quedan."""
    course = tmp_path / "curso"
    (course / "submitted" / "ana" / GRADED_TASK).mkdir(parents=True)
    (course / "submitted" / "ana" / GRADED_TASK / "entrega.txt").write_text("de Ana", encoding="utf-8")
    (course / "nbgrader_config.py").write_text("c = get_config()\n", encoding="utf-8")
    (course / "source" / GRADED_TASK).mkdir(parents=True)
    (course / "source" / GRADED_TASK / "viejo.ipynb").write_text("{}", encoding="utf-8")
    nbgrader_course.write_course(course, [GRADED])
    assert (course / "submitted" / "ana" / GRADED_TASK / "entrega.txt").read_text(encoding="utf-8") == "de Ana"
    assert (course / "nbgrader_config.py").read_text(encoding="utf-8") == "c = get_config()\n"
    assert sorted(p.name for p in (course / "source" / GRADED_TASK).iterdir()) == [f"{GRADED_TASK}.ipynb"]
