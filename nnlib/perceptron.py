"""El perceptrón de Rosenblatt: una neurona que aprende de sus errores.

Una sola neurona calcula una suma ponderada de sus entradas y la pasa por un
escalón (función de Heaviside)::

    z = w · x + b              (w: pesos, b: sesgo)
    ŷ = escalón(z) = 1 si z ≥ 0, y 0 si z < 0

La regla de aprendizaje de Rosenblatt (1958) recorre los ejemplos uno a uno y,
solo cuando la neurona se equivoca, mueve la frontera hacia el ejemplo::

    w ← w + η (y − ŷ) x
    b ← b + η (y − ŷ)

Con etiquetas 0/1, ``y − ŷ`` vale 0 si acierta, +1 si debía decir 1 y dijo 0,
y −1 en el caso contrario; ``η`` es la tasa de aprendizaje (``learning_rate``).
Una pasada por todos los ejemplos es una época. Si en una época no hay ningún
error, los pesos ya no cambian: el entrenamiento ha convergido.

El teorema de convergencia del perceptrón garantiza que eso ocurre en un número
finito de épocas **si y solo si** las dos clases se pueden separar con una
recta (un hiperplano en más dimensiones): son *linealmente separables*. AND,
OR y NAND lo son. XOR no lo es: ninguna recta deja (0,1) y (1,0) a un lado y
(0,0) y (1,1) al otro. Con XOR el perceptrón da vueltas sin fin; aquí se
detiene tras ``max_epochs`` épocas con ``converged_ = False``, sin lanzar
ningún error, para que el fracaso se pueda ver y estudiar. Resolver XOR exige
una capa oculta, y entrenarla exige retropropagación.

Con datos que no son separables, los pesos del final dependen de en qué
ejemplo se detuvo la regla, no de lo bien que clasifican. El **perceptrón de
bolsillo** (*pocket perceptron*, Gallant, 1990) aplica la misma regla pero
guarda «en el bolsillo» los mejores pesos vistos hasta el momento: tras cada
corrección cuenta los errores de los pesos nuevos en todo el conjunto de
entrenamiento y, si son menos que los del bolsillo, los guarda. Al terminar
devuelve los del bolsillo (``Perceptron(pocket=True)``). Es la variante «con
trinquete» de Gallant, que compara errores en todo el entrenamiento en lugar de
rachas de aciertos seguidos.
"""
from __future__ import annotations

import numpy as np

from nnlib._checks import as_float_array, boolean, positive_number
from nnlib._checks import seed as check_seed


def step(z):
    """Función escalón (Heaviside): 1 donde ``z >= 0`` y 0 en el resto."""
    return np.where(np.asarray(z) >= 0, 1, 0)


class Perceptron:
    """Perceptrón de Rosenblatt para clasificación binaria con etiquetas 0/1.

    Parámetros
    ----------
    learning_rate : float
        Tasa de aprendizaje ``η`` (> 0).
    max_epochs : int
        Máximo de pasadas por los datos si no converge antes.
    seed : int o None
        Semilla del generador que baraja los ejemplos (solo con ``shuffle=True``).
    shuffle : bool
        Si es True, recorre los ejemplos en un orden aleatorio distinto en cada época.
    initial_weights : array de forma (n_features,) o None
        Pesos de partida; por defecto, ceros.
    initial_bias : float
        Sesgo de partida; por defecto, 0.
    pocket : bool
        Si es True, es el perceptrón de bolsillo: guarda los pesos que menos
        ejemplos de entrenamiento clasifican mal entre todos los que recorre la
        regla (comprobados tras cada corrección) y termina con ellos.

    Atributos tras ``fit``
    ----------------------
    weights_ : ndarray (n_features,)   pesos finales ``w``.
    bias_ : float                      sesgo final ``b``.
    errors_ : list[int]                ejemplos mal clasificados (= actualizaciones) en cada época.
    history_ : list[(ndarray, float)]  copia de ``(w, b)`` al terminar cada época.
    converged_ : bool                  True si hubo una época sin errores.
    n_epochs_ : int                    épocas recorridas.
    train_errors_ : list[int]          ejemplos mal clasificados por los pesos del final de cada
                                       época, contados sobre todo el entrenamiento (el recuento
                                       de ``errors_`` se hace durante la época, con pesos que cambian).

    Solo con ``pocket=True``:

    pocket_errors_ : list[int]         errores de entrenamiento de los pesos del bolsillo al final
                                       de cada época (nunca aumentan).

    Con ``pocket=True``, ``weights_`` y ``bias_`` son los del bolsillo; ``history_``
    sigue guardando los pesos de la regla al final de cada época.
    """

    def __init__(self, learning_rate=1.0, max_epochs=100, seed=None, shuffle=False,
                 initial_weights=None, initial_bias=0.0, pocket=False):
        self.learning_rate = positive_number(learning_rate, "learning_rate")
        self.max_epochs = positive_number(max_epochs, "max_epochs", integer=True)
        self.seed = check_seed(seed)
        self.shuffle = boolean(shuffle, "shuffle")
        self.initial_weights = initial_weights
        self.initial_bias = initial_bias
        self.pocket = boolean(pocket, "pocket")

    def fit(self, X, y):
        """Aplica la regla de Rosenblatt hasta una época sin errores o ``max_epochs``."""
        X, y = _check_X(X), _check_labels(y)
        if len(y) != len(X):
            raise ValueError(
                f"`X` y `y` deben tener el mismo número de ejemplos; llegaron {len(X)} y {len(y)}."
            )
        w, b = self._initial_state(X.shape[1])
        rng = np.random.default_rng(self.seed)
        self.errors_, self.history_, self.train_errors_, self.converged_ = [], [], [], False
        if self.pocket:
            best_w, best_b, best_errors = w.copy(), b, _count_errors(X, y, w, b)
            self.pocket_errors_ = []

        for _ in range(self.max_epochs):
            order = rng.permutation(len(X)) if self.shuffle else range(len(X))
            errors = 0
            for i in order:
                y_hat = 1 if float(w @ X[i]) + b >= 0 else 0   # escalón(z), como step()
                if y_hat == y[i]:
                    continue                                   # acierta: nada cambia
                delta = self.learning_rate * (y[i] - y_hat)   # ±η
                w += delta * X[i]
                b += delta
                errors += 1
                if self.pocket:
                    current = _count_errors(X, y, w, b)
                    if current < best_errors:                  # mejores que los del bolsillo
                        best_w, best_b, best_errors = w.copy(), b, current
            self.errors_.append(errors)
            self.history_.append((w.copy(), float(b)))
            self.train_errors_.append(_count_errors(X, y, w, b))
            if self.pocket:
                self.pocket_errors_.append(best_errors)
            if errors == 0:
                self.converged_ = True
                break

        if self.pocket:
            w, b = best_w, best_b
        self.weights_, self.bias_ = w, float(b)
        self.n_epochs_ = len(self.errors_)
        return self

    def decision_function(self, X):
        """Devuelve ``z = X · w + b`` para cada ejemplo (su signo decide la clase)."""
        self._check_fitted()
        X = _check_X(X)
        if X.shape[1] != self.weights_.shape[0]:
            raise ValueError(
                f"`X` debe tener {self.weights_.shape[0]} columnas (las del entrenamiento); "
                f"llegaron {X.shape[1]}."
            )
        return X @ self.weights_ + self.bias_

    def predict(self, X):
        """Devuelve la clase predicha (0 o 1, enteros) para cada ejemplo."""
        return step(self.decision_function(X))

    # --- detalles -----------------------------------------------------------------------
    def _initial_state(self, n_features):
        if self.initial_weights is None:
            w = np.zeros(n_features)
        else:
            w = as_float_array(self.initial_weights, "initial_weights", ndim=1).astype(np.float64)
            if w.shape != (n_features,):
                raise ValueError(
                    f"`initial_weights` debe tener forma ({n_features},), una por columna de `X`; "
                    f"llegó forma {w.shape}."
                )
        b = as_float_array(self.initial_bias, "initial_bias", ndim=0)
        return w.copy(), float(b)

    def _check_fitted(self):
        if not hasattr(self, "weights_"):
            raise RuntimeError("El perceptrón aún no está entrenado: llame primero a `fit(X, y)`.")

    def __repr__(self):
        pocket = ", pocket=True" if self.pocket else ""
        return (f"Perceptron(learning_rate={self.learning_rate}, max_epochs={self.max_epochs}, "
                f"seed={self.seed}, shuffle={self.shuffle}{pocket})")


def _count_errors(X, y, w, b):
    """Ejemplos de ``X`` que el perceptrón ``(w, b)`` clasifica mal."""
    return int(np.sum(step(X @ w + b) != y))


def _check_X(X):
    X = as_float_array(X, "X", ndim=(1, 2))
    if X.ndim == 1:
        raise ValueError(
            f"`X` debe ser una matriz (n_ejemplos, n_variables); llegó un vector de forma {X.shape}. "
            "Si es una sola variable, use `X.reshape(-1, 1)`."
        )
    return X.astype(np.float64, copy=False)


def _check_labels(y):
    y = as_float_array(y, "y", ndim=(1, 2))
    if y.ndim == 2:
        if y.shape[1] != 1:
            raise ValueError(f"`y` debe ser un vector de etiquetas 0/1 de forma (n,); llegó forma {y.shape}.")
        y = y[:, 0]
    extra = np.setdiff1d(np.unique(y), [0.0, 1.0])
    if extra.size:
        raise ValueError(
            "Las etiquetas `y` del perceptrón deben ser 0 o 1; llegaron también "
            f"{extra[:5].tolist()}. Si sus clases son -1/+1, use `(y + 1) // 2`."
        )
    return y.astype(np.int64)
