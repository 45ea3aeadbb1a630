"""La norma de los ejercicios (CONTRIBUTING.md, sección 4), comprobada en cada ``check_*``.

Para cada función ``check_<ejercicio>`` de cada módulo de ``nnlib/checks/``:

* tiene una solución de referencia en ``tests/solutions/<tema>.py``;
* con la solución, pasa, imprime ``✔`` y «¡Muy bien!», y lo que imprime es idéntico
  con semillas distintas (nbval lo compara);
* ninguna línea ``✔`` repite una respuesta de valor (un número con sus decimales, un texto);
* cada nombre que lee, si falta, recibe un aviso en español;
* cada función que lee resiste las respuestas equivocadas de siempre: lanza
  NotImplementedError, nunca termina, modifica un argumento, le falta un parámetro,
  devuelve None o NaN, es una tabla de respuestas de los casos fijos, lanza ValueError;
* cada valor que lee resiste None, NaN, un texto, una lista de textos, «sí»/«no» y 1/0
  en lugar de True/False, y el valor redondeado a mano.

Cada respuesta equivocada debe dar ``False`` y una línea ``✘`` con «Pista:», sin traza de
error, sin nombres de tipos de Python y sin el texto en inglés de una excepción.
"""
from __future__ import annotations

import contextlib
import copy
import importlib
import inspect
import io
import math
import re
from collections.abc import Mapping

import numpy as np
import pytest

from nnlib.checks import fixed_seed, time_limit_cap
from solutions import check_modules, load

#: Límite de tiempo de la variante que nunca termina (para que la prueba sea rápida).
NEVER_RETURNS_LIMIT = 0.1


def _discover():
    found = []
    for topic in check_modules():
        module = importlib.import_module(f"nnlib.checks.{topic}")
        solutions, context = load(topic)
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if name.startswith("check_") and function.__module__ == module.__name__:
                found.append((topic, name, function, solutions.get(name), context.get(name, {})))
    return found


CHECKS = _discover()


def _id(entry):
    return f"{entry[0]}.{entry[1]}"


def run_check(check, namespace):
    """``(resultado, salida)``; falla la prueba si la comprobación lanza o escribe en stderr."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            result = check(dict(namespace))
        except BaseException as exc:  # noqa: BLE001 - una comprobación nunca debe lanzar
            pytest.fail(f"{check.__name__} lanzó {type(exc).__name__}: {exc}\nSalida:\n{out.getvalue()}")
    assert not err.getvalue(), f"{check.__name__} escribió en stderr:\n{err.getvalue()}"
    return result, out.getvalue()


# --- lo que una salida no puede contener ------------------------------------------

_CODE = re.compile(r"`[^`]*`")
_TYPE_NAMES = re.compile(
    r"NoneType|<class|\bndarray\b|\bnp\.(?:float|int|bool|str)\w*\(|"
    r"\b(?:list|dict|str|tuple|int|float|bool|set|function)\b(?!\()"
)
_ENGLISH = re.compile(
    r"(?<![.\w])(?:the|is|are|was|object|argument|arguments|expected|got|must|cannot|can't|invalid|could|"
    r"takes|given|attribute|unsupported|operand|division|defined|not|shapes|aligned|index|subscriptable|"
    r"iterable|callable|positional|required|missing|unexpected|keyword|boom)\b",
    re.IGNORECASE,
)


def assert_helpful_failure(result, out, what):
    assert bool(result) is False, f"{what}: la comprobación lo dio por bueno.\n{out}"
    assert "✘" in out, f"{what}: no hay una línea ✘.\n{out}"
    assert "Pista:" in out, f"{what}: el fallo no trae una pista.\n{out}"
    assert "¡Muy bien!" not in out, f"{what}: dice «¡Muy bien!» con una respuesta equivocada.\n{out}"
    assert "Traceback" not in out and 'File "' not in out, f"{what}: muestra una traza de error.\n{out}"
    prose = _CODE.sub("", out)
    match = _TYPE_NAMES.search(prose)
    assert match is None, f"{what}: muestra un nombre de tipo de Python ({match.group(0)!r}).\n{out}"
    match = _ENGLISH.search(prose)
    assert match is None, f"{what}: muestra texto en inglés ({match.group(0)!r}).\n{out}"


# --- la solución de referencia --------------------------------------------------

@pytest.mark.parametrize("entry", CHECKS, ids=_id)
def test_every_check_has_a_reference_solution(entry):
    topic, name, _, solution, _ = entry
    assert solution, (
        f"{name} (nnlib/checks/{topic}.py) no tiene solución de referencia: añada "
        f'"{name}": {{...}} a SOLUTIONS en tests/solutions/{topic}.py (véase tests/solutions/__init__.py).'
    )


def _with_solution(entry):
    topic, name, check, solution, context = entry
    if not solution:
        pytest.skip(f"{name} no tiene solución de referencia (lo señala otra prueba).")
    return check, {**context, **solution}, solution


@pytest.mark.parametrize("entry", CHECKS, ids=_id)
def test_reference_passes_with_the_same_output_every_time(entry):
    check, namespace, _ = _with_solution(entry)
    outputs = []
    for seed in (1, 2, None, None):
        with fixed_seed(seed) if seed is not None else contextlib.nullcontext():
            result, out = run_check(check, copy.deepcopy(namespace))
        assert bool(result) is True, f"La solución de referencia no pasa {entry[1]}:\n{out}"
        assert "✔" in out and "¡Muy bien!" in out and "✘" not in out, out
        prose = _CODE.sub("", out)
        for pattern, what in ((_TYPE_NAMES, "un nombre de tipo de Python"), (_ENGLISH, "texto en inglés")):
            match = pattern.search(prose)
            assert match is None, f"{entry[1]} muestra {what} ({match.group(0)!r}):\n{out}"
        outputs.append(out)
    assert all(o == outputs[0] for o in outputs), (
        f"{entry[1]} no imprime lo mismo en cada ejecución (¿un caso al azar en una línea ✔?):\n"
        + "\n---\n".join(outputs)
    )


def _answer_tokens(value):
    """Cómo se vería la respuesta ``value`` escrita en un mensaje."""
    tokens = set()
    if isinstance(value, (bool, np.bool_)) or value is None or callable(value):
        return tokens
    if isinstance(value, str):
        if len(value.strip()) >= 3:
            tokens.add(re.escape(value.strip()))
        return tokens
    if isinstance(value, Mapping):
        for v in value.values():
            tokens |= _answer_tokens(v)
        return tokens
    try:
        numbers = np.asarray(value, dtype=float).ravel()
    except (TypeError, ValueError):
        if isinstance(value, (list, tuple)):
            for v in value:
                tokens |= _answer_tokens(v)
        return tokens
    for x in numbers:
        if not math.isfinite(x):
            continue
        x = abs(float(x))
        if x == int(x):
            if x >= 10:
                tokens.add(rf"(?<![\d.]){int(x)}(?![\d]|\.\d)")
            continue
        for text in {f"{x:.4f}", f"{x:.3f}", f"{x:.2f}", f"{x:g}", repr(x)}:
            if float(text) != 0.0:
                tokens.add(rf"(?<![\d.]){re.escape(text)}(?!\d)")
    return tokens


@pytest.mark.parametrize("entry", CHECKS, ids=_id)
def test_ok_lines_do_not_echo_value_answers(entry):
    check, namespace, solution = _with_solution(entry)
    with fixed_seed(1):
        _, out = run_check(check, namespace)
    ok_lines = [line for line in out.splitlines() if line.startswith("✔")]
    for name, value in solution.items():
        for token in _answer_tokens(value):
            for line in ok_lines:
                assert not re.search(token, line, re.IGNORECASE), (
                    f"{entry[1]}: la línea ✔ repite la respuesta `{name}`: {line!r}. "
                    "Diga qué se comprobó, sin el valor."
                )


# --- nombres que faltan -----------------------------------------------------------

def _names(kind):
    params = []
    for entry in CHECKS:
        topic, name, check, solution, context = entry
        for key, value in (solution or {}).items():
            is_function = callable(value) and not isinstance(value, type)
            if kind == "any" or (kind == "function") == is_function:
                params.append(pytest.param(entry, key, id=f"{topic}.{name}.{key}"))
    return params


@pytest.mark.parametrize("entry, key", _names("any"))
def test_missing_name_gets_a_spanish_notice(entry, key):
    check, namespace, _ = _with_solution(entry)
    del namespace[key]
    result, out = run_check(check, namespace)
    assert_helpful_failure(result, out, f"sin `{key}`")
    assert f"`{key}`" in out, f"El aviso no nombra `{key}`:\n{out}"


# --- funciones equivocadas ---------------------------------------------------------

def _like(reference, body):
    """Una función con la firma y el nombre de ``reference`` que hace ``body``."""
    def wrong(*args, **kwargs):
        return body(*args, **kwargs)

    wrong.__name__ = wrong.__qualname__ = reference.__name__
    wrong.__signature__ = inspect.signature(reference)
    return wrong


def _mutate(value):
    """Modifica ``value`` en su sitio, como ``w += ...``; ``True`` si pudo."""
    if isinstance(value, np.ndarray) and value.size and value.flags.writeable:
        if value.dtype.kind == "b":
            np.logical_not(value, out=value)
        elif value.dtype.kind in "iuf":
            value += 1
        else:
            return False
        return True
    if isinstance(value, list):
        value.append(value[-1] if value else 0)
        return True
    if isinstance(value, dict):
        value["__extra__"] = 0
        return True
    return False


def _nan_like(value):
    if isinstance(value, tuple):
        return tuple(_nan_like(v) for v in value)
    if isinstance(value, list):
        return [_nan_like(v) for v in value]
    if isinstance(value, np.ndarray) and value.dtype.kind in "iufb":
        return np.full(value.shape, np.nan)
    return float("nan")


def _key(args, kwargs):
    def one(v):
        if isinstance(v, np.ndarray):
            return ("arreglo", v.shape, v.dtype.str, v.tobytes())
        if isinstance(v, (list, tuple)):
            return (type(v).__name__, tuple(one(x) for x in v))
        if isinstance(v, Mapping):
            return ("dic", tuple(sorted((repr(k), one(x)) for k, x in v.items())))
        return repr(v)
    return (tuple(one(a) for a in args), tuple(sorted((k, one(v)) for k, v in kwargs.items())))


def _lookup_table(check, namespace, key, reference):
    """Una «tabla de respuestas»: acierta en los casos que vio con una semilla y repite la primera en los demás."""
    table, first = {}, []

    def recording(*args, **kwargs):
        result = reference(*copy.deepcopy(args), **copy.deepcopy(kwargs))
        table[_key(args, kwargs)] = copy.deepcopy(result)
        if not first:
            first.append(copy.deepcopy(result))
        return result

    with fixed_seed(1):
        run_check(check, {**namespace, key: _like(reference, recording)})

    def answer(*args, **kwargs):
        found = table.get(_key(args, kwargs), MISSING_ANSWER)
        if found is MISSING_ANSWER:
            return copy.deepcopy(first[0]) if first else None
        return copy.deepcopy(found)

    return _like(reference, answer)


MISSING_ANSWER = object()


def _never_returns(*args, **kwargs):
    while True:
        pass


def _raises_not_implemented(*args, **kwargs):
    raise NotImplementedError("Ejercicio sin resolver: escriba su código en lugar de esta línea.")


def _raises_value_error(*args, **kwargs):
    raise ValueError("operands could not be broadcast together with shapes (3,) (2,)")


FUNCTION_VARIANTS = ["no_escrita", "nunca_termina", "modifica_argumento", "falta_un_parametro",
                     "devuelve_none", "devuelve_nan", "tabla_de_respuestas", "lanza_valueerror"]


@pytest.mark.parametrize("variant", FUNCTION_VARIANTS)
@pytest.mark.parametrize("entry, key", _names("function"))
def test_wrong_functions_get_spanish_hints(entry, key, variant):
    check, namespace, _ = _with_solution(entry)
    reference = namespace[key]
    expect_in_output = None
    limit = contextlib.nullcontext()
    if variant == "no_escrita":
        wrong = _like(reference, _raises_not_implemented)
    elif variant == "nunca_termina":
        wrong = _like(reference, _never_returns)
        limit = time_limit_cap(NEVER_RETURNS_LIMIT)
        expect_in_output = "no terminó"
    elif variant == "modifica_argumento":
        mutated = []

        def mutating(*args, **kwargs):
            result = reference(*copy.deepcopy(args), **copy.deepcopy(kwargs))
            for arg in list(args) + list(kwargs.values()):
                if _mutate(arg):
                    mutated.append(True)
                    break
            return result

        wrong = _like(reference, mutating)
        expect_in_output = "modificó su argumento"
    elif variant == "falta_un_parametro":
        parameters = list(inspect.signature(reference).parameters.values())
        if not parameters:
            pytest.skip("la función no tiene parámetros")
        dropped = parameters[-1].name

        def fewer(*args, **kwargs):
            if len(args) + len(kwargs) >= len(parameters):
                raise TypeError(f"{reference.__name__}() takes {len(parameters) - 1} positional arguments "
                                f"but {len(parameters)} were given")
            return reference(*args, **kwargs)

        wrong = _like(reference, fewer)
        wrong.__signature__ = inspect.signature(reference).replace(parameters=parameters[:-1])
        expect_in_output = f"`{dropped}`"
    elif variant == "devuelve_none":
        wrong = _like(reference, lambda *a, **k: None)
    elif variant == "devuelve_nan":
        wrong = _like(reference, lambda *a, **k: _nan_like(reference(*a, **k)))
    elif variant == "tabla_de_respuestas":
        wrong = _lookup_table(check, namespace, key, reference)
    else:
        wrong = _like(reference, _raises_value_error)
    with limit, fixed_seed(2):
        result, out = run_check(check, {**namespace, key: wrong})
    if variant == "modifica_argumento" and not mutated and bool(result):
        pytest.skip("la comprobación no pasa argumentos modificables (arreglos, listas, diccionarios)")
    assert_helpful_failure(result, out, f"`{key}` que {variant.replace('_', ' ')}")
    if expect_in_output:
        assert expect_in_output in out, f"`{key}` que {variant}: falta «{expect_in_output}» en:\n{out}"


# --- valores equivocados ------------------------------------------------------------

def _value_variants(reference):
    variants = [("none", None), ("nan", float("nan")), ("texto", "no lo sé"), ("lista_de_textos", ["a", "b"])]
    if isinstance(reference, (bool, np.bool_)):
        variants += [("si_no", "sí" if reference else "no"), ("uno_cero", int(bool(reference)))]
    if isinstance(reference, Mapping):
        bool_keys = [k for k, v in reference.items() if isinstance(v, (bool, np.bool_))]
        if bool_keys:
            k = bool_keys[0]
            variants += [("si_no_en_el_diccionario", {**reference, k: "sí" if reference[k] else "no"}),
                         ("uno_cero_en_el_diccionario", {**reference, k: int(bool(reference[k]))})]
    rounded = _rounded(reference)
    if rounded is not None:
        variants.append(("redondeado_a_mano", rounded))
    return variants


def _rounded(reference):
    if isinstance(reference, (bool, np.bool_, str, Mapping)) or reference is None or callable(reference):
        return None
    try:
        values = np.asarray(reference, dtype=float)
    except (TypeError, ValueError):
        return None
    if values.dtype.kind != "f" or not np.isfinite(values).all():
        return None
    rounded = np.round(values, 2)
    if np.allclose(rounded, values, atol=1e-4, rtol=0.0):
        return None
    return float(rounded) if values.ndim == 0 else rounded


def _value_params():
    params = []
    for param in _names("value"):
        entry, key = param.values
        for variant, value in _value_variants(entry[3][key]):
            params.append(pytest.param(entry, key, variant, value, id=f"{param.id}-{variant}"))
    return params


@pytest.mark.parametrize("entry, key, variant, value", _value_params())
def test_wrong_values_get_spanish_hints(entry, key, variant, value):
    check, namespace, _ = _with_solution(entry)
    with fixed_seed(2):
        result, out = run_check(check, {**namespace, key: value})
    assert_helpful_failure(result, out, f"`{key}` = {value!r}")
    if variant == "redondeado_a_mano":
        assert "redonde" in out, f"`{key}` redondeado a mano no recibe la pista «redondeó»:\n{out}"
