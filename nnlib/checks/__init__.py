"""Comprobaciones automáticas de los ejercicios del curso.

Cada capítulo tiene su módulo (``nnlib.checks.introduccion``,
``nnlib.checks.perceptron``, ...) con una función ``check_<ejercicio>`` por
ejercicio. Todas siguen la misma convención, que es la que deben seguir los
capítulos nuevos:

* **Reciben el espacio de nombres del cuaderno**: ``check_nand(globals())``.
  La comprobación busca ahí, por su nombre, las variables o funciones que pide
  el enunciado (por ejemplo ``nand_weights`` y ``nand_bias``). Así, si quien
  aprende todavía no resolvió el ejercicio (en la edición para estudiantes la
  celda de la solución termina en ``raise NotImplementedError``), el nombre no
  existe y la comprobación lo dice con amabilidad en vez de fallar con un
  ``NameError``.
* **Imprimen una línea por cada cosa comprobada**: ``✔ ...`` si está bien y
  ``✘ ... Pista: ...`` si no, con una pista concreta para el error más probable.
* **Devuelven** un :class:`Result` que vale ``True`` si todo está bien y ``False``
  si algo falla (``if check_nand(globals()): ...``); en el cuaderno no muestra
  nada más, porque los mensajes ya lo dijeron. Una respuesta equivocada nunca
  produce una traza de error (*traceback*): si la función de quien aprende
  lanza una excepción, se informa como un fallo más.

Para escribir una comprobación nueva se usa :class:`Feedback`::

    def check_square(namespace):
        fb = Feedback("cuadrado")
        square = fb.require(namespace, "square", callable_=True)
        if square is not MISSING:
            value = fb.call(square, 3)            # MISSING si lanza una excepción
            if value is not MISSING:
                fb.expect(value == 9, "square(3) vale 9.", "square(3) debería valer 9.",
                          hint="multiplique x por sí mismo.")
        return fb.done()

La celda de comprobación de un cuaderno tiene la etiqueta ``check`` y queda
así, sin nada más::

    from nnlib.checks.perceptron import check_nand
    check_nand(globals())
"""
from __future__ import annotations

from collections.abc import Mapping

import numpy as np

__all__ = ["Feedback", "MISSING", "Result", "is_close"]

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


class _Missing:
    """Marca de «no se pudo obtener el valor» (distinta de ``None``)."""

    def __repr__(self):
        return "MISSING"

    def __bool__(self):
        return False


MISSING = _Missing()


def is_close(value, expected, *, atol=1e-6, rtol=1e-6):
    """¿``value`` es numéricamente igual a ``expected``? Nunca lanza excepciones.

    Acepta números, listas y arreglos; devuelve ``False`` si las formas no
    coinciden o si ``value`` no se puede convertir en números.
    """
    try:
        a = np.asarray(value, dtype=float)
        b = np.asarray(expected, dtype=float)
    except (TypeError, ValueError):
        return False
    if a.shape != b.shape:
        return False
    return bool(np.allclose(a, b, atol=atol, rtol=rtol))


class Feedback:
    """Acumula e imprime el resultado de las comprobaciones de un ejercicio.

    Parameters
    ----------
    exercise : str
        Nombre corto del ejercicio; aparece en la línea final.
    """

    def __init__(self, exercise):
        self.exercise = exercise
        self.passed = 0
        self.failed = 0

    # --- líneas de resultado -------------------------------------------------
    def ok(self, message):
        """Imprime ``✔ message`` y cuenta un acierto."""
        self.passed += 1
        print(f"{PASS} {message}")
        return True

    def fail(self, message, hint=None):
        """Imprime ``✘ message Pista: hint`` y cuenta un fallo."""
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

    # --- acceso seguro a lo que escribió quien aprende ----------------------
    def require(self, namespace, name, *, callable_=False, dict_example=None):
        """Devuelve ``namespace[name]`` o :data:`MISSING` (e informa del fallo).

        ``namespace`` es el ``globals()`` del cuaderno. Si el nombre no existe,
        si ``callable_`` es verdadero y no es una función, o si se da
        ``dict_example`` (cómo se escribe el diccionario esperado) y no es un
        diccionario, se imprime un fallo con una pista.
        """
        if not isinstance(namespace, Mapping):
            raise TypeError(
                "Las comprobaciones reciben el espacio de nombres del cuaderno: llame, por ejemplo, "
                f"check_nand(globals()). Llegó un objeto de tipo {type(namespace).__name__}."
            )
        if name not in namespace:
            self.fail(
                f"Todavía no existe `{name}`.",
                hint=f"defina `{name}` en la celda del ejercicio (en lugar de `raise NotImplementedError`) "
                "y ejecútela antes de esta.",
            )
            return MISSING
        value = namespace[name]
        if callable_ and not callable(value):
            self.fail(
                f"`{name}` debería ser una función, pero es un {type(value).__name__}.",
                hint=f"escriba `def {name}(...):` y devuelva el resultado con `return`.",
            )
            return MISSING
        if dict_example is not None and not isinstance(value, dict):
            self.fail(f"`{name}` debería ser un diccionario; es un {type(value).__name__}.",
                      hint=f"escriba {name} = {dict_example}.")
            return MISSING
        return value

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

    def call(self, function, *args, label=None, **kwargs):
        """Llama a la función de quien aprende; si lanza una excepción, la informa.

        Devuelve el resultado, o :data:`MISSING` si hubo una excepción.
        """
        try:
            return function(*args, **kwargs)
        except NotImplementedError:
            name = getattr(function, "__name__", "la función")
            self.fail(f"`{name}` todavía no está escrita (lanza NotImplementedError).",
                      hint="reemplace `raise NotImplementedError(...)` por su código.")
        except Exception as exc:  # noqa: BLE001 - cualquier error del código de quien aprende
            name = label or f"{getattr(function, '__name__', 'la función')}(...)"
            self.fail(f"{name} lanzó {type(exc).__name__}: {exc}",
                      hint="ejecute esa llamada en una celda aparte para ver dónde falla.")
        return MISSING

    # --- final ---------------------------------------------------------------
    def done(self):
        """Imprime el resumen y devuelve un :class:`Result`, verdadero si no hubo fallos."""
        if self.failed == 0 and self.passed > 0:
            print(f"¡Muy bien! El ejercicio «{self.exercise}» está resuelto.")
            return Result(True)
        if self.failed:
            plural = "s" if self.failed > 1 else ""
            print(f"Revise {self.failed} punto{plural} del ejercicio «{self.exercise}» y vuelva a ejecutar esta celda.")
        return Result(False)
