"""El material para docentes de cada capítulo (CONTRIBUTING §11), comprobado en cada uno.

- el recuadro «Para docentes» al principio (duración, requisitos, nivel y enlaces a su guía y a su banco);
- la «Autoevaluación» al final: cinco preguntas que se abren con un clic, sin núcleo;
- el banco de ejercicios ``chapters/banco/NN_tema.ipynb``: al menos cinco, con nivel, una demostración
  y un proyecto (su anatomía y sus comprobaciones las vigilan las pruebas de la norma de ejercicios);
- la guía del capítulo para docentes ``chapters/docentes/NN_tema.md``, con sus secciones en orden.
"""
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import notebook_policy as policy  # noqa: E402

CHAPTERS = policy.chapter_paths()
LEVELS = ("básico", "intermedio", "avanzado")
LEVEL_LINE = re.compile(r"^\*\*Nivel:\*\* (básico|intermedio|avanzado)(?: · \*\*(Demostración|Proyecto)\*\*)?$")
GUIDE_SECTIONS = (
    "## En clase",
    "## Respuestas",
    "## Preguntas para discutir",
    "## Ideas erróneas frecuentes",
    "## Ejercicios",
)


def chapter_params():
    return [pytest.param(path, id=path.stem) for path in CHAPTERS]


def markdown_cells(path):
    return [cell.source for cell in policy.read(path).cells if cell.cell_type == "markdown"]


def section(cells, heading):
    """Las celdas de la sección ``heading`` (de su encabezado al siguiente ``## ``)."""
    start = next((i for i, text in enumerate(cells) if text.startswith(heading + "\n") or text == heading), None)
    if start is None:
        return None, []
    body = [cells[start]]
    for text in cells[start + 1:]:
        if text.startswith("## ") or text.startswith("# "):
            break
        body.append(text)
    return start, body


@pytest.mark.parametrize("path", chapter_params())
def test_chapter_opens_with_the_box_for_instructors(path):
    cells = markdown_cells(path)
    assert len(cells) > 1 and cells[0].startswith("# "), f"{path.name}: la primera celda es el título."
    box = cells[1]
    assert box.startswith(":::{admonition} Para docentes\n"), (
        f"{path.name}: la celda que sigue al título debe ser el recuadro «Para docentes» "
        "(:::{admonition} Para docentes), como en CONTRIBUTING §11."
    )
    assert box.rstrip().endswith(":::"), f"{path.name}: el recuadro «Para docentes» no se cierra con :::."
    for field in ("Duración", "Requisitos", "Nivel"):
        assert f"- **{field}:** " in box, f"{path.name}: al recuadro «Para docentes» le falta «{field}»."
    level = re.search(r"- \*\*Nivel:\*\* (\S+?)\.", box)
    assert level and level.group(1) in LEVELS, (
        f"{path.name}: el nivel del recuadro debe ser uno de {', '.join(LEVELS)} (seguido de punto); "
        f"llegó {level.group(1) if level else 'nada'}."
    )
    for link in (f"docentes/{path.stem}.md", f"banco/{path.name}"):
        assert f"]({link})" in box, f"{path.name}: el recuadro «Para docentes» debe enlazar {link}."
        assert (path.parent / link).exists(), f"{path.name}: el recuadro enlaza {link}, que no existe."


@pytest.mark.parametrize("path", chapter_params())
def test_chapter_ends_with_five_self_assessment_questions(path):
    cells = markdown_cells(path)
    where, body = section(cells, "## Autoevaluación")
    assert where is not None, f"{path.name}: falta la sección «## Autoevaluación»."
    summary_at, _ = section(cells, "## Resumen")
    more_at, _ = section(cells, "## Para saber más")
    assert summary_at is not None and more_at is not None and summary_at < where < more_at, (
        f"{path.name}: la «Autoevaluación» va después de «Resumen» y antes de «Para saber más»."
    )
    text = "\n".join(body)
    questions = re.findall(r"^<details>\n<summary>(.*?)</summary>\n\n(.*?)\n\n</details>$", text, re.M | re.S)
    assert len(questions) == 5 and text.count("<details>") == 5, (
        f"{path.name}: la autoevaluación tiene {text.count('<details>')} preguntas con <details>; "
        "deben ser cinco, cada una con su <summary>, una línea en blanco y la respuesta."
    )
    for number, (question, answer) in enumerate(questions, start=1):
        assert question.startswith(f"{number}. ¿") or question.startswith(f"{number}. "), (
            f"{path.name}: la pregunta {number} de la autoevaluación debe empezar por «{number}. »."
        )
        assert "$" not in question, (
            f"{path.name}: la pregunta {number} lleva una fórmula en <summary>, que el sitio no dibuja: "
            "escríbala en palabras o con Unicode."
        )
        assert len(answer.split()) >= 12, f"{path.name}: la respuesta {number} es demasiado corta para enseñar."


@pytest.mark.parametrize("path", chapter_params())
def test_chapter_has_a_bank_of_at_least_five_exercises(path):
    bank = policy.BANK_DIR / path.name
    assert bank.exists(), f"{path.name} no tiene banco de ejercicios (chapters/banco/{path.name})."
    cells = markdown_cells(bank)
    assert cells[0].startswith("# Ejercicios: "), f"banco/{path.name}: el título es «# Ejercicios: <capítulo>»."
    assert f"](../{path.name})" in cells[0], f"banco/{path.name}: la primera celda enlaza su capítulo."
    levels, kinds = [], []
    for text in cells:
        lines = text.splitlines()
        if not lines or not policy.EXERCISE_HEADING.match(lines[0]):
            continue
        match = LEVEL_LINE.match(lines[1]) if len(lines) > 1 else None
        assert match, (
            f"banco/{path.name}, «{lines[0]}»: la línea siguiente debe ser «**Nivel:** básico», "
            "«**Nivel:** intermedio» o «**Nivel:** avanzado», con « · **Demostración**» o « · **Proyecto**» si lo es."
        )
        levels.append(match.group(1))
        kinds.append(match.group(2))
    assert len(levels) >= 5, f"banco/{path.name}: tiene {len(levels)} ejercicios; el mínimo es cinco."
    for level in LEVELS:
        assert level in levels, f"banco/{path.name}: no hay ningún ejercicio de nivel {level}."
    for kind in ("Demostración", "Proyecto"):
        assert kind in kinds, f"banco/{path.name}: falta un ejercicio marcado «{kind}»."


@pytest.mark.parametrize("path", chapter_params())
def test_chapter_has_a_guide_for_instructors(path):
    guide = path.parent / "docentes" / f"{path.stem}.md"
    assert guide.exists(), f"{path.name} no tiene guía para docentes (chapters/docentes/{path.stem}.md)."
    text = guide.read_text(encoding="utf-8")
    number = int(path.stem[:2])
    assert text.startswith(f"# Capítulo {number}. ") and text.splitlines()[0].endswith(": guía para docentes"), (
        f"docentes/{guide.name}: el título es «# Capítulo {number}. <Título>: guía para docentes»."
    )
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert [h for h in headings if h in GUIDE_SECTIONS] == list(GUIDE_SECTIONS), (
        f"docentes/{guide.name}: sus secciones deben ser, en este orden: {', '.join(GUIDE_SECTIONS)}; "
        f"tiene {', '.join(headings) or 'ninguna'}."
    )
    for heading in GUIDE_SECTIONS:
        start = text.index(heading + "\n")
        following = text.find("\n## ", start + 1)
        body = text[start + len(heading): following if following != -1 else None]
        assert len(body.split()) >= 40, f"docentes/{guide.name}: la sección «{heading}» está casi vacía."


# --- la guía para docentes, atada a los recuadros -------------------------------------------

GUIDE = ROOT / "chapters" / "guia_docentes.md"
NUMBERS = {"1": 1, "2": 2, "3": 3, "4": 4, "una": 1, "un": 1, "dos": 2, "tres": 3, "cuatro": 4}


def box_of(path):
    return markdown_cells(path)[1]


def plan_sessions(text):
    """{capítulo: (sesiones vistas, total)} según las filas del plan de 12 semanas de la guía."""
    plan = text.split("## Plan de 12 semanas", 1)[1].split("\n## ", 1)[0]
    seen = {}
    pattern = re.compile(r"[Cc]apítulo (\d+)\]?(?:\([^)]*\))? \(((?:\d+)(?:(?:, | y )\d+)*) de (\d+)\)")
    for chapter, numbers, total in pattern.findall(plan):
        done, _ = seen.get(int(chapter), (set(), 0))
        seen[int(chapter)] = (done | {int(n) for n in re.findall(r"\d+", numbers)}, int(total))
    return seen


@pytest.mark.parametrize("path", chapter_params())
def test_guide_plan_and_levels_follow_the_box(path):
    """El plan de 12 semanas da a cada capítulo las sesiones de su recuadro, y la tabla final su nivel."""
    text = GUIDE.read_text(encoding="utf-8")
    box = box_of(path)
    number = int(path.stem[:2])
    sessions = re.search(r"- \*\*Duración:\*\* (\S+) sesi(?:ón|ones) de 90 minutos", box)
    assert sessions, f"{path.name}: la duración del recuadro debe empezar por «N sesiones de 90 minutos»."
    expected = NUMBERS[sessions.group(1)]
    done, total = plan_sessions(text).get(number, (set(), 0))
    assert total == expected and done == set(range(1, expected + 1)), (
        f"guia_docentes.md: el plan de 12 semanas reparte el capítulo {number} en {sorted(done)} de {total} "
        f"sesiones; su recuadro dice {expected}. Ajuste el plan o el recuadro."
    )
    level = re.search(r"- \*\*Nivel:\*\* (\S+?)\.", box).group(1)
    row = re.search(rf"^\| {number}\. [^|]+\| (\S+) \|", text, re.M)
    assert row and row.group(1) == level, (
        f"guia_docentes.md: la tabla de guías da al capítulo {number} el nivel "
        f"{row.group(1) if row else 'ninguno'}; su recuadro dice {level}."
    )
