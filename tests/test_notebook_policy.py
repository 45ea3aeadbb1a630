"""La norma de los capítulos (CONTRIBUTING.md), comprobada en cada cuaderno.

nbval vuelve a ejecutar los capítulos y compara sus salidas; estas pruebas vigilan lo que
nbval no ve: que las salidas guardadas vengan de una ejecución completa y limpia, que la
celda de preparación siga a ``_config.yml``, que las celdas cuya salida se ignora sean pocas
y vayan seguidas de una comprobación, y que los ejercicios estén bien marcados.
"""
import copy
import importlib
import math
import re
import sys
from pathlib import Path

import nbformat
import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import notebook_policy as policy  # noqa: E402
import set_repository  # noqa: E402

CHAPTERS = policy.chapter_paths()
#: Capítulos y bancos de ejercicios: la norma de cada cuaderno vale para todos.
NOTEBOOKS = policy.notebook_paths()
TOOL_HINT = "Vuelva a ejecutarlo con: python tools/execute_notebooks.py {name}"

#: Líneas de registro de TensorFlow/absl/oneDNN que nunca deben llegar a una salida.
LOG_LINE = re.compile(
    r"(^[IWEF]\d{4} \d\d:\d\d:\d\d|absl::InitializeLog|oneDNN custom operations|"
    r"^WARNING:tensorflow|^WARNING:absl|cpu_feature_guard|TF_ENABLE_ONEDNN_OPTS)",
    re.MULTILINE,
)


def chapter_params():
    """Cada cuaderno (capítulo o banco), identificado por su ruta en chapters/: ``banco/01_perceptron``."""
    return [
        pytest.param(path, id=path.relative_to(policy.CHAPTERS_DIR).with_suffix("").as_posix())
        for path in NOTEBOOKS
    ]


def toc_entries(entries):
    """Las entradas de una lista de ``_toc.yml`` y, dentro de cada una, sus secciones, en orden."""
    for entry in entries:
        yield entry
        yield from toc_entries(entry.get("sections", []))


def output_text(output):
    if output.get("output_type") == "stream":
        return output.get("text", "")
    data = output.get("data", {})
    return "\n".join(str(data[key]) for key in ("text/plain", "text/html", "text/markdown") if key in data)


def test_there_are_chapters():
    assert CHAPTERS, "No hay capítulos (chapters/NN_tema.ipynb)."


def test_toc_lists_every_chapter_and_only_existing_pages():
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    files = [toc["root"]]
    sections = {}
    for part in toc.get("parts", []):
        for entry in toc_entries(part.get("chapters", [])):
            files.append(entry["file"])
            sections[entry["file"]] = [child["file"] for child in entry.get("sections", [])]
    for entry in files:
        candidates = [ROOT / f"{entry}{suffix}" for suffix in (".md", ".ipynb")]
        assert any(p.exists() for p in candidates), f"_toc.yml cita '{entry}', que no existe."
    for path in CHAPTERS:
        entry = f"chapters/{path.stem}"
        assert entry in files, f"{path.name} no está en _toc.yml: añádalo en su parte, en orden."
    for path in policy.bank_paths():
        entry = f"chapters/banco/{path.stem}"
        assert entry in sections.get(f"chapters/{path.stem}", []), (
            f"El banco {entry} no está en _toc.yml: va como sección (sections:) de chapters/{path.stem}."
        )
    listed = [f for f in files if re.match(r"chapters/\d\d_", f)]
    assert listed == sorted(listed), "_toc.yml debe listar los capítulos en orden numérico."


def test_welcome_page_lists_every_chapter():
    intro = (ROOT / "chapters" / "intro.md").read_text(encoding="utf-8")
    for path in CHAPTERS:
        assert f"]({path.name})" in intro, (
            f"chapters/intro.md no enlaza {path.name}: pase su fila de «Próximamente» a la tabla de capítulos."
        )


def test_canonical_setup_cell_follows_config():
    url, branch = policy.repository()
    source = policy.setup_cell_source()
    assert f"git+{url}.git@{branch}" in source
    assert source.splitlines()[-1] == "setup_notebook(seed=0)"


@pytest.mark.parametrize("path", chapter_params())
def test_setup_cell_is_first_and_canonical(path):
    nb = policy.read(path)
    cell = policy.first_code_cell(nb)
    assert cell is not None, f"{path.relative_to(ROOT)} no tiene celdas de código."
    expected = policy.setup_cell_source()
    assert cell.source == expected, (
        f"La primera celda de código de {path.relative_to(ROOT)} no es la celda de preparación canónica "
        f"(la que sigue a repository.url de _config.yml). Debe ser exactamente:\n{expected}\n"
        "Para actualizarla en todos los capítulos: python tools/set_repository.py URL --branch RAMA"
    )
    assert not cell.outputs, f"La celda de preparación de {path.relative_to(ROOT)} no debe producir salida."


@pytest.mark.parametrize("path", chapter_params())
def test_every_code_cell_was_executed_in_order(path):
    nb = policy.read(path)
    counts = [cell.execution_count for cell in policy.code_cells(nb)]
    hint = TOOL_HINT.format(name=path.relative_to(ROOT))
    assert None not in counts, (
        f"{path.relative_to(ROOT)}: hay celdas de código sin ejecutar (posiciones "
        f"{[i for i, c in enumerate(counts) if c is None]}). {hint}"
    )
    assert counts == list(range(1, len(counts) + 1)), (
        f"{path.relative_to(ROOT)}: los números de ejecución no van de 1 en 1 desde el principio; las salidas no "
        f"vienen de una sola ejecución limpia de arriba abajo. {hint}"
    )


@pytest.mark.parametrize("path", chapter_params())
def test_no_errors_stderr_or_framework_logs_in_outputs(path):
    nb = policy.read(path)
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        for output in cell.outputs:
            kind = output.get("output_type")
            assert kind != "error", f"{path.relative_to(ROOT)}, celda {index}: la salida guardada es un error."
            assert not (kind == "stream" and output.get("name") == "stderr"), (
                f"{path.relative_to(ROOT)}, celda {index}: escribió en stderr:\n{output.get('text', '')[:500]}\n"
                "Corrija la causa del aviso (no lo oculte)."
            )
            match = LOG_LINE.search(output_text(output))
            assert match is None, (
                f"{path.relative_to(ROOT)}, celda {index}: un registro de TensorFlow llegó a la salida ({match.group(0)!r})."
            )


@pytest.mark.parametrize("path", chapter_params())
def test_ignored_outputs_are_rare_and_followed_by_a_checked_cell(path):
    nb = policy.read(path)
    cells = policy.code_cells(nb)
    ignored = [i for i, cell in enumerate(cells) if policy.is_output_ignored(cell) or policy.is_skipped(cell)]
    limit = math.floor(len(cells) / 10)
    assert len(ignored) <= limit, (
        f"{path.relative_to(ROOT)}: {len(ignored)} celdas con la salida ignorada por nbval de {len(cells)} celdas de "
        f"código; el máximo es una de cada diez ({limit})."
    )
    for i in ignored:
        assert i + 1 < len(cells), f"{path.relative_to(ROOT)}: la última celda de código no puede tener la salida ignorada."
        following = cells[i + 1]
        assert not (policy.is_output_ignored(following) or policy.is_skipped(following)), (
            f"{path.relative_to(ROOT)}: tras una celda con la salida ignorada debe venir una celda comprobada por nbval."
        )
        assert following.outputs or "assert" in following.source, (
            f"{path.relative_to(ROOT)}: la celda que sigue a una salida ignorada debe imprimir o afirmar (assert) lo que "
            f"importa de ella:\n{following.source[:300]}"
        )


@pytest.mark.parametrize("path", chapter_params())
def test_widgets_leave_no_state_and_are_hidden_on_the_site(path):
    raw = nbformat.read(str(path), as_version=4)
    assert "widgets" not in raw.metadata, (
        f"{path.relative_to(ROOT)} guarda el estado de los widgets (metadata.widgets). {TOOL_HINT.format(name=path.relative_to(ROOT))}"
    )
    for index, cell in enumerate(raw.cells):
        if cell.cell_type != "code":
            continue
        has_view = any(
            "application/vnd.jupyter.widget-view+json" in output.get("data", {}) for output in cell.outputs
        )
        if has_view:
            tags = policy.tags(cell)
            assert "remove-output" in tags, (
                f"{path.relative_to(ROOT)}, celda {index}: muestra un widget; necesita la etiqueta remove-output "
                "(el sitio no puede mostrarlo) y nbval-ignore-output."
            )
            assert policy.is_output_ignored(cell), (
                f"{path.relative_to(ROOT)}, celda {index}: la salida de un widget cambia en cada ejecución; "
                "añada la etiqueta nbval-ignore-output."
            )


def _exercises(nb, name):
    """Los ejercicios del cuaderno: (enunciado, solución, comprobación) como índices de celda.

    Falla con un mensaje claro si una celda de solución o de comprobación está fuera de su sitio.
    """
    exercises = []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            assert policy.BEGIN_SOLUTION not in cell.source and policy.END_SOLUTION not in cell.source, (
                f"{name}, celda {index}: las marcas de solución solo van en celdas de código."
            )
            continue
        marked = policy.BEGIN_SOLUTION in cell.source or policy.END_SOLUTION in cell.source
        if not marked:
            assert "solution" not in policy.tags(cell), (
                f"{name}, celda {index}: tiene la etiqueta 'solution' pero no las marcas "
                f"{policy.BEGIN_SOLUTION} / {policy.END_SOLUTION}."
            )
            continue
        statement = next((i for i in range(index - 1, -1, -1) if nb.cells[i].cell_type == "markdown"), None)
        check = index + 1 if index + 1 < len(nb.cells) else None
        exercises.append((statement, index, check))
    return exercises


@pytest.mark.parametrize("path", chapter_params())
def test_exercises_are_well_formed(path):
    """Cada ejercicio: enunciado «### Ejercicio N. Título», solución marcada y comprobación justo después."""
    nb = policy.read(path)
    name = path.name
    exercises = _exercises(nb, name)
    in_exercises = set()
    for number, (statement, solution, check) in enumerate(exercises, start=1):
        cell = nb.cells[solution]
        # La solución.
        try:
            policy.solution_blocks(cell.source)
        except ValueError as error:
            pytest.fail(f"{name}, celda {solution}: {error}")
        for tag in policy.SOLUTION_TAGS:
            assert tag in policy.tags(cell), f"{name}, celda {solution}: la celda de solución necesita la etiqueta '{tag}'."
        assert not cell.outputs, (
            f"{name}, celda {solution}: la celda de la solución no debe imprimir nada: en el sitio su salida "
            "se vería bajo «Mostrar solución» y revelaría la respuesta. Muestre resultados en la comprobación."
        )
        # El enunciado.
        assert statement is not None, f"{name}, celda {solution}: la solución no tiene enunciado antes."
        heading = policy.EXERCISE_HEADING.search(nb.cells[statement].source)
        assert heading, (
            f"{name}, celda {statement}: el enunciado del ejercicio {number} empieza con "
            f"«### Ejercicio {number}. Título» y nombra la variable o función que se pide."
        )
        assert int(heading.group("number")) == number, (
            f"{name}, celda {statement}: los ejercicios se numeran 1, 2, 3...; aquí se esperaba el {number}."
        )
        # La comprobación, justo después.
        assert check is not None and policy.is_check_cell(nb.cells[check]), (
            f"{name}, celda {solution}: justo después de la solución va su celda de comprobación."
        )
        check_cell = nb.cells[check]
        in_exercises.add(check)
        for tag in policy.CHECK_TAGS:
            assert tag in policy.tags(check_cell), (
                f"{name}, celda {check}: la comprobación necesita la etiqueta '{tag}' "
                "(remove-output: el sitio no muestra el ejercicio resuelto; nbval sigue comparando la salida)."
            )
        match = policy.CHECK_CELL_PATTERN.match(check_cell.source)
        assert match, (
            f"{name}, celda {check}: la comprobación contiene solo la importación y la llamada, p. ej.\n"
            "from nnlib.checks.perceptron import check_nand\ncheck_nand(globals())"
        )
        module = importlib.import_module(f"nnlib.checks.{match.group('module')}")
        assert callable(getattr(module, match.group("check"), None)), (
            f"{name}, celda {check}: nnlib.checks.{match.group('module')} no tiene {match.group('check')}."
        )
        text = "\n".join(output_text(o) for o in check_cell.outputs).strip()
        assert text, f"{name}, celda {check}: la comprobación no muestra nada (ejecute el cuaderno)."
        assert "✘" not in text and text.splitlines()[-1].startswith("¡Muy bien!"), (
            f"{name}, celda {check}: con la solución, la comprobación debería pasar:\n{text}"
        )
    for index, cell in enumerate(nb.cells):
        if policy.is_check_cell(cell):
            assert index in in_exercises, (
                f"{name}, celda {index}: una comprobación va justo después de la celda de su solución."
            )
        if "hide-input" in policy.tags(cell) and "solution" not in policy.tags(cell):
            assert cell.metadata.get("mystnb", {}).get("code_prompt_show"), (
                f"{name}, celda {index}: hide-input muestra el botón «Mostrar solución»; en una celda que "
                "no es una solución, ponga otro texto en metadata.mystnb.code_prompt_show."
            )
    if re.search(r"^## Ejercicios\s*$", "\n".join(c.source for c in nb.cells if c.cell_type == "markdown"), re.M):
        assert len(exercises) >= 3, f"{name}: la sección de ejercicios tiene {len(exercises)}; el mínimo es tres."


@pytest.mark.parametrize("path", chapter_params())
def test_notebook_is_normalized(path):
    nb = policy.read(path)
    normalized = policy.normalize(copy.deepcopy(nb))
    assert normalized == nb, (
        f"{path.relative_to(ROOT)} no está normalizado (metadatos, identificadores de celda o estado de widgets). "
        + TOOL_HINT.format(name=path.relative_to(ROOT))
    )


# --- las herramientas, sobre un cuaderno pequeño ---------------------------------

def test_strip_solutions_keeps_code_outside_markers():
    source = "def f(x):\n    ### BEGIN SOLUTION\n    y = x + 1\n    return y\n    ### END SOLUTION\n\nz = 1"
    result = policy.strip_solutions(source)
    assert "y = x + 1" not in result and "return y" not in result
    assert result.splitlines()[:3] == ["def f(x):", "    # SU CÓDIGO AQUÍ", "    " + policy.PLACEHOLDER_RAISE]
    assert result.endswith("\nz = 1")
    compile(result, "<celda>", "exec")


@pytest.mark.parametrize(
    "source",
    [
        "### BEGIN SOLUTION\nx = 1",
        "x = 1\n### END SOLUTION",
        "### BEGIN SOLUTION\n### BEGIN SOLUTION\nx\n### END SOLUTION",
        "x = 1  ### BEGIN SOLUTION\ny\n### END SOLUTION",
        "### BEGIN SOLUTION\n### END SOLUTION",
    ],
)
def test_malformed_markers_are_rejected(source):
    with pytest.raises(ValueError):
        policy.solution_blocks(source)


def test_set_repository_rewrites_config_and_setup_cells(tmp_path):
    (tmp_path / "chapters").mkdir()
    config = (ROOT / "_config.yml").read_text(encoding="utf-8")
    (tmp_path / "_config.yml").write_text(config, encoding="utf-8")
    old_url, _ = policy.repository()
    (tmp_path / "chapters" / "intro.md").write_text(f"git clone {old_url}.git\n", encoding="utf-8")
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# T"), nbformat.v4.new_code_cell(policy.setup_cell_source())]
    policy.write(nb, tmp_path / "chapters" / "00_prueba.ipynb")

    set_repository.set_repository("https://github.com/otra-cuenta/mi-curso.git", "curso-2026", root=tmp_path)

    new_config = yaml.safe_load((tmp_path / "_config.yml").read_text(encoding="utf-8"))
    assert new_config["repository"]["url"] == "https://github.com/otra-cuenta/mi-curso"
    assert new_config["repository"]["branch"] == "curso-2026"
    assert new_config["launch_buttons"] == yaml.safe_load(config)["launch_buttons"]
    cell = policy.first_code_cell(policy.read(tmp_path / "chapters" / "00_prueba.ipynb"))
    assert "git+https://github.com/otra-cuenta/mi-curso.git@curso-2026" in cell.source
    assert cell.source == policy.setup_cell_source(new_config)
    assert "otra-cuenta/mi-curso.git" in (tmp_path / "chapters" / "intro.md").read_text(encoding="utf-8")
    with pytest.raises(SystemExit):
        set_repository.set_repository("no es una dirección", root=tmp_path)


def test_sanitize_file_is_valid():
    import configparser

    parser = configparser.ConfigParser()
    parser.read(ROOT / "tests" / "nbval_sanitize.cfg", encoding="utf-8")
    assert parser.sections()
    for section in parser.sections():
        re.compile(parser[section]["regex"])
        assert "replace" in parser[section]


# --- el entorno de los cuadernos en Binder --------------------------------------------

def _pins(path):
    pins = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if "==" in line and not line.startswith("-"):
            name, version = line.split("==", 1)
            pins[name.strip().lower()] = version.strip()
    return pins


def test_binder_mirrors_the_learner_requirements():
    learner = _pins(ROOT / "requirements.txt")
    binder = _pins(ROOT / "binder" / "requirements.txt")
    assert learner, "requirements.txt no fija versiones."
    for name, version in learner.items():
        assert name in binder, f"binder/requirements.txt no incluye {name}."
        expected = f"{version}+cpu" if name == "torch" else version
        assert binder[name] == expected, (
            f"binder/requirements.txt fija {name}=={binder[name]}; requirements.txt, {version}."
        )
    text = (ROOT / "binder" / "requirements.txt").read_text(encoding="utf-8")
    assert "--extra-index-url https://download.pytorch.org/whl/cpu" in text
    post_build = (ROOT / "binder" / "postBuild").read_text(encoding="utf-8")
    assert "pip install" in post_build and " -e ." in post_build
