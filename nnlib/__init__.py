"""nnlib: la biblioteca del curso de redes neuronales.

Un núcleo en NumPy que se puede leer de principio a fin, en el orden en que
el curso enseña cada idea, y sus equivalentes en Keras y PyTorch
(``nnlib.frameworks``). Los submódulos se cargan al usarlos, así que
``import nnlib`` es instantáneo.
"""
from __future__ import annotations

import importlib

__version__ = "0.1.0"

_SUBMODULES = {
    "activations", "losses", "initializers", "regularizers", "layers", "optimizers",
    "schedules", "metrics", "callbacks", "model", "perceptron", "gradcheck",
    "datasets", "plots", "widgets", "checks", "setup", "frameworks",
}
_ALIASES = {"Sequential": ("model", "Sequential"), "Perceptron": ("perceptron", "Perceptron")}

__all__ = sorted(_SUBMODULES | set(_ALIASES))


def __getattr__(name):
    if name in _SUBMODULES:
        return importlib.import_module(f"{__name__}.{name}")
    if name in _ALIASES:
        module, attr = _ALIASES[name]
        return getattr(importlib.import_module(f"{__name__}.{module}"), attr)
    raise AttributeError(f"nnlib no tiene el atributo '{name}'.")


def __dir__():
    return __all__
