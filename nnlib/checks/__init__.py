"""Comprobaciones automáticas de los ejercicios del curso.

Cada capítulo tiene su módulo (``nnlib.checks.introduccion``,
``nnlib.checks.perceptron``, ...) con una función ``check_<ejercicio>`` por
ejercicio. La celda de comprobación del cuaderno tiene las etiquetas ``check`` y
``remove-output`` y contiene solo esto::

    from nnlib.checks.perceptron import check_update
    check_update(globals())

Una comprobación es una evaluación, no un adorno (CONTRIBUTING.md, sección 4):

* **Recibe el espacio de nombres del cuaderno** y busca ahí, por su nombre, lo
  que pide el enunciado. Si todavía no existe (en la edición para estudiantes la
  celda de la solución termina en ``raise NotImplementedError``), lo dice con
  amabilidad en lugar de fallar con un ``NameError``.
* **Prueba casos nuevos en cada ejecución**, sacados de :meth:`Feedback.rng`,
  además del ejemplo del enunciado: una tabla de respuestas copiadas no pasa.
* **Revisa la firma** de la función (un parámetro que falta recibe una pista en
  español, no el ``TypeError`` de Python), **copia los argumentos** y detecta una
  función que los modifica (``w += ...``), y la **ejecuta con un límite de tiempo**.
* **Da una pista concreta para cada error habitual** (signo cambiado, matriz
  traspuesta, suma en lugar de media, uno de más o de menos, valor redondeado a
  mano, un número escrito a mano) y trata ``None``, NaN, 1/0 en lugar de
  True/False y «sí»/«no» con su propia pista.
* **Nunca muestra** una traza de error (*traceback*), el texto en inglés de una
  excepción ni nombres de tipos de Python («es un list»): dice qué llegó, en
  español (:func:`describe`).
* **Lo que imprime con una respuesta correcta es siempre igual** (nbval lo
  compara): los casos al azar nunca aparecen en una línea ``✔``, y una línea
  ``✔`` nunca repite el valor de quien aprende cuando ese valor es la respuesta.

Imprime una línea por cada cosa comprobada (``✔ ...`` o ``✘ ... Pista: ...``)
y termina con «¡Muy bien! ...» o con cuántos puntos revisar. Devuelve un
:class:`Result`, verdadero si todo está bien, que Jupyter no muestra.

La API
------
``fb = Feedback(exercise, namespace)``
    Acumula los resultados del ejercicio ``exercise`` (nombre corto en español).
``fb.function(name, params=("X", "w", "b"))``
    La función ``name`` del cuaderno, o :data:`MISSING` (con ✘ y pista) si no
    existe, no es una función o su firma no admite esos parámetros en ese orden.
``fb.value(name, kind="number", shape=None, keys=None)``
    El valor ``name`` convertido según ``kind`` (``"number"`` -> ``float``,
    ``"int"`` -> ``int``, ``"bool"`` -> ``bool``, ``"array"`` -> arreglo de
    ``float``, ``"dict"``, ``"str"``, ``"function"``, ``"any"``), o :data:`MISSING`.
``fb.coerce(value, kind, label=..., shape=None, keys=None, returned=True)``
    Lo mismo con un valor cualquiera (lo que devolvió una función, una entrada
    de un diccionario). ``fb.array(value, shape=..., label=...)`` y
    ``fb.number(value, label=...)`` son atajos.
``fb.call(f, *args, label=None, timeout=None, **kwargs)``
    Llama a ``f`` con copias de los argumentos y un límite de tiempo
    (:attr:`Feedback.default_timeout` segundos si no se da otro). Devuelve su
    resultado, o :data:`MISSING` (con ✘ y pista) si lanzó una excepción, no
    terminó a tiempo o modificó un argumento.
``fb.rng()``
    Un ``numpy.random.Generator`` sembrado con la hora: casos nuevos en cada
    ejecución. ``fb.cases(example, make_case, n=5)`` devuelve
    ``[example] + [make_case(rng) for _ in range(n)]``.
``fb.compare(got, expected, label=..., mistakes=[(valor, pista), ...], hint=..., case=None, reveal=False)``
    ``True`` si coinciden (sin imprimir nada); si no, ✘ con la pista del primer
    error típico que coincide (:func:`diagnose`), o la de «redondeó a mano», o la
    de «devuelve lo mismo con otros datos», o ``hint``. ``reveal=True`` muestra
    el valor esperado (solo en casos al azar o cuando no es la respuesta que se
    pide escribir); ``case`` describe los datos del caso.
``fb.ok(mensaje)``, ``fb.fail(mensaje, hint=...)``, ``fb.expect(cond, ok, fallo, hint=...)``, ``fb.done()``
    Las líneas de resultado y el cierre (que devuelve el :class:`Result`).
``fb.tally(right, total, problems)``
    Cierre de un ejercicio de varias respuestas (un diccionario de casos).

Además: :data:`MISSING`, :func:`is_close`, :func:`same`, :func:`diagnose`,
:func:`rounded_by_hand`, :func:`describe`, :func:`fmt`, :func:`normalize_text`,
:data:`ROUNDED_HINT`, :func:`fixed_seed` y :func:`time_limit_cap` (para las pruebas).

Un ejemplo completo
-------------------
::

    import numpy as np
    from nnlib.checks import Feedback, MISSING

    def _case(rng):
        n, d = int(rng.integers(3, 7)), int(rng.integers(2, 5))
        return rng.normal(size=(n, d)), rng.normal(size=d), float(rng.normal())

    def check_linear(namespace):
        fb = Feedback("salida lineal", namespace)
        linear = fb.function("linear", params=("X", "w", "b"))
        if linear is MISSING:
            return fb.done()
        example = (np.array([[1.0, 2.0], [3.0, 4.0]]), np.array([0.5, -1.0]), 0.25)
        for i, (X, w, b) in enumerate(fb.cases(example, _case, n=5)):
            got = fb.call(linear, X, w, b)
            out = MISSING if got is MISSING else fb.array(got, shape=(len(X),), label="linear(X, w, b)")
            if out is MISSING:
                return fb.done()
            expected = X @ w + b
            if not fb.compare(out, expected, label="linear(X, w, b)", reveal=i > 0,
                              case="el ejemplo del enunciado" if i == 0 else f"X de forma {X.shape}",
                              mistakes=[(X @ w, "falta sumar el sesgo b."),
                                        (X @ w - b, "el sesgo se suma, no se resta.")],
                              hint="calcule X @ w + b: una salida por fila de X."):
                return fb.done()
        fb.ok("linear acierta en el ejemplo del enunciado y en 5 casos nuevos al azar.")
        return fb.done()

Con la solución imprime siempre lo mismo::

    ✔ linear acierta en el ejemplo del enunciado y en 5 casos nuevos al azar.
    ¡Muy bien! El ejercicio «salida lineal» está resuelto.

y, si falta el sesgo::

    ✘ linear(X, w, b) no da lo esperado con el ejemplo del enunciado (llegó [-1.5, -2.5]). Pista: falta sumar el sesgo b.
    Revise 1 punto del ejercicio «salida lineal» y vuelva a ejecutar esta celda.

Cada ``check_*`` tiene una solución de referencia en ``tests/solutions/<tema>.py``
y ``tests/test_exercise_standard.py`` la ataca con las respuestas equivocadas de
siempre (véase CONTRIBUTING.md, sección 4).
"""
from __future__ import annotations

import contextlib
import copy
import inspect
import os
import time
from collections.abc import Mapping

import numpy as np

from ._compare import CONSTANT_HINT, ROUNDED_HINT, diagnose, is_close, rounded_by_hand, same
from ._describe import MISSING, describe, explain_exception, fmt
from ._kinds import KINDS, coerce, normalize_text
from ._limits import TimeLimitExceeded, effective_limit, run_with_time_limit, time_limit_cap

__all__ = [
    "Feedback", "MISSING", "Result", "is_close", "same", "diagnose", "rounded_by_hand", "describe", "fmt",
    "normalize_text", "ROUNDED_HINT", "CONSTANT_HINT", "KINDS", "fixed_seed", "time_limit_cap",
]

PASS = "✔"
FAIL = "✘"


class Result:
    """El resultado de una comprobación: verdadero si el ejercicio está resuelto.

    Se usa como un ``bool`` (``bool(r)``, ``if r:``, ``r == True``). Jupyter no lo
    muestra como salida de la celda: los mensajes impresos ya dicen todo.
    """

    __slots__ = ("passed",)

    def __init__(self, passed):
        self.passed = bool(passed)

    def __bool__(self):
        return self.passed

    def __eq__(self, other):
        return self.passed == other

    def __hash__(self):
        return hash(self.passed)

    def __repr__(self):
        return f"Result(passed={self.passed})"

    def _ipython_display_(self):
        """No muestra nada en Jupyter (evita un ``True`` suelto bajo los mensajes)."""


_seed_override = None


@contextlib.contextmanager
def fixed_seed(seed):
    """Dentro del bloque, :meth:`Feedback.rng` usa ``seed`` (para reproducir un caso en las pruebas)."""
    global _seed_override
    previous, _seed_override = _seed_override, seed
    try:
        yield
    finally:
        _seed_override = previous


def _namespace_error(namespace):
    return TypeError(
        "Las comprobaciones reciben el espacio de nombres del cuaderno: llame, por ejemplo, "
        f"check_nand(globals()). Llegó {describe(namespace)}."
    )


def _signature_problem(function, name, params):
    """``(mensaje, pista)`` si la firma de ``function`` no admite ``params`` en ese orden; si no, ``None``."""
    try:
        signature = inspect.signature(function)
    except (TypeError, ValueError):
        return None
    kinds = inspect.Parameter
    parameters = list(signature.parameters.values())
    if any(p.kind == kinds.VAR_POSITIONAL for p in parameters):
        return None
    positional = [p.name for p in parameters if p.kind in (kinds.POSITIONAL_ONLY, kinds.POSITIONAL_OR_KEYWORD)]
    wanted = list(params)
    definition = f"def {name}({', '.join(wanted)}):"
    missing = [p for p in wanted if p not in positional]
    if missing:
        if len(positional) < len(wanted) or not [p for p in positional if p not in wanted]:
            names = ", ".join(f"`{p}`" for p in missing)
            plural = "n los parámetros" if len(missing) > 1 else " el parámetro"
            return (f"A `{name}` le falta{plural} {names}.",
                    f"defínala con los parámetros del enunciado, en este orden: {definition}")
        other = [p for p in positional if p not in wanted][0]
        return (f"`{name}` llama `{other}` al parámetro que el enunciado llama `{missing[0]}`.",
                f"use los nombres del enunciado: {definition}")
    if positional[: len(wanted)] != wanted:
        return (f"Los parámetros de `{name}` están en otro orden que en el enunciado.",
                f"escríbalos en este orden: {definition}")
    extra = [p.name for p in parameters
             if p.name not in wanted and p.default is p.empty
             and p.kind in (kinds.POSITIONAL_ONLY, kinds.POSITIONAL_OR_KEYWORD, kinds.KEYWORD_ONLY)]
    if extra:
        return (f"`{name}` pide además `{extra[0]}`, que el enunciado no da.",
                f"quite ese parámetro o dele un valor por omisión; el enunciado la define así: {definition}")
    return None


def _argument_names(function, args, kwargs):
    """Nombre de cada argumento (posición o palabra clave) según la firma de ``function``."""
    names = {i: f"número {i + 1}" for i in range(len(args))}
    names.update({k: k for k in kwargs})
    try:
        bound = inspect.signature(function).bind_partial(*args, **kwargs)
    except (TypeError, ValueError):
        return names
    positional = list(bound.arguments)
    for i in range(len(args)):
        if i < len(positional):
            names[i] = positional[i]
    return names


def _safe_copy(value):
    try:
        return copy.deepcopy(value), True
    except Exception:  # noqa: BLE001 - objetos que no se copian: se pasan tal cual, sin vigilar cambios
        return value, False


class Feedback:
    """Acumula e imprime el resultado de las comprobaciones de un ejercicio.

    Parameters
    ----------
    exercise : str
        Nombre corto del ejercicio, en español; aparece en la línea final.
    namespace : Mapping, optional
        El ``globals()`` del cuaderno, donde :meth:`function` y :meth:`value`
        buscan lo que pide el enunciado.
    """

    #: Segundos que puede tardar una llamada a la función de quien aprende.
    default_timeout = 10.0

    def __init__(self, exercise, namespace=None):
        if namespace is not None and not isinstance(namespace, Mapping):
            raise _namespace_error(namespace)
        self.exercise = exercise
        self.namespace = namespace
        self.passed = 0
        self.failed = 0
        self._rng = None
        self._names = {}
        self._results = []

    # --- líneas de resultado -------------------------------------------------
    def ok(self, message):
        """Imprime ``✔ message`` y cuenta un acierto. Nunca ponga aquí la respuesta de quien aprende."""
        self.passed += 1
        print(f"{PASS} {message}")
        return True

    def fail(self, message, hint=None):
        """Imprime ``✘ message Pista: hint`` y cuenta un fallo; devuelve ``False``."""
        self.failed += 1
        line = f"{FAIL} {message}"
        if hint:
            line += f" Pista: {hint}"
        print(line)
        return False

    def expect(self, condition, ok_message, fail_message, hint=None):
        """Imprime un acierto o un fallo según ``condition``; devuelve ``condition``."""
        if condition:
            return self.ok(ok_message)
        return self.fail(fail_message, hint)

    def done(self):
        """Imprime el resumen y devuelve un :class:`Result`, verdadero si no hubo fallos."""
        if self.failed == 0 and self.passed > 0:
            print(f"¡Muy bien! El ejercicio «{self.exercise}» está resuelto.")
            return Result(True)
        if self.failed:
            plural = "s" if self.failed > 1 else ""
            print(f"Revise {self.failed} punto{plural} del ejercicio «{self.exercise}» y vuelva a ejecutar esta celda.")
        return Result(False)

    def tally(self, right, total, problems):
        """Cierra un ejercicio de varias respuestas: los aciertos en una línea, cada fallo con su pista.

        ``right`` son las claves acertadas, ``total`` cuántas había y ``problems``
        una lista de pares ``(mensaje, pista)``. Devuelve :meth:`done`.
        """
        if right:
            self.ok(f"Correctas: {', '.join(right)} ({len(right)} de {total}).")
        for message, hint in problems:
            self.fail(message, hint)
        return self.done()

    # --- lo que escribió quien aprende ---------------------------------------
    def _lookup(self, name):
        if self.namespace is None:
            raise TypeError("Para buscar nombres, cree Feedback(ejercicio, namespace) con el globals() del cuaderno.")
        if name not in self.namespace:
            self.fail(
                f"Todavía no existe `{name}`.",
                hint=f"defina `{name}` en la celda del ejercicio (en lugar de `raise NotImplementedError`) "
                "y ejecútela antes de esta.",
            )
            return MISSING
        return self.namespace[name]

    def function(self, name, params=None):
        """La función ``name`` del cuaderno, o :data:`MISSING` con ✘ y una pista.

        ``params`` son los nombres de sus parámetros según el enunciado, en orden:
        si falta uno, sobra uno obligatorio, tiene otro nombre o van en otro
        orden, se explica en español.
        """
        value = self._lookup(name)
        if value is MISSING:
            return MISSING
        wanted = f"({', '.join(params)})" if params is not None else "(...)"
        if not callable(value) or isinstance(value, type):
            return self.fail(
                f"`{name}` debería ser una función; es {describe(value)}.",
                hint=f"escriba `def {name}{wanted}:` y devuelva el resultado con `return`.",
            ) or MISSING
        if params is not None:
            problem = _signature_problem(value, name, params)
            if problem:
                self.fail(*problem)
                return MISSING
        self._names[id(value)] = name
        return value

    def value(self, name, kind="any", *, shape=None, keys=None):
        """El valor ``name`` del cuaderno convertido según ``kind`` (véase :data:`KINDS`), o :data:`MISSING`."""
        value = self._lookup(name)
        if value is MISSING:
            return MISSING
        return self.coerce(value, kind, label=f"`{name}`", shape=shape, keys=keys, returned=False, name=name)

    def coerce(self, value, kind, *, label, shape=None, keys=None, returned=True, name=None):
        """``value`` convertido según ``kind``, o :data:`MISSING` con ✘ y una pista concreta."""
        converted, problem = coerce(value, kind, label=label, shape=shape, keys=keys, returned=returned, name=name)
        if problem:
            self.fail(*problem)
            return MISSING
        return converted

    def array(self, value, *, shape=None, label="el resultado", returned=True):
        """Atajo de :meth:`coerce` para un arreglo de números con la forma ``shape``."""
        return self.coerce(value, "array", label=label, shape=shape, returned=returned)

    def number(self, value, *, label="el resultado", returned=True):
        """Atajo de :meth:`coerce` para un solo número (``float``)."""
        return self.coerce(value, "number", label=label, returned=returned)

    # --- llamar al código de quien aprende -----------------------------------
    def call(self, function, *args, label=None, timeout=None, **kwargs):
        """``function(*args, **kwargs)`` con copias de los argumentos y un límite de tiempo.

        Devuelve el resultado, o :data:`MISSING` (con ✘ y una pista en español) si
        lanzó una excepción, si no terminó en ``timeout`` segundos
        (:attr:`default_timeout` si no se da) o si modificó alguno de sus argumentos.
        """
        name = self._names.get(id(function)) or getattr(function, "__name__", "la función")
        label = label or f"`{name}(...)`"
        seconds = effective_limit(self.default_timeout if timeout is None else timeout)
        originals = [_safe_copy(a) for a in args]
        passed_args = [_safe_copy(a)[0] if copied else a for a, (_, copied) in zip(args, originals)]
        kw_originals = {k: _safe_copy(v) for k, v in kwargs.items()}
        passed_kwargs = {k: (_safe_copy(v)[0] if kw_originals[k][1] else v) for k, v in kwargs.items()}
        try:
            result = run_with_time_limit(function, passed_args, passed_kwargs, seconds)
        except TimeLimitExceeded:
            self.fail(f"{label} no terminó en {seconds:g} s: ¿un bucle que nunca acaba?",
                      hint="compruebe que cada `while` llega a cumplir su condición de salida "
                      "y que la función termina con `return`.")
            return MISSING
        except NotImplementedError:
            self.fail(f"`{name}` todavía no está escrita (lanza NotImplementedError).",
                      hint="reemplace `raise NotImplementedError(...)` por su código.")
            return MISSING
        except Exception as exc:  # noqa: BLE001 - cualquier error del código de quien aprende
            message, hint = explain_exception(exc, getattr(function, "__code__", None))
            self.fail(f"{label} {message}", hint=hint)
            return MISSING
        names = _argument_names(function, args, kwargs)
        changed = [names[i] for i, (a, (orig, copied)) in enumerate(zip(passed_args, originals))
                   if copied and not same(a, orig)]
        changed += [k for k, v in passed_kwargs.items() if kw_originals[k][1] and not same(v, kw_originals[k][0])]
        if changed:
            arg = changed[0]
            self.fail(f"{label} modificó su argumento `{arg}`.",
                      hint=f"trabaje sobre una copia ({arg} = {arg} + ...) en lugar de {arg} += ..., "
                      "que cambia también el arreglo de quien llama a la función.")
            return MISSING
        self._results.append(result)
        return result

    # --- casos al azar --------------------------------------------------------
    def rng(self):
        """Un ``numpy.random.Generator`` sembrado con la hora: casos nuevos en cada ejecución."""
        if self._rng is None:
            if _seed_override is not None:
                seed = _seed_override
            else:
                seed = [time.time_ns() % (2**63), os.getpid(), id(self) % (2**32)]
            self._rng = np.random.default_rng(seed)
        return self._rng

    def cases(self, example, make_case, n=5):
        """``[example] + [make_case(rng) for _ in range(n)]``: el ejemplo del enunciado y ``n`` casos nuevos."""
        rng = self.rng()
        return [example] + [make_case(rng) for _ in range(n)]

    # --- comparar -------------------------------------------------------------
    def _repeats_earlier_result(self, got):
        earlier = self._results[:-1]
        return any(is_close(got, previous, atol=1e-12, rtol=0.0) for previous in earlier
                   if not isinstance(previous, (str, Mapping)) and previous is not None)

    def compare(self, got, expected, *, label, mistakes=(), hint=None, case=None, reveal=False,
                atol=1e-6, rtol=1e-6):
        """``True`` si ``got`` coincide con ``expected`` (sin imprimir nada); si no, ✘ con la mejor pista.

        La pista es la del primer error típico de ``mistakes`` (pares ``(valor, pista)``)
        que coincide con ``got``; si ninguno, la de un valor redondeado a mano, la de
        una función que devuelve lo mismo con otros datos, o ``hint``. El mensaje
        muestra lo que llegó; el valor esperado, solo con ``reveal=True``.
        """
        if is_close(got, expected, atol=atol, rtol=rtol):
            return True
        found = diagnose(got, mistakes, atol=atol, rtol=rtol)
        if found is None and rounded_by_hand(got, expected):
            found = ROUNDED_HINT
        if found is None and self._repeats_earlier_result(got):
            found = CONSTANT_HINT
        where = f" con {case}" if case else ""
        shown = f"llegó {fmt(got)}, se esperaba {fmt(expected)}" if reveal else f"llegó {fmt(got)}"
        self.fail(f"{label} no da lo esperado{where} ({shown}).",
                  hint=found or hint or "revise el cálculo paso a paso con el ejemplo del enunciado.")
        return False

    # --- forma antigua (capítulos 0 y 1 hasta que usen la nueva) -------------
    def require(self, namespace, name, *, callable_=False, dict_example=None):
        """Forma antigua de :meth:`value` / :meth:`function`: ``namespace[name]`` o :data:`MISSING`."""
        if not isinstance(namespace, Mapping):
            raise _namespace_error(namespace)
        if name not in namespace:
            self.fail(
                f"Todavía no existe `{name}`.",
                hint=f"defina `{name}` en la celda del ejercicio (en lugar de `raise NotImplementedError`) "
                "y ejecútela antes de esta.",
            )
            return MISSING
        value = namespace[name]
        if callable_ and not callable(value):
            self.fail(f"`{name}` debería ser una función; es {describe(value)}.",
                      hint=f"escriba `def {name}(...):` y devuelva el resultado con `return`.")
            return MISSING
        if dict_example is not None and not isinstance(value, dict):
            self.fail(f"`{name}` debería ser un diccionario; es {describe(value)}.",
                      hint=f"escriba {name} = {dict_example}.")
            return MISSING
        if callable_:
            self._names[id(value)] = name
        return value
