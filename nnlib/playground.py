"""El laboratorio del capítulo 10: una red pequeña que aprende datos del plano.

Es la lógica del laboratorio, sin interfaz: los datos, las entradas, la red, el
estado del entrenamiento, el paso de una época, el reinicio y los datos de las
figuras (la superficie de decisión, la salida de cada unidad oculta, los pesos y
las curvas de pérdida). El widget de ``nnlib.widgets.laboratorio`` y las
animaciones de la galería del capítulo la usan tal cual, y sus pruebas la
manejan sin dibujar nada.

- Datos (:data:`DATASETS`): ``"circles"``, ``"xor"``, ``"gaussians"`` y
  ``"spiral"``, hechos con :mod:`nnlib.datasets` y llevados al cuadro
  ``[-LIMIT, LIMIT]²``; ``noise`` suma ruido gaussiano de esa desviación a cada
  coordenada y ``test_ratio`` es la fracción que se aparta para la prueba.
- Entradas (:data:`FEATURES`): ``x1``, ``x2`` y las construidas ``x1^2``,
  ``x2^2``, ``x1*x2``, ``sin(x1)`` y ``sin(x2)``.
- Red: ``hidden`` (unidades de cada capa oculta; ``()`` es un modelo lineal),
  ``activation``, ``learning_rate`` (descenso por gradiente estocástico, como el
  TensorFlow Playground), ``regularization`` (``None``, ``"l1"`` o ``"l2"``) con
  su ``regularization_rate``, ``batch_size`` y ``seed``. La salida es una
  sigmoide y la función de pérdida, la entropía cruzada binaria.

Ejemplo::

    lab = Playground(dataset="xor", features=("x1", "x2"), hidden=(4,))
    lab.step(10)                 # diez épocas
    lab.epoch, lab.loss, lab.val_loss
    prob = lab.surface(40)       # (40, 40): la probabilidad de la clase 1 en el cuadro
"""
from __future__ import annotations

import math

import numpy as np

from nnlib import datasets, losses
from nnlib._checks import describe, lookup, positive_number
from nnlib._checks import seed as check_seed
from nnlib.layers import Dense
from nnlib.model import Sequential
from nnlib.optimizers import SGD
from nnlib.regularizers import L1, L2

__all__ = ["DATASETS", "FEATURES", "ACTIVATIONS", "LIMIT", "DEFAULTS", "make_data", "feature_matrix",
           "Playground"]

#: El cuadro del plano donde viven los datos y se dibujan las superficies: [-LIMIT, LIMIT]².
LIMIT = 3.0

#: Los conjuntos de datos, con su nombre en español para los menús.
DATASETS = {"circles": "Círculos", "xor": "XOR", "gaussians": "Dos gaussianas", "spiral": "Espiral"}

#: Las entradas posibles: nombre -> (rótulo para las figuras, función de X).
FEATURES = {
    "x1": ("$x_1$", lambda X: X[:, 0]),
    "x2": ("$x_2$", lambda X: X[:, 1]),
    "x1^2": ("$x_1^2$", lambda X: X[:, 0] ** 2),
    "x2^2": ("$x_2^2$", lambda X: X[:, 1] ** 2),
    "x1*x2": ("$x_1 x_2$", lambda X: X[:, 0] * X[:, 1]),
    "sin(x1)": (r"$\sin x_1$", lambda X: np.sin(X[:, 0])),
    "sin(x2)": (r"$\sin x_2$", lambda X: np.sin(X[:, 1])),
}

#: Funciones de activación de las capas ocultas que ofrece el laboratorio.
ACTIVATIONS = ("tanh", "relu", "sigmoid", "linear")

#: La configuración por omisión (la del TensorFlow Playground al abrirse, con una tasa de 0.1 en lugar
#: de 0.03 para que los círculos se resuelvan en unas 100 épocas).
DEFAULTS = {
    "dataset": "circles", "n_samples": 200, "noise": 0.0, "test_ratio": 0.5,
    "features": ("x1", "x2"), "hidden": (4, 2), "activation": "tanh", "learning_rate": 0.1,
    "regularization": None, "regularization_rate": 0.0, "batch_size": 10, "seed": 0,
}

_BCE = losses.get("binary_crossentropy")
_DATA_KEYS = ("dataset", "n_samples", "noise", "test_ratio", "seed")


def make_data(dataset="circles", n_samples=200, noise=0.0, test_ratio=0.5, seed=0):
    """Los datos de entrenamiento y de prueba: ``(X_train, y_train, X_test, y_test)``.

    ``X`` tiene dos columnas en el cuadro ``[-LIMIT, LIMIT]²`` (``float64``) e
    ``y`` etiquetas 0/1. La misma semilla da siempre los mismos datos.
    """
    lookup("conjunto de datos", dataset, DATASETS)
    dataset = dataset.lower()
    n = int(positive_number(n_samples, "n_samples", integer=True))
    if n < 4:
        raise ValueError(f"`n_samples` debe ser al menos 4 (dos de entrenamiento y dos de prueba); llegó {n}.")
    noise = float(positive_number(noise, "noise", allow_zero=True))
    test_ratio = float(positive_number(test_ratio, "test_ratio"))
    if not 0 < test_ratio < 1:
        raise ValueError(f"`test_ratio` (fracción para la prueba) debe estar entre 0 y 1; llegó {test_ratio!r}.")
    seed = check_seed(seed)
    if dataset == "circles":
        X, y = datasets.circles(n, noise=0.05, factor=0.5, seed=seed)
        X = 2.5 * X
    elif dataset == "xor":
        X, y = datasets.xor(n, noise=0.25, seed=seed)
        X = 3.0 * (X - 0.5)                       # esquinas en (±1.5, ±1.5): x1·x2 > 0 en la clase 0
    elif dataset == "gaussians":
        X, y = datasets.blobs(n, centers=[[-1.2, -1.2], [1.2, 1.2]], cluster_std=0.7, seed=seed)
    else:
        X, y = datasets.spirals(n, noise=0.05, turns=1.25, seed=seed)
        X = 2.8 * X
    rng = np.random.default_rng(None if seed is None else seed + 1)
    X = X + noise * rng.standard_normal(X.shape)
    order = rng.permutation(n)
    n_test = min(max(1, round(test_ratio * n)), n - 1)
    test, train = order[:n_test], order[n_test:]
    return X[train], y[train], X[test], y[test]


def _feature_names(features):
    if isinstance(features, str) or not isinstance(features, (list, tuple)):
        raise TypeError(f"`features` debe ser una lista de nombres de entradas, como ('x1', 'x2'); "
                        f"llegó {describe(features)}.")
    names = []
    for name in features:
        lookup("entrada", name, FEATURES)
        name = name.lower()
        if name not in names:
            names.append(name)
    if not names:
        raise ValueError("`features` está vacía: elija al menos una entrada, por ejemplo ('x1', 'x2').")
    return tuple(sorted(names, key=list(FEATURES).index))


def feature_matrix(X, features):
    """Las columnas de las entradas elegidas, en el orden de :data:`FEATURES`: forma ``(n, len(features))``."""
    X = np.asarray(X, dtype=np.float64)
    if X.ndim != 2 or X.shape[1] != 2:
        raise ValueError(f"`X` debe tener forma (n, 2), un punto del plano por fila; llegó forma {X.shape}.")
    return np.column_stack([FEATURES[name][1](X) for name in _feature_names(features)])


def _hidden(hidden):
    if isinstance(hidden, (int, np.integer)):
        hidden = (hidden,)
    if not isinstance(hidden, (list, tuple)):
        raise TypeError(f"`hidden` debe ser una lista con las unidades de cada capa oculta, como (4, 2); "
                        f"llegó {describe(hidden)}.")
    if len(hidden) > 6:
        raise ValueError(f"`hidden`: el laboratorio admite hasta 6 capas ocultas; llegaron {len(hidden)}.")
    units = tuple(int(positive_number(u, "hidden", integer=True)) for u in hidden)
    if any(u > 8 for u in units):
        raise ValueError(f"`hidden`: como mucho 8 unidades por capa en el laboratorio; llegó {units}.")
    return units


class Playground:
    """El estado del laboratorio: datos, red, época e historia de las pérdidas.

    Se crea con la configuración (las claves de :data:`DEFAULTS`; lo que no se
    da toma su valor por omisión). :meth:`step` entrena épocas, :meth:`reset`
    vuelve a la época 0 (con cambios de configuración, si se dan) y
    :meth:`surface`, :meth:`unit_surfaces`, :meth:`feature_surfaces` y
    :meth:`weights` dan los datos de las figuras. ``history`` tiene
    ``"loss"`` y ``"val_loss"`` (entrenamiento y prueba, sin el término de
    regularización) desde la época 0.
    """

    def __init__(self, **config):
        unknown = sorted(set(config) - set(DEFAULTS))
        if unknown:
            raise TypeError(f"Playground: no conozco {', '.join(map(repr, unknown))}; las opciones son "
                            f"{', '.join(DEFAULTS)}.")
        self.config = {}
        self._data_config = None
        self.reset(**{**DEFAULTS, **config})

    # --- la configuración ------------------------------------------------------------
    def _validated(self, config):
        config = dict(config)
        lookup("conjunto de datos", config["dataset"], DATASETS)
        config["dataset"] = config["dataset"].lower()
        config["features"] = _feature_names(config["features"])
        config["hidden"] = _hidden(config["hidden"])
        lookup("función de activación", config["activation"], dict.fromkeys(ACTIVATIONS))
        config["activation"] = config["activation"].lower()
        config["learning_rate"] = float(positive_number(config["learning_rate"], "learning_rate"))
        if config["regularization"] not in (None, "l1", "l2"):
            raise ValueError(f"`regularization` debe ser None, 'l1' o 'l2'; llegó {config['regularization']!r}.")
        config["regularization_rate"] = float(positive_number(config["regularization_rate"],
                                                              "regularization_rate", allow_zero=True))
        config["batch_size"] = int(positive_number(config["batch_size"], "batch_size", integer=True))
        config["seed"] = check_seed(config["seed"])
        return config

    def reset(self, **changes):
        """Vuelve a la época 0 con una red nueva; ``changes`` cambia opciones de la configuración.

        Los datos solo se vuelven a generar si cambia una opción de los datos
        (conjunto, número de ejemplos, ruido, fracción de prueba o semilla).
        """
        unknown = sorted(set(changes) - set(DEFAULTS))
        if unknown:
            raise TypeError(f"reset: no conozco {', '.join(map(repr, unknown))}; las opciones son "
                            f"{', '.join(DEFAULTS)}.")
        config = self._validated({**DEFAULTS, **self.config, **changes})
        data_config = tuple(config[key] for key in _DATA_KEYS)
        if data_config != self._data_config:
            self.X_train, self.y_train, self.X_test, self.y_test = make_data(
                **{key: config[key] for key in _DATA_KEYS})
            self._data_config = data_config
        self.config = config
        self.F_train = feature_matrix(self.X_train, config["features"])
        self.F_test = feature_matrix(self.X_test, config["features"])
        self.model = self._build_model()
        self.rng = np.random.default_rng(config["seed"])
        self.epoch = 0
        self.diverged = None
        self.history = {"loss": [], "val_loss": []}
        self._record()
        return self

    def _build_model(self):
        c = self.config
        reg = None
        if c["regularization"] is not None and c["regularization_rate"] > 0:
            reg = (L1 if c["regularization"] == "l1" else L2)(c["regularization_rate"])
        layers = [Dense(units, activation=c["activation"], kernel_regularizer=reg) for units in c["hidden"]]
        layers.append(Dense(1, activation="sigmoid", kernel_regularizer=reg))
        model = Sequential(layers, seed=c["seed"], dtype="float64")
        model.compile(optimizer=SGD(learning_rate=c["learning_rate"]), loss="binary_crossentropy")
        model.build(len(c["features"]))
        return model

    # --- entrenar ------------------------------------------------------------------------
    @property
    def loss(self):
        """La pérdida de entrenamiento ahora (entropía cruzada, sin regularización)."""
        return self.history["loss"][-1]

    @property
    def val_loss(self):
        """La pérdida de prueba ahora."""
        return self.history["val_loss"][-1]

    def _data_loss(self, F, y):
        with np.errstate(over="ignore", invalid="ignore"):
            p = self.model.predict(F)
        if not np.all(np.isfinite(p)):
            return math.nan
        return float(_BCE(y.reshape(-1, 1).astype(np.float64), p))

    def _record(self):
        self.history["loss"].append(self._data_loss(self.F_train, self.y_train))
        self.history["val_loss"].append(self._data_loss(self.F_test, self.y_test))

    def step(self, epochs=1):
        """Entrena ``epochs`` épocas (lotes barajados) y devuelve ``(loss, val_loss)`` al final.

        Si el entrenamiento diverge (la pérdida deja de ser finita), se detiene,
        guarda el motivo en ``diverged`` y no entrena más hasta :meth:`reset`.
        """
        epochs = int(positive_number(epochs, "epochs", integer=True))
        F, y = self.F_train, self.y_train.reshape(-1, 1).astype(np.float64)
        size = self.config["batch_size"]
        for _ in range(epochs):
            if self.diverged:
                break
            order = self.rng.permutation(len(F))
            for start in range(0, len(F), size):
                idx = order[start:start + size]
                loss, _ = self.model.train_step(F[idx], y[idx])
                if not np.isfinite(loss):
                    break
            self.epoch += 1
            self._record()
            finite = all(np.isfinite(p).all() for p in self.model.trainable_params())
            if not (finite and np.isfinite(self.loss)):
                self.diverged = (f"La pérdida dejó de ser finita en la época {self.epoch}: la tasa de "
                                 f"aprendizaje ({self.config['learning_rate']:g}) es demasiado grande.")
        return self.loss, self.val_loss

    def accuracy(self, split="test"):
        """La fracción de ejemplos bien clasificados (umbral 0.5) en ``"train"`` o ``"test"``."""
        if split not in ("train", "test"):
            raise ValueError(f"`split` debe ser 'train' o 'test'; llegó {split!r}.")
        F, y = (self.F_train, self.y_train) if split == "train" else (self.F_test, self.y_test)
        with np.errstate(over="ignore", invalid="ignore"):
            p = self.model.predict(F)[:, 0]
        return float(np.mean((p > 0.5) == (y == 1)))

    # --- los datos de las figuras --------------------------------------------------------
    @staticmethod
    def grid(resolution=40):
        """Los puntos de una rejilla ``resolution × resolution`` del cuadro: ``(n², 2)``, fila a fila."""
        r = int(positive_number(resolution, "resolution", integer=True))
        t = np.linspace(-LIMIT, LIMIT, r)
        xx, yy = np.meshgrid(t, t)
        return np.column_stack([xx.ravel(), yy.ravel()])

    def _layer_outputs(self, resolution):
        r = int(positive_number(resolution, "resolution", integer=True))
        a = feature_matrix(self.grid(r), self.config["features"])
        outputs = []
        with np.errstate(over="ignore", invalid="ignore"):
            for layer in self.model.layers:
                a = layer.forward(a)
                outputs.append(a.T.reshape(-1, r, r))
        return outputs

    def surface(self, resolution=40):
        """La probabilidad de la clase 1 en la rejilla: ``(resolution, resolution)``, fila 0 abajo."""
        return self._layer_outputs(resolution)[-1][0]

    def unit_surfaces(self, resolution=20):
        """La salida de cada unidad oculta en la rejilla: una lista (una por capa) de ``(units, r, r)``."""
        return self._layer_outputs(resolution)[:-1]

    def feature_surfaces(self, resolution=20):
        """Cada entrada elegida en la rejilla: ``(n_entradas, r, r)``."""
        r = int(positive_number(resolution, "resolution", integer=True))
        return feature_matrix(self.grid(r), self.config["features"]).T.reshape(-1, r, r)

    def weights(self):
        """Las matrices de pesos de cada capa (copias): ``(entradas, unidades)``, de la primera a la salida."""
        return [layer.W.copy() for layer in self.model.layers]

    def layer_sizes(self):
        """Las unidades de cada capa, de las entradas a la salida: ``[n_entradas, *hidden, 1]``."""
        return [len(self.config["features"]), *self.config["hidden"], 1]

    def __repr__(self):
        c = self.config
        return (f"Playground({c['dataset']!r}, entradas={list(c['features'])}, capas={list(c['hidden'])}, "
                f"época {self.epoch}, pérdida {self.loss:.4f} / prueba {self.val_loss:.4f})")
