"""Pruebas del marco común de las comprobaciones de ejercicios (nnlib.checks).

Las de cada capítulo (cada error habitual recibe su pista) están en
``tests/test_checks_<tema>.py``; la norma que cumple toda comprobación, en
``tests/test_exercise_standard.py``.
"""
import linecache
import signal
import threading
import time

import numpy as np
import pytest

from nnlib import checks
from nnlib.checks import (CONSTANT_HINT, MISSING, ROUNDED_HINT, Feedback, Result, describe, diagnose, fixed_seed,
                          fmt, is_close, rounded_by_hand, same, time_limit_cap)
from nnlib.checks import _limits


def lines(capsys):
    return capsys.readouterr().out.splitlines()


# --- líneas de resultado y Result ---------------------------------------------------

def test_feedback_lines_and_result(capsys):
    fb = Feedback("prueba")
    assert fb.ok("bien") is True
    assert bool(fb.done()) is True
    assert lines(capsys) == ["✔ bien", "¡Muy bien! El ejercicio «prueba» está resuelto."]

    fb = Feedback("prueba")
    fb.ok("bien")
    assert fb.fail("mal", hint="pruebe otra cosa.") is False
    assert bool(fb.done()) is False
    out = "\n".join(lines(capsys))
    assert "✘ mal Pista: pruebe otra cosa." in out
    assert "Revise 1 punto del ejercicio «prueba»" in out


def test_done_without_any_line_is_not_a_pass(capsys):
    assert bool(Feedback("vacío").done()) is False
    assert "¡Muy bien!" not in capsys.readouterr().out


def test_tally(capsys):
    fb = Feedback("varias")
    result = fb.tally(["a", "b"], 3, [("«c» no es correcta.", "piense en c.")])
    assert bool(result) is False
    out = capsys.readouterr().out
    assert "✔ Correctas: a, b (2 de 3)." in out and "✘ «c» no es correcta. Pista: piense en c." in out


def test_result_is_a_bool_that_jupyter_does_not_display():
    from IPython.core.formatters import DisplayFormatter

    assert bool(Result(True)) is True and bool(Result(False)) is False
    assert Result(True) == True and Result(False) == False  # noqa: E712 - se compara como un bool
    assert DisplayFormatter().format(Result(True)) == ({}, {})
    assert DisplayFormatter().format(True) != ({}, {})


def test_namespace_must_be_a_mapping():
    with pytest.raises(TypeError, match=r"globals\(\)") as error:
        Feedback("prueba", 42)
    assert "int" not in str(error.value)
    with pytest.raises(TypeError, match=r"globals\(\)"):
        Feedback("prueba").require(42, "x")


# --- nombres y firmas --------------------------------------------------------------

def test_missing_name(capsys):
    fb = Feedback("prueba", {})
    assert fb.function("f", params=("x",)) is MISSING
    assert fb.value("v", kind="number") is MISSING
    out = capsys.readouterr().out
    assert "Todavía no existe `f`" in out and "Todavía no existe `v`" in out and "NotImplementedError" in out
    assert fb.failed == 2


def test_function_that_is_not_a_function(capsys):
    fb = Feedback("prueba", {"f": [1, 2]})
    assert fb.function("f", params=("x", "y")) is MISSING
    out = capsys.readouterr().out
    assert "`f` debería ser una función; es una lista de 2 números." in out
    assert "def f(x, y):" in out


@pytest.mark.parametrize("definition, message", [
    ("def f(w, b, x, y): pass", "A `f` le falta el parámetro `learning_rate`."),
    ("def f(w, b): pass", "A `f` le faltan los parámetros `x`, `y`, `learning_rate`."),
    ("def f(w, b, x, y, lr): pass", "`f` llama `lr` al parámetro que el enunciado llama `learning_rate`."),
    ("def f(b, w, x, y, learning_rate): pass", "Los parámetros de `f` están en otro orden"),
    ("def f(w, b, x, y, learning_rate, epochs): pass", "`f` pide además `epochs`"),
])
def test_signature_problems_are_explained(capsys, definition, message):
    namespace = {}
    exec(definition, namespace)
    fb = Feedback("prueba", namespace)
    assert fb.function("f", params=("w", "b", "x", "y", "learning_rate")) is MISSING
    out = capsys.readouterr().out
    assert message in out and "def f(w, b, x, y, learning_rate):" in out
    assert "TypeError" not in out


@pytest.mark.parametrize("definition", [
    "def f(w, b, x, y, learning_rate): pass",
    "def f(w, b, x, y, learning_rate=1.0, verbose=False): pass",
    "def f(*args): pass",
    "f = lambda w, b, x, y, learning_rate: None",
])
def test_acceptable_signatures(capsys, definition):
    namespace = {}
    exec(definition, namespace)
    fb = Feedback("prueba", namespace)
    assert fb.function("f", params=("w", "b", "x", "y", "learning_rate")) is namespace["f"]
    assert capsys.readouterr().out == ""


# --- clases de valor ---------------------------------------------------------------------

@pytest.mark.parametrize("value, kind, hint", [
    (None, "number", "asigne el valor: `v = ...`"),
    (float("nan"), "number", "NaN aparece"),
    (np.inf, "number", "infinito"),
    ("0.5", "number", "sin comillas"),
    ("0,5", "number", "punto decimal"),
    ([0.5], "number", "sin corchetes"),
    (True, "number", "True y False"),
    (np.array([1.0, 2.0]), "number", "un solo número"),
    (2.5, "int", "no puede tener decimales"),
    (1, "bool", "no 1 o 0"),
    (0.0, "bool", "no 1 o 0"),
    ("sí", "bool", "sin comillas"),
    ("False", "bool", "sin comillas"),
    (["a", "b"], "array", "números sin comillas"),
    ([[1, 2], [3]], "array", "mismo número de elementos"),
    ([1.0, None], "array", "None (nada)"),
    ({"a": 1}, "array", "no un diccionario"),
    ([1, 2], "dict", "entre llaves"),
    (3, "str", "entre comillas"),
    (len, "number", "llámela con paréntesis"),
])
def test_value_kinds_give_specific_hints(capsys, value, kind, hint):
    fb = Feedback("prueba", {"v": value})
    assert fb.value("v", kind=kind) is MISSING
    out = capsys.readouterr().out
    assert out.startswith("✘ `v`: se esperaba") and hint in out, out
    assert "Pista:" in out


@pytest.mark.parametrize("value, kind, expected", [
    (np.float64(0.5), "number", 0.5),
    (np.array(0.25), "number", 0.25),
    (3, "number", 3.0),
    (26.0, "int", 26),
    (np.int64(4), "int", 4),
    (np.bool_(True), "bool", True),
    (False, "bool", False),
    ("convolucional", "str", "convolucional"),
])
def test_value_kinds_convert_good_answers(capsys, value, kind, expected):
    got = Feedback("prueba", {"v": value}).value("v", kind=kind)
    assert got == expected and type(got) is type(expected)
    assert capsys.readouterr().out == ""


def test_value_array_with_shape(capsys):
    fb = Feedback("prueba", {"ok": [[1, 2, 3]], "t": np.ones((3, 2)), "col": np.ones((3, 1)), "v": np.ones(3)})
    got = fb.value("ok", kind="array", shape=(1, None))
    assert isinstance(got, np.ndarray) and got.dtype == float and got.shape == (1, 3)
    assert fb.value("t", kind="array", shape=(2, 3)) is MISSING
    assert fb.value("col", kind="array", shape=(3,)) is MISSING
    assert fb.value("v", kind="array", shape=(3, 1)) is MISSING
    out = capsys.readouterr().out
    assert "traspuesta" in out and ".ravel()" in out and "falta una dimensión" in out


def test_value_dict_keys(capsys):
    fb = Feedback("prueba", {"d": {"AND": True, "or": False}, "e": {"and": True}})
    assert fb.value("d", kind="dict", keys=("and", "or")) is MISSING
    assert fb.value("e", kind="dict", keys=("and", "or")) is MISSING
    assert fb.value("e", kind="dict", keys=("and",)) == {"and": True}
    out = capsys.readouterr().out
    assert "la clave «AND» debería escribirse «and»" in out and "falta la clave «or»" in out


def test_coerce_of_a_returned_value_asks_for_return(capsys):
    fb = Feedback("prueba")
    assert fb.array(None, label="f(x)") is MISSING
    assert fb.number(None, label="g(x)") is MISSING
    assert capsys.readouterr().out.count("¿falta el `return`?") == 2


# --- llamar al código de quien aprende -----------------------------------------------------

def test_call_returns_the_result_with_copied_arguments():
    fb = Feedback("prueba")
    w = np.array([1.0, 2.0])
    seen = []

    def f(v):
        seen.append(v)
        return v * 2

    assert np.array_equal(fb.call(f, w), [2.0, 4.0])
    assert seen[0] is not w


@pytest.mark.parametrize("body, argument", [
    ("w += 1\n    return w", "w"),
    ("w[0] = 0\n    return 1", "w"),
    ("items.append(3)\n    return 1", "items"),
])
def test_call_detects_mutation(capsys, body, argument):
    namespace = {}
    exec(f"def f(w, items):\n    {body}", namespace)
    fb = Feedback("prueba", namespace)
    f = fb.function("f", params=("w", "items"))
    assert fb.call(f, np.array([1.0, 2.0]), [1, 2]) is MISSING
    out = capsys.readouterr().out
    assert f"modificó su argumento `{argument}`" in out
    assert f"({argument} = {argument} + ...) en lugar de {argument} += ..." in out


def test_call_detects_mutation_of_keyword_arguments(capsys):
    def f(x, *, options):
        options["x"] = x
        return x

    assert Feedback("prueba").call(f, 1, options={}) is MISSING
    assert "modificó su argumento `options`" in capsys.readouterr().out


def test_call_accepts_arguments_that_cannot_be_copied():
    lock = threading.Lock()
    assert Feedback("prueba").call(lambda x: 7, lock) == 7


def test_call_explains_exceptions_in_spanish(capsys):
    source = "def broken(w, x):\n    return w @ x\n"
    filename = "<celda-de-prueba>"
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    namespace = {}
    exec(compile(source, filename, "exec"), namespace)
    fb = Feedback("prueba", namespace)
    f = fb.function("broken", params=("w", "x"))
    assert fb.call(f, np.ones(3), np.ones(2)) is MISSING
    out = capsys.readouterr().out
    assert "falló con formas de arreglos que no encajan (ValueError) en la línea `return w @ x`" in out
    assert ".shape" in out
    assert "matmul" not in out and "mismatch" not in out


@pytest.mark.parametrize("function, words", [
    (lambda x: 1 / 0, "una división entre cero (ZeroDivisionError)"),
    (lambda x: [1][5], "un índice fuera de rango (IndexError)"),
    (lambda x: {}["clave"], "una clave que no existe (la clave «clave») (KeyError)"),
    (lambda x: undefined_name, "un nombre que no está definido (`undefined_name`) (NameError)"),  # noqa: F821
    (lambda x: x.shap, "un atributo o método que no existe (`.shap`) (AttributeError)"),
    (lambda x: "a" + 1, "(TypeError)"),
])
def test_exceptions_are_named_in_spanish(capsys, function, words):
    assert Feedback("prueba").call(function, np.ones(2)) is MISSING
    out = capsys.readouterr().out
    assert words in out
    assert "Traceback" not in out and "division by zero" not in out and "not defined" not in out


def test_not_implemented(capsys):
    def todo(x):
        raise NotImplementedError("Ejercicio sin resolver")

    fb = Feedback("prueba", {"todo": todo})
    assert fb.call(fb.function("todo", params=("x",)), 1) is MISSING
    assert "✘ `todo` todavía no está escrita" in capsys.readouterr().out


def _forever(x):
    while True:
        pass


def test_time_limit_with_signals(capsys):
    previous = signal.getsignal(signal.SIGALRM)
    start = time.monotonic()
    assert Feedback("prueba").call(_forever, 1, timeout=0.2) is MISSING
    assert time.monotonic() - start < 2
    out = capsys.readouterr().out
    assert "no terminó en 0.2 s: ¿un bucle que nunca acaba?" in out
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert signal.getsignal(signal.SIGALRM) is previous


def test_time_limit_cannot_be_swallowed_by_except_exception(capsys):
    def stubborn(x):
        while True:
            try:
                while True:
                    pass
            except Exception:
                pass

    assert Feedback("prueba").call(stubborn, 1, timeout=0.1) is MISSING
    assert "no terminó" in capsys.readouterr().out


def test_time_limit_keeps_an_outer_timer():
    fired = []
    previous = signal.signal(signal.SIGALRM, lambda *a: fired.append(True))
    try:
        signal.setitimer(signal.ITIMER_REAL, 5.0)
        Feedback("prueba").call(lambda x: x, 1, timeout=0.5)
        remaining, _ = signal.getitimer(signal.ITIMER_REAL)
        assert 3.0 < remaining <= 5.0
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def test_time_limit_without_signals(monkeypatch, capsys):
    monkeypatch.setattr(_limits, "_can_use_signals", lambda: False)

    def slow(x):
        time.sleep(1.0)
        return x

    start = time.monotonic()
    assert Feedback("prueba").call(slow, 1, timeout=0.1) is MISSING
    assert time.monotonic() - start < 0.8
    assert "no terminó en 0.1 s" in capsys.readouterr().out
    assert Feedback("prueba").call(lambda x: x + 1, 1, timeout=1.0) == 2
    assert Feedback("prueba").call(lambda x: 1 / 0, 1, timeout=1.0) is MISSING
    assert "ZeroDivisionError" in capsys.readouterr().out


def test_time_limit_cap():
    with time_limit_cap(0.05):
        assert _limits.effective_limit(10) == 0.05
        assert _limits.effective_limit(None) == 0.05
    assert _limits.effective_limit(10) == 10


def test_default_timeout_is_used(monkeypatch, capsys):
    monkeypatch.setattr(Feedback, "default_timeout", 0.1)
    assert Feedback("prueba").call(_forever, 1) is MISSING
    assert "no terminó en 0.1 s" in capsys.readouterr().out


# --- casos al azar ----------------------------------------------------------------

def test_rng_is_fresh_each_run_and_fixed_on_request():
    draws = {tuple(Feedback("a").rng().integers(0, 2**30, size=4)) for _ in range(5)}
    assert len(draws) == 5
    with fixed_seed(3):
        a = Feedback("a").rng().normal(size=3)
        b = Feedback("b").rng().normal(size=3)
    assert np.array_equal(a, b)
    fb = Feedback("c")
    assert fb.rng() is fb.rng()


def test_cases_start_with_the_example():
    cases = Feedback("a").cases("ejemplo", lambda rng: float(rng.random()), n=4)
    assert cases[0] == "ejemplo" and len(cases) == 5 and len(set(cases[1:])) == 4


# --- comparar -----------------------------------------------------------------------

def test_compare_silent_when_right(capsys):
    assert Feedback("a").compare(np.array([1.0, 2.0]), [1.0, 2.0 + 1e-9], label="f(x)") is True
    assert capsys.readouterr().out == ""


def test_compare_picks_the_matching_mistake(capsys):
    fb = Feedback("a")
    assert fb.compare(np.array([-1.0]), np.array([1.0]), label="f(x)",
                      mistakes=[(np.array([2.0]), "no."), (np.array([-1.0]), "el signo está cambiado.")],
                      hint="general.") is False
    out = capsys.readouterr().out
    assert "✘ f(x) no da lo esperado (llegó [-1]). Pista: el signo está cambiado." in out


def test_compare_reveal_and_case(capsys):
    Feedback("a").compare(0.5, 0.25, label="f(x)", case="x = 3", reveal=True, hint="revise.")
    assert "f(x) no da lo esperado con x = 3 (llegó 0.5, se esperaba 0.25). Pista: revise." in capsys.readouterr().out
    Feedback("a").compare(0.5, 0.25, label="`v`", hint="revise.")
    out = capsys.readouterr().out
    assert "0.25" not in out


def test_compare_recognizes_rounding_by_hand(capsys):
    Feedback("a").compare(0.37, 0.36586, label="`v`", hint="otra.")
    assert ROUNDED_HINT in capsys.readouterr().out


def test_compare_recognizes_a_constant_answer(capsys):
    fb = Feedback("a")
    first = fb.call(lambda x: np.array([1.0, 2.0]), 0)
    assert fb.compare(first, np.array([1.0, 2.0]), label="f(0)")
    second = fb.call(lambda x: np.array([1.0, 2.0]), 1)
    assert fb.compare(second, np.array([3.0, 4.0]), label="f(1)", hint="otra.") is False
    assert CONSTANT_HINT in capsys.readouterr().out


# --- describir y comparar sin nombres de tipos -------------------------------------------

@pytest.mark.parametrize("value, text", [
    (None, "None (nada)"),
    (True, "el valor lógico True"),
    (3, "el número entero 3"),
    (np.float64(0.5), "el número 0.5"),
    (float("nan"), "un número no definido (NaN)"),
    ("sí", "el texto «sí»"),
    ("", "un texto vacío"),
    ([1, 2, 3], "una lista de 3 números"),
    (["a", "b"], "una lista de textos (2 elementos)"),
    ([[1, 2], [3]], "una lista de filas de longitudes distintas (2, 1)"),
    ((1.0, 2.0), "una tupla de 2 números"),
    ([], "una lista vacía"),
    (np.zeros((2, 3)), "un arreglo de forma (2, 3)"),
    (np.array([1.0, np.nan]), "un arreglo de forma (2,) con NaN"),
    (np.array(["a"]), "un arreglo de textos de forma (1,)"),
    ({"a": 1, "b": 2}, "un diccionario con las claves «a», «b»"),
    ({1, 2}, "un conjunto (entre llaves, sin orden)"),
    (len, "una función"),
    (MISSING, "nada (el nombre no existe)"),
])
def test_describe_in_spanish(value, text):
    assert describe(value) == text


def test_fmt_is_short_and_free_of_numpy_reprs():
    assert fmt(np.float64(0.123456789)) == "0.1235"
    assert fmt(np.array([[1.0, 2.5], [3.0, 4.0]])) == "[[1, 2.5], [3, 4]]"
    assert fmt((np.int64(1), "a")) == "(1, «a»)"
    assert fmt({"and": True}) == "{«and»: True}"
    assert "np." not in fmt([np.float32(0.5), np.int64(2)])
    assert fmt(list(range(20))).endswith(", …]")


def test_is_close_never_raises():
    assert is_close([1.0, 2.0], np.array([1.0, 2.0 + 1e-9]))
    assert not is_close([1.0, 2.0], [1.0, 2.0, 3.0])
    assert not is_close("hola", 1.0)
    assert not is_close(None, 1.0)
    assert not is_close({"a": 1}, 1.0)
    assert not is_close(float("nan"), float("nan"))


def test_same_is_deep_and_exact():
    assert same({"w": np.array([1.0, np.nan])}, {"w": np.array([1.0, np.nan])})
    assert not same(np.array([1.0]), np.array([1.0 + 1e-12]))
    assert not same(np.array([1, 2]), np.array([1.0, 2.0]))
    assert not same([1, 2], (1, 2))
    assert same(float("nan"), float("nan"))


def test_rounded_by_hand():
    assert rounded_by_hand(-0.55, -0.5499999)
    assert rounded_by_hand(0.3659, 0.365864)
    assert rounded_by_hand([0.1, 0.2], [0.1234, 0.2011])
    assert not rounded_by_hand(-0.55, -0.55)
    assert not rounded_by_hand(0.0, 0.3)          # no es redondear: es otra respuesta
    assert not rounded_by_hand(0.4, 0.9)
    assert not rounded_by_hand("0.4", 0.4)


def test_diagnose():
    mistakes = [(None, "nunca"), (np.array([1.0, 2.0]), "primera"), ("gan", "texto"), (np.array([1.0, 2.0]), "otra")]
    assert diagnose(np.array([1.0, 2.0]), mistakes) == "primera"
    assert diagnose("gan", mistakes) == "texto"
    assert diagnose(np.array([9.0]), mistakes) is None


def test_public_api():
    for name in ("Feedback", "MISSING", "Result", "is_close", "same", "diagnose", "rounded_by_hand", "describe",
                 "fmt", "normalize_text", "ROUNDED_HINT", "CONSTANT_HINT", "KINDS", "fixed_seed", "time_limit_cap"):
        assert name in checks.__all__ and hasattr(checks, name)
    assert "Feedback(exercise, namespace)" in checks.__doc__ or "Feedback(" in checks.__doc__


def test_docstring_example_runs(capsys):
    """El ejemplo completo del docstring del módulo funciona tal como está escrito."""
    doc = checks.__doc__
    start = doc.index("    import numpy as np\n    from nnlib.checks import Feedback, MISSING")
    end = doc.index("Con la solución imprime siempre lo mismo")
    code = "\n".join(line[4:] for line in doc[start:end].splitlines())
    namespace = {}
    exec(code, namespace)
    check = namespace["check_linear"]
    assert bool(check({"linear": lambda X, w, b: X @ w + b})) is True
    out = capsys.readouterr().out
    assert out == ("✔ linear acierta en el ejemplo del enunciado y en 5 casos nuevos al azar.\n"
                   "¡Muy bien! El ejercicio «salida lineal» está resuelto.\n")
    assert bool(check({"linear": lambda X, w, b: X @ w})) is False
    assert "falta sumar el sesgo b." in capsys.readouterr().out


# --- forma antigua (hasta que los capítulos 0 y 1 usen la nueva) -----------------------------

def test_require_reports_missing_and_non_callable(capsys):
    fb = Feedback("prueba")
    assert fb.require({}, "answer") is MISSING
    assert fb.require({"f": 3}, "f", callable_=True) is MISSING
    assert fb.require({"f": len}, "f", callable_=True) is len
    out = capsys.readouterr().out
    assert "Todavía no existe `answer`" in out and "`f` debería ser una función" in out
    assert "int" not in out.replace("escriba", "")
