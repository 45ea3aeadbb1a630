"""Una palabra por idea (CONTRIBUTING.md, «Palabras»): las variantes prohibidas no aparecen.

Se revisa el texto que lee quien aprende: las celdas de texto y los comentarios de código de
cada cuaderno de ``chapters/``, las páginas ``chapters/*.md`` y las cadenas (mensajes y
documentación) de ``nnlib/checks/``. El código, las fórmulas (``$...$``) y los enlaces no se
revisan.

Para permitir a propósito una variante (por ejemplo, citar «puerta» para explicar por qué el
curso dice «compuerta»), escriba en la misma celda de texto el comentario HTML
``<!-- palabras: permitir compuerta -->`` (no se ve en el sitio ni en Jupyter); en una línea de
Python, el comentario ``# palabras: permitir compuerta``; en una página ``.md``, el comentario
HTML en la misma línea. El nombre es el de la regla que aparece en el mensaje de la prueba.
"""
from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

#: (regla, expresión, qué usar en su lugar). Las expresiones distinguen los usos legítimos:
#: «la figura muestra» (verbo) no es «las muestras» (sustantivo).
RULES = [
    ("compuerta", r"\bpuertas?\b", "«compuerta» (logic gate), no «puerta»"),
    ("ejemplo", r"\bmuestras\b|\b(?:una|unas|cada|esta|estas|esa|esas|otra|otras|nueva|nuevas|primera|"
                r"última|la|de|por|sola|misma)\s+muestra\b(?!\s+(?:que|cómo|el|la|los|las|lo|un|una|su|sus)\b)",
     "«ejemplo» (example), no «muestra»"),
    ("producto-escalar", r"\bproductos?\s+(?:punto|interno|interior)\b", "«producto escalar», no «producto punto»"),
    ("usted", r"\b(?:tú|tu|tus|te|ti|contigo|puedes|tienes|quieres|necesitas|debes|sabes|haces|usas|ejecutas|"
              r"cambias|intentas|verás|podrás|tendrás|deberás|harás|obtendrás|fíjate|asegúrate|acuérdate|"
              r"imagínate|inténtalo|pruébalo|ejecútala|ejecútalo|cámbialo|compruébalo|hazlo|escríbela|"
              r"escríbelo|\w+áis|\w+éis)\b",
     "el curso trata de *usted* a quien lee («puede», «su código», «ejecútela»)"),
    ("punto-decimal", r"(?<![\d.,])\d+,\d+(?![\d,])", "el punto decimal (0.5), no la coma (0,5)"),
    ("tasa-de-aprendizaje", r"\b(?:razón|ritmo|velocidad|factor)\s+de\s+aprendizaje\b",
     "«tasa de aprendizaje» (learning rate)"),
    ("cuaderno", r"\blibretas?\b", "«cuaderno» (notebook), no «libreta»"),
    ("funcion-de-perdida", r"\bfunci[oó]n(?:es)?\s+de\s+cost[eo]s?\b", "«función de pérdida» (loss function)"),
    ("capa-oculta", r"\bcapas?\s+escondidas?\b", "«capa oculta» (hidden layer)"),
    ("termino-ingles", r"\b(?:batch|batches|epoch|epochs|sample|samples|notebook|notebooks|dataset|datasets|"
                       r"learning rate|dot product|gate|gates|bias|weights)\b",
     "la palabra en español; el término inglés solo entre paréntesis y en cursiva la primera vez: "
     "*época* (*epoch*)"),
]
_COMPILED = [(name, re.compile(pattern, 0 if name == "termino-ingles" else re.IGNORECASE), advice)
             for name, pattern, advice in RULES]

ALLOW = re.compile(r"palabras:\s*permitir\s+([\w\s,-]+?)\s*(?:-->|$)", re.MULTILINE)

_STRIP = [
    re.compile(r"```.*?```", re.DOTALL),          # bloques de código
    re.compile(r"\$\$.*?\$\$", re.DOTALL),        # fórmulas en bloque
    re.compile(r"\$[^$\n]+\$"),                   # fórmulas en línea
    re.compile(r"`[^`\n]*`"),                     # código en línea
    re.compile(r"<!--.*?-->", re.DOTALL),         # comentarios HTML
    re.compile(r"\]\([^)]*\)"),                   # destinos de enlaces
    re.compile(r"https?://\S+"),                  # direcciones
    re.compile(r"\(\s*\*[^*\n]+\*\s*\)"),         # (*término inglés*) la primera vez
    re.compile(r"\{[a-z-]+\}`[^`]*`"),            # roles de MyST: {ref}`...`
    re.compile(r"^\s*:[\w-]+:.*$", re.MULTILINE),  # opciones de directivas de MyST
]


def prose(text):
    """El texto sin código, fórmulas, enlaces ni términos ingleses bien presentados."""
    for pattern in _STRIP:
        text = pattern.sub(" ", text)
    return text


def _is_pair(text, match):
    """``(0,1)`` o ``[1,2]``: un par de coordenadas, no un número con coma decimal."""
    before = text[match.start() - 1] if match.start() else ""
    after = text[match.end()] if match.end() < len(text) else ""
    return before in "([" and before != "" and after in ")]" and after != ""


def allowed_rules(text):
    rules = set()
    for match in ALLOW.finditer(text):
        rules |= {r.strip() for r in re.split(r"[\s,]+", match.group(1)) if r.strip()}
    return rules


def problems(text, where, allowed=frozenset()):
    """Una línea por cada variante prohibida en ``text``."""
    found = []
    allowed = set(allowed) | allowed_rules(text)
    clean = prose(text)
    for name, pattern, advice in _COMPILED:
        if name in allowed:
            continue
        for match in pattern.finditer(clean):
            if name == "punto-decimal" and _is_pair(clean, match):
                continue
            start = max(match.start() - 30, 0)
            context = " ".join(clean[start: match.end() + 30].split())
            found.append(f"{where}: «{match.group(0)}» [{name}] — use {advice}. Contexto: …{context}…")
    return found


# --- las fuentes ------------------------------------------------------------------

def _notebook_texts(path):
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    for index, cell in enumerate(cells):
        source = "".join(cell["source"])
        if cell["cell_type"] == "markdown":
            yield f"{path.name}, celda {index}", source, frozenset()
        elif cell["cell_type"] == "code":
            comments = [line.strip()[1:] for line in source.splitlines()
                        if line.strip().startswith("#") and not line.strip().startswith("#!")]
            for line in comments:
                yield f"{path.name}, celda {index} (comentario)", line, frozenset()


def _markdown_texts(path):
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        yield f"{path.name}, línea {number}", line, frozenset()


def _python_texts(path):
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            span = lines[node.lineno - 1: (node.end_lineno or node.lineno)]
            allowed = frozenset(allowed_rules("\n".join(span)))
            yield f"{path.relative_to(ROOT)}, línea {node.lineno}", node.value, allowed


def sources():
    paths = sorted((ROOT / "chapters").rglob("*.ipynb")) + sorted((ROOT / "chapters").rglob("*.md"))
    paths = [p for p in paths if ".ipynb_checkpoints" not in p.parts]
    paths += sorted((ROOT / "nnlib" / "checks").glob("*.py"))
    return paths


def texts_of(path):
    if path.suffix == ".ipynb":
        return _notebook_texts(path)
    if path.suffix == ".md":
        return _markdown_texts(path)
    return _python_texts(path)


@pytest.mark.parametrize("path", sources(), ids=lambda p: str(p.relative_to(ROOT)))
def test_one_word_per_idea(path):
    found = []
    for where, text, allowed in texts_of(path):
        found += problems(text, where, allowed)
    assert not found, "Variantes que el curso no usa (CONTRIBUTING.md, «Palabras»):\n" + "\n".join(found)


# --- las reglas, sobre frases de prueba -----------------------------------------------

@pytest.mark.parametrize("text, rule", [
    ("La puerta lógica XOR", "compuerta"),
    ("las puertas AND y OR", "compuerta"),
    ("cada muestra del conjunto", "ejemplo"),
    ("con 100 muestras de entrenamiento", "ejemplo"),
    ("una muestra mal clasificada", "ejemplo"),
    ("el producto punto de w y x", "producto-escalar"),
    ("Ahora puedes ejecutar la celda", "usted"),
    ("Escribe tu código aquí", "usted"),
    ("Inténtalo antes de mirar la solución", "usted"),
    ("la tasa vale 0,5 en este caso", "punto-decimal"),
    ("el punto decimal (0.5, no 0,5)", "punto-decimal"),
    ("con una razón de aprendizaje pequeña", "tasa-de-aprendizaje"),
    ("abra la libreta en Colab", "cuaderno"),
    ("minimiza la función de costo", "funcion-de-perdida"),
    ("entrenamos con un batch de 32", "termino-ingles"),
    ("Podéis probarlo", "usted"),
])
def test_rules_flag_banned_variants(text, rule):
    assert any(f"[{rule}]" in p for p in problems(text, "prueba")), f"«{text}» debería marcar la regla {rule}"


@pytest.mark.parametrize("text", [
    "La figura muestra la frontera de decisión.",
    "La tabla muestra que el perceptrón converge.",
    "Se muestra el resultado con 4 decimales.",
    "El muestreo al azar de los lotes.",
    "La compuerta XOR no es linealmente separable.",
    "el producto escalar $w \\cdot x$",
    "Usted puede ejecutar la celda; su código queda guardado.",
    "el punto $(0,1)$ y el punto (1,0) del cuadrado",
    "la tasa vale 0.5 y el resultado `f(0,5)`",
    "el lote (*batch*) de 32 ejemplos",
    "El método `model.fit(X, y, batch_size=32)`",
    "La época (*epoch*) completa",
    "Vea [el cuaderno](https://colab.research.google.com/notebook)",
    "las coordenadas [1,2] en una lista",
    "Con la muestra <!-- palabras: permitir ejemplo --> de la encuesta",
    "Jupyter Notebook y el sesgo (*bias*)",
    "vectores de 3, 4 y 5 elementos",
])
def test_rules_leave_legitimate_text_alone(text):
    assert problems(text, "prueba") == []
