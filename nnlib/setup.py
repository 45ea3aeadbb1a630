"""Preparación común de los cuadernos del curso.

Cada capítulo empieza con la misma celda, que termina en ``setup_notebook(seed=0)``.
Esa llamada deja el entorno igual en Colab, en Binder y en una computadora personal,
para que cada celda produzca exactamente la salida que muestra el sitio web:

1. Variables de entorno que los marcos leen *al importarse* (por eso esta celda va
   primero): Keras sobre TensorFlow, sin los mensajes de registro de TensorFlow en C++
   y sin las operaciones oneDNN, que cambian el orden de las sumas y con él las últimas
   cifras de los resultados. Solo se fijan si la persona no las fijó antes.
2. Semillas: ``random`` de Python y el generador global de NumPy. Si Keras, TensorFlow
   o PyTorch ya se importaron, también los suyos; si se importan después, cada capítulo
   fija su semilla al crear el modelo (``seed=0``, ``keras.utils.set_random_seed``,
   ``torch.manual_seed``).
3. Figuras reproducibles: tamaño y resolución fijos, un estilo limpio y, dentro de
   Jupyter, figuras PNG sin metadatos de versión, para que volver a ejecutar un cuaderno
   no cambie sus salidas guardadas.

No imprime nada y no importa TensorFlow ni PyTorch.
"""
from __future__ import annotations

import os
import random
import sys

import numpy as np

__all__ = ["setup_notebook", "ENVIRONMENT_DEFAULTS", "FIGURE_RC"]

#: Variables de entorno que se fijan (si no existen) antes de importar cualquier marco.
ENVIRONMENT_DEFAULTS = {
    "KERAS_BACKEND": "tensorflow",
    "TF_CPP_MIN_LOG_LEVEL": "3",
    "TF_ENABLE_ONEDNN_OPTS": "0",
}

#: Parámetros de matplotlib comunes a todas las figuras del curso.
FIGURE_RC = {
    "figure.figsize": (6.4, 4.0),
    "figure.dpi": 100,
    "savefig.dpi": 100,
    "font.size": 10,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "legend.frameon": False,
    "image.cmap": "viridis",
    "svg.hashsalt": "nnlib",
}


def setup_notebook(seed=0):
    """Prepara un cuaderno del curso: entorno, semillas y figuras.

    Parámetros
    ----------
    seed : int
        Semilla para ``random``, NumPy y, si ya están importados, Keras, TensorFlow y PyTorch.

    No devuelve nada ni imprime nada.
    """
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise ValueError(
            f"El argumento 'seed' debe ser un entero no negativo; se recibió {seed!r}."
        )
    seed = int(seed)
    for name, value in ENVIRONMENT_DEFAULTS.items():
        os.environ.setdefault(name, value)
    _seed_everything(seed)
    np.set_printoptions(precision=4)
    _configure_matplotlib()


def _seed_everything(seed):
    """Fija las semillas de Python y NumPy, y las de los marcos que ya estén cargados."""
    random.seed(seed)
    np.random.seed(seed)
    if "keras" in sys.modules:
        # También fija Python, NumPy y el generador del backend (TensorFlow).
        sys.modules["keras"].utils.set_random_seed(seed)
    if "tensorflow" in sys.modules:
        sys.modules["tensorflow"].random.set_seed(seed)
    if "torch" in sys.modules:
        sys.modules["torch"].manual_seed(seed)


def _configure_matplotlib():
    """Estilo y tamaño fijos; dentro de Jupyter, figuras PNG en línea y sin metadatos."""
    try:
        import matplotlib
    except ImportError:  # pragma: no cover - matplotlib es dependencia de nnlib
        return
    shell = _ipython_shell()
    if shell is not None:
        # Figuras en línea aunque el entorno traiga MPLBACKEND=Agg (como en las pruebas).
        shell.run_line_magic("matplotlib", "inline")
        shell.run_line_magic("config", "InlineBackend.figure_formats = ['png']")
        shell.run_line_magic(
            "config",
            "InlineBackend.print_figure_kwargs = "
            "{'bbox_inches': 'tight', 'metadata': {'Software': None}}",
        )
    import matplotlib.pyplot as plt

    plt.close("all")
    # El estilo "default" vuelve a los valores de fábrica sin tocar el backend.
    plt.style.use("default")
    matplotlib.rcParams.update(FIGURE_RC)


def _ipython_shell():
    """El intérprete de IPython con núcleo (Jupyter, Colab), o ``None`` fuera de él."""
    ipython = sys.modules.get("IPython")
    if ipython is None:
        return None
    shell = ipython.get_ipython()
    if shell is None or not hasattr(shell, "kernel"):
        return None
    return shell
