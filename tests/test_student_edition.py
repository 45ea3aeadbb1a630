"""La edición para estudiantes (tools/student_edition.py): capítulos y bancos de ejercicios.

Se genera en una carpeta temporal, con su zip y su lista de enlaces de Colab, y se comprueba que: no sobrevive ningún texto de las
soluciones ni ninguna salida de las celdas de solución y de comprobación (nada aparece
resuelto antes de trabajar); todo lo demás queda idéntico; los originales no cambian; al
ejecutar un cuaderno de estudiante, las celdas de comprobación fallan con explicaciones en
español (sin trazas de error) y, al volver a poner las soluciones, pasan; el zip tiene la
edición entera y ninguna solución; los enlaces de Colab están bien formados.
"""
import copy
import hashlib
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import execute_notebooks  # noqa: E402
import notebook_policy as policy  # noqa: E402
import student_edition  # noqa: E402

CHAPTERS_DIR = ROOT / "chapters"
#: Capítulos y bancos (``chapters/banco/``): la edición los trata igual.
CHAPTERS = policy.notebook_paths()
BANKS = policy.bank_paths()
EXERCISE_CHAPTERS = [p for p in CHAPTERS if any(policy.has_solution(c) for c in policy.read(p).cells)]


def digest(directory):
    files = sorted(p for p in Path(directory).rglob("*") if p.is_file() and ".ipynb_checkpoints" not in p.parts)
    return {str(p.relative_to(directory)): hashlib.sha256(p.read_bytes()).hexdigest() for p in files}


is_check_cell = policy.is_check_cell


text_of = policy.output_text


REPOSITORY = "https://github.com/profesora/redes-estudiantes"


def rel(path):
    """La ruta de un cuaderno dentro de chapters/ (y de la edición): ``01_perceptron.ipynb`` o ``banco/...``."""
    return path.relative_to(CHAPTERS_DIR)


def student_edition_command(*args, cwd=ROOT):
    return subprocess.run(
        [sys.executable, str(ROOT / "tools" / "student_edition.py"), *args],
        cwd=cwd, capture_output=True, text=True, timeout=120,
    )


@pytest.fixture(scope="module")
def edition(tmp_path_factory):
    """Genera la edición con el comando, como lo haría una instructora, y mide los originales."""
    base = tmp_path_factory.mktemp("edicion")
    out = base / "student"
    before = digest(ROOT / "chapters")
    result = student_edition_command("--out", str(out), "--zip", str(base / "estudiantes.zip"),
                                     "--colab", REPOSITORY, "--branch", "curso-2027")
    assert result.returncode == 0, result.stderr
    return out, before


def chapter_params(paths):
    return [pytest.param(p, id=rel(p).with_suffix("").as_posix()) for p in paths]


def test_sources_are_untouched(edition):
    _, before = edition
    assert digest(ROOT / "chapters") == before, "La herramienta modificó chapters/."


def test_edition_has_every_file(edition):
    out, before = edition
    shared = {name for name in before if Path(name).parts[0] not in student_edition.INSTRUCTORS_ONLY}
    assert set(digest(out)) == shared | {student_edition.MARKER_FILE, student_edition.COLAB_FILE}


def test_pages_for_instructors_stay_out(edition):
    """Las guías de los capítulos tienen las respuestas: ni en la carpeta ni en el zip."""
    out, _ = edition
    for name in student_edition.INSTRUCTORS_ONLY:
        assert not (out / name).exists(), f"{name} está en la edición para estudiantes."
    with zipfile.ZipFile(out.parent / "estudiantes.zip") as bundle:
        leaked = [n for n in bundle.namelist() if n.split("/")[1] in student_edition.INSTRUCTORS_ONLY]
    assert not leaked, f"El zip lleva páginas solo para docentes: {leaked[:3]}"


def test_banks_are_included(edition):
    out, _ = edition
    for bank in BANKS:
        copy_ = out / "banco" / bank.name
        assert copy_.exists(), f"Falta el banco {bank.name} en la edición (banco/)."
        assert policy.BEGIN_SOLUTION not in copy_.read_text(encoding="utf-8")


def test_zip_has_the_whole_edition_and_no_solution(edition):
    out, _ = edition
    with zipfile.ZipFile(out.parent / "estudiantes.zip") as bundle:
        names = set(bundle.namelist())
        expected = {f"{student_edition.ZIP_FOLDER}/{name}" for name in digest(out)}
        expected.discard(f"{student_edition.ZIP_FOLDER}/{student_edition.MARKER_FILE}")
        assert names == expected
        for path in CHAPTERS:
            name = f"{student_edition.ZIP_FOLDER}/{rel(path).as_posix()}"
            text = bundle.read(name).decode("utf-8")
            assert policy.BEGIN_SOLUTION not in text and policy.END_SOLUTION not in text, name
            assert text == (out / rel(path)).read_text(encoding="utf-8"), name


def test_colab_links(edition):
    out, _ = edition
    text = (out / student_edition.COLAB_FILE).read_text(encoding="utf-8")
    links = re.findall(r"^- \[(?P<name>[^\]]+)\]\((?P<url>[^)]+)\)$", text, re.MULTILINE)
    expected = [rel(p).as_posix() for p in CHAPTERS]
    chapters_first = sorted(expected, key=lambda name: (name.startswith("banco/"), name))
    assert [name for name, _ in links] == chapters_first
    for name, url in links:
        assert url == ("https://colab.research.google.com/github/profesora/redes-estudiantes/blob/"
                       f"curso-2027/{name}")
        assert (out / name).exists()


@pytest.mark.parametrize("url", [
    "https://github.com/profesora/redes.git",
    "https://github.com/profesora/redes/",
])
def test_colab_accepts_usual_repository_urls(tmp_path, url):
    (tmp_path / "banco").mkdir()
    (tmp_path / "01_x.ipynb").write_text("{}", encoding="utf-8")
    (tmp_path / "banco" / "01_x.ipynb").write_text("{}", encoding="utf-8")
    links = student_edition.colab_links(tmp_path, url)
    assert [link for _, link in links] == [
        "https://colab.research.google.com/github/profesora/redes/blob/main/01_x.ipynb",
        "https://colab.research.google.com/github/profesora/redes/blob/main/banco/01_x.ipynb",
    ]


@pytest.mark.parametrize("args, named", [
    (["--colab", "github.com/profesora/redes"], "--colab"),
    (["--colab", "https://gitlab.com/profesora/redes"], "--colab"),
    (["--colab", "https://github.com/profesora"], "--colab"),
    (["--colab", REPOSITORY, "--branch", "mal..rama"], "--branch"),
    (["--branch", "otra"], "--branch"),
    (["--zip", "estudiantes.tar"], "--zip"),
])
def test_bad_arguments_are_named_in_spanish(tmp_path, args, named):
    result = student_edition_command("--out", str(tmp_path / "student"), *args, cwd=tmp_path)
    assert result.returncode == 2
    assert named in result.stderr and "uso:" in result.stderr, result.stderr
    assert "error:" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "student").exists(), "Con un argumento mal escrito no debe escribirse nada."


@pytest.mark.parametrize("path", chapter_params(CHAPTERS))
def test_no_solution_text_survives(edition, path):
    out, _ = edition
    source = policy.read(path)
    student_text = (out / rel(path)).read_text(encoding="utf-8")
    student = nbformat.reads(student_text, as_version=4)
    assert policy.BEGIN_SOLUTION not in student_text and policy.END_SOLUTION not in student_text
    leaked = policy.leaked_solution_lines(source, student_text, lambda cell: text_of(cell).splitlines())
    assert not leaked, f"{rel(path)}: líneas de solución que siguen en la edición: {leaked}"
    for index, cell in enumerate(student.cells):
        if "solution" in policy.tags(cell):
            assert policy.PLACEHOLDER_COMMENT in cell.source
            assert not cell.outputs and cell.execution_count is None
        if is_check_cell(cell):
            assert not cell.outputs and cell.execution_count is None, (
                f"{rel(path)}, celda {index}: la comprobación conserva su salida («¡Muy bien!») en la edición."
            )
    shown = "\n".join(text_of(cell) for cell in student.cells if cell.cell_type == "code")
    assert "¡Muy bien!" not in shown and not re.search(r"^✔", shown, re.MULTILINE), (
        f"{rel(path)}: una salida de la edición para estudiantes muestra un ejercicio resuelto."
    )


@pytest.mark.parametrize("path", chapter_params(CHAPTERS))
def test_everything_else_is_identical(edition, path):
    out, _ = edition
    source = policy.read(path)
    student = policy.read(out / rel(path))
    assert student.metadata == source.metadata
    assert len(student.cells) == len(source.cells)
    for original, copy_ in zip(source.cells, student.cells):
        assert copy_.get("id") == original.get("id")
        assert copy_.metadata == original.metadata
        if policy.has_solution(original):
            assert copy_.source == policy.strip_solutions(original.source)
        elif is_check_cell(original):
            assert copy_.source == original.source
            assert copy_.outputs == [] and copy_.execution_count is None
        else:
            assert copy_ == original


@pytest.mark.parametrize("path", chapter_params(CHAPTERS))
def test_putting_solutions_back_gives_the_source(edition, path):
    """Con las soluciones de vuelta el cuaderno es el original, cuyas comprobaciones pasan (nbval)."""
    out, _ = edition
    source = policy.read(path)
    student = policy.read(out / rel(path))
    for original, cell in zip(source.cells, student.cells):
        if policy.has_solution(original):
            cell.source = original.source
    assert [c.source for c in student.cells] == [c.source for c in source.cells]
    for cell in source.cells:
        if is_check_cell(cell):
            assert "✘" not in text_of(cell), f"{rel(path)}: una comprobación guardada no pasa."


@pytest.mark.parametrize("path", chapter_params(EXERCISE_CHAPTERS))
def test_student_checks_fail_helpfully(edition, path):
    """Sin resolver, cada ejercicio avisa en español y su comprobación no lanza una traza."""
    out, _ = edition
    nb = policy.read(out / rel(path))
    execute_notebooks.run_notebook(nb, (out / rel(path)).parent, timeout=300, allow_errors=True)
    checked = 0
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        if "solution" in policy.tags(cell):
            # El marcador lanza NotImplementedError al ejecutarse: en la celda misma, o al
            # llamar a la función si la solución es el cuerpo de una función.
            errors = [o for o in cell.outputs if o.get("output_type") == "error"]
            for error in errors:
                assert error["ename"] == "NotImplementedError", (
                    f"{rel(path)}, celda {index}: sin resolver, la celda falla con {error['ename']} "
                    "en lugar del aviso del marcador."
                )
                assert "Ejercicio sin resolver" in error["evalue"]
        elif is_check_cell(cell):
            checked += 1
            errors = [o for o in cell.outputs if o.get("output_type") == "error"]
            assert not errors, (
                f"{rel(path)}, celda {index}: la comprobación terminó en una traza de error "
                f"({errors[0]['ename']}: {errors[0]['evalue']}) en lugar de explicar qué falta."
            )
            text = text_of(cell)
            assert "✘" in text, f"{rel(path)}, celda {index}: la comprobación no señala el fallo:\n{text}"
            assert "¡Muy bien!" not in text and "Pista:" in text, (
                f"{rel(path)}, celda {index}: sin resolver, la comprobación debe fallar con una pista:\n{text}"
            )
            assert re.search(r"[áéíóúñ¿¡]|Pista|Revise|Todavía", text), (
                f"{rel(path)}, celda {index}: la explicación no parece estar en español:\n{text}"
            )
    assert checked, f"{rel(path)}: no se encontraron celdas de comprobación."


def test_round_trip_on_a_small_notebook(tmp_path):
    """Ciclo completo en un cuaderno pequeño: sin resolver falla con ayuda, resuelto pasa."""
    chapters = tmp_path / "chapters"
    chapters.mkdir()
    nb = nbformat.v4.new_notebook()
    check = (
        "from nnlib.checks import MISSING, Feedback\n"
        "def check_square(namespace):\n"
        "    fb = Feedback('cuadrado', namespace)\n"
        "    square = fb.function('square', params=('x',))\n"
        "    if square is not MISSING:\n"
        "        got = fb.call(square, 3)\n"
        "        if got is not MISSING:\n"
        "            fb.expect(got == 9, 'square(3) vale 9.', 'square(3) debería valer 9.')\n"
        "    return fb.done()\n"
        "check_square(globals())"
    )
    nb.cells = [
        nbformat.v4.new_markdown_cell("# Prueba\n\n## Ejercicios"),
        nbformat.v4.new_code_cell(policy.setup_cell_source()),
        nbformat.v4.new_code_cell(
            "def square(x):\n    ### BEGIN SOLUTION\n    return x * x\n    ### END SOLUTION",
            metadata={"tags": ["solution", "hide-input"]},
        ),
        nbformat.v4.new_code_cell(check, metadata={"tags": list(policy.CHECK_TAGS)}),
    ]
    policy.write(nb, chapters / "00_prueba.ipynb")
    before = digest(chapters)
    student_edition.write_student_edition(tmp_path / "student", source_dir=chapters, root=tmp_path)
    assert digest(chapters) == before

    student = policy.read(tmp_path / "student" / "00_prueba.ipynb")
    assert "x * x" not in student.cells[2].source
    student.cells.insert(3, nbformat.v4.new_code_cell("### BEGIN SOLUTION\nanswer = 42\n### END SOLUTION"))
    student.cells[3].source = policy.strip_solutions(student.cells[3].source)
    execute_notebooks.run_notebook(student, tmp_path, timeout=120, allow_errors=True)
    assert not student.cells[2].outputs  # definir la función no falla; llamarla, sí
    assert student.cells[3].outputs[0]["ename"] == "NotImplementedError"
    assert "Ejercicio sin resolver" in student.cells[3].outputs[0]["evalue"]
    failed = text_of(student.cells[4])
    assert "✘ `square` todavía no está escrita" in failed and "Revise 1 punto del ejercicio «cuadrado»" in failed
    assert "Traceback" not in failed and "¡Muy bien!" not in failed
    del student.cells[3]

    solved = copy.deepcopy(student)
    solved.cells[2].source = nb.cells[2].source
    execute_notebooks.run_notebook(solved, tmp_path, timeout=120, allow_errors=False)
    passed = text_of(solved.cells[3])
    assert "¡Muy bien!" in passed and "✘" not in passed


def test_refuses_to_write_over_the_chapters_or_foreign_folders(tmp_path):
    with pytest.raises(SystemExit):
        student_edition.write_student_edition(ROOT / "chapters")
    with pytest.raises(SystemExit):
        student_edition.write_student_edition(ROOT / "chapters" / "student")
    foreign = tmp_path / "otra"
    foreign.mkdir()
    (foreign / "notas.txt").write_text("no borrar", encoding="utf-8")
    with pytest.raises(SystemExit):
        student_edition.write_student_edition(foreign)
    assert (foreign / "notas.txt").read_text(encoding="utf-8") == "no borrar"


def test_bank_folder_is_transformed_too(tmp_path):
    """Un banco (chapters/banco/) pierde sus soluciones igual que un capítulo, aunque el curso aún no tenga bancos."""
    chapters = tmp_path / "chapters"
    (chapters / "banco").mkdir(parents=True)
    for path in (chapters / "01_prueba.ipynb", chapters / "banco" / "01_prueba.ipynb"):
        nb = nbformat.v4.new_notebook()
        nb.cells = [
            nbformat.v4.new_markdown_cell("# Prueba"),
            nbformat.v4.new_code_cell("### BEGIN SOLUTION\nanswer = 40 + 2\n### END SOLUTION",
                                      metadata={"tags": list(policy.SOLUTION_TAGS)}),
        ]
        policy.write(nb, path)
    (chapters / "docentes").mkdir()
    (chapters / "docentes" / "01_prueba.md").write_text("# Respuestas\n\n42\n", encoding="utf-8")
    (chapters / "guia_docentes.md").write_text("# Guía\n", encoding="utf-8")
    written = student_edition.write_student_edition(tmp_path / "student", source_dir=chapters, root=tmp_path)
    assert not (tmp_path / "student" / "docentes").exists()
    assert not (tmp_path / "student" / "guia_docentes.md").exists()
    assert sorted(p.relative_to(tmp_path / "student").as_posix() for p in written) == [
        "01_prueba.ipynb", "banco/01_prueba.ipynb"]
    for path in written:
        text = path.read_text(encoding="utf-8")
        assert "40 + 2" not in text and policy.PLACEHOLDER_COMMENT in text
    links = student_edition.write_colab_list(tmp_path / "student", REPOSITORY)
    assert [name for name, _ in links] == ["01_prueba.ipynb", "banco/01_prueba.ipynb"]
    archive = student_edition.write_zip(tmp_path / "student", tmp_path / "e.zip")
    with zipfile.ZipFile(archive) as bundle:
        assert sorted(bundle.namelist()) == [
            "estudiantes/01_prueba.ipynb", "estudiantes/COLAB.md", "estudiantes/banco/01_prueba.ipynb"]


def test_a_git_repository_is_updated_not_erased(tmp_path):
    """La salida puede ser el clon del repositorio de estudiantes: su .git sobrevive a cada edición."""
    chapters = tmp_path / "chapters"
    chapters.mkdir()
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("### BEGIN SOLUTION\nanswer = 40 + 2\n### END SOLUTION",
                                          metadata={"tags": list(policy.SOLUTION_TAGS)})]
    policy.write(nb, chapters / "01_prueba.ipynb")
    repo = tmp_path / "repo-estudiantes"
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    student_edition.write_student_edition(repo, source_dir=chapters, root=tmp_path)  # un clon vacío: se acepta
    (repo / "sobra.txt").write_text("de la edición anterior", encoding="utf-8")
    student_edition.write_student_edition(repo, source_dir=chapters, root=tmp_path)
    assert (repo / ".git" / "HEAD").exists(), "La edición borró el .git del repositorio."
    assert not (repo / "sobra.txt").exists(), "Lo que no es de la edición nueva debe desaparecer."
    assert (repo / "01_prueba.ipynb").exists()
    archive = student_edition.write_zip(repo, tmp_path / "e.zip")
    with zipfile.ZipFile(archive) as bundle:
        assert not [n for n in bundle.namelist() if "/.git/" in n], "El zip no lleva el .git."
