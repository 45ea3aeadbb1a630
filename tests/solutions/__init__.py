"""Soluciones de referencia de las comprobaciones de ejercicios (``nnlib/checks/``).

Cada módulo ``nnlib/checks/<tema>.py`` tiene aquí su par ``tests/solutions/<tema>.py``
con un diccionario ``SOLUTIONS``: para cada función ``check_<ejercicio>``, el espacio de
nombres que dejaría en el cuaderno una persona que resolvió bien el ejercicio (solo los
nombres que la comprobación lee)::

    import numpy as np

    def perceptron_predict(X, w, b):
        return (np.asarray(X) @ np.asarray(w) + b >= 0).astype(int)

    SOLUTIONS = {
        "check_predict": {"perceptron_predict": perceptron_predict},
        "check_nand": {"nand_weights": np.array([-2.0, -2.0]), "nand_bias": 3.0},
    }

Opcionalmente, ``CONTEXT = {"check_<ejercicio>": {...}}`` da nombres que pone el propio
capítulo (datos, un modelo ya entrenado) y que la comprobación también lee: se pasan
siempre y no se atacan.

``tests/test_exercise_standard.py`` descubre cada ``check_*`` de ``nnlib/checks/``, falla si
no tiene su solución aquí, comprueba que la solución pasa siempre con la misma salida y
ataca cada nombre con las respuestas equivocadas de siempre (CONTRIBUTING.md, sección 4).
Las pruebas propias de cada capítulo (cada error habitual recibe su pista) van en
``tests/test_checks_<tema>.py`` y pueden importar estas mismas soluciones.
"""
from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

import nnlib.checks

__all__ = ["check_modules", "load"]


def check_modules():
    """Nombres de los módulos de comprobaciones (``introduccion``, ``perceptron``, ...)."""
    path = Path(nnlib.checks.__file__).parent
    return sorted(m.name for m in pkgutil.iter_modules([str(path)]) if not m.name.startswith("_"))


def load(topic):
    """``(SOLUTIONS, CONTEXT)`` de ``tests/solutions/<topic>.py``; ``({}, {})`` si no existe."""
    try:
        module = importlib.import_module(f"{__name__}.{topic}")
    except ModuleNotFoundError as error:
        if error.name != f"{__name__}.{topic}":
            raise
        return {}, {}
    return dict(getattr(module, "SOLUTIONS", {})), dict(getattr(module, "CONTEXT", {}))
