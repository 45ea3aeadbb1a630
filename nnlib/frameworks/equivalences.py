"""Tablas de equivalencias: la misma idea en nnlib, en Keras y en PyTorch.

El curso enseña cada idea tres veces. Estas tablas dicen cómo se llama cada
pérdida, activación y optimizador en los tres, y **dónde los nombres
engañan**: ``nn.HingeEmbeddingLoss`` de PyTorch no es la ``Hinge`` de Keras,
``nn.CrossEntropyLoss`` recibe *logits* (no probabilidades), ``nn.BCELoss``
recibe probabilidades y ``nn.KLDivLoss`` recibe el *logaritmo* de la
predicción. También recogen los valores por defecto que difieren entre Keras
y PyTorch (el :math:`\\epsilon` de Adam, el :math:`\\rho` de RMSprop, el
acumulador inicial de Adagrad, la forma de escribir el momento) y qué
argumentos hay que dar a PyTorch para que calcule lo mismo que Keras.

Las tablas son datos (listas de diccionarios) y este módulo no importa ni
Keras ni PyTorch: se pueden imprimir en cualquier capítulo con
:func:`table`. Cada hecho vive en un solo lugar: ``nnlib.frameworks.torch``
construye sus optimizadores con :data:`OPTIMIZERS` y las pruebas comprueban
cada valor por defecto contra las firmas reales de Keras y de PyTorch.

Una convención que conviene recordar: **Keras** llama a una pérdida como
``loss(y_true, y_pred)`` y **PyTorch** como ``loss(y_pred, y_true)``
(primero la predicción, ``input``, y después el objetivo, ``target``).
"""
from __future__ import annotations

from nnlib._checks import lookup
from nnlib.losses import EPSILON  # noqa: F401 - el keras.backend.epsilon() con el que Keras recorta; uno solo

# --------------------------------------------------------------------------------------
# Tipos de problema: capa de salida y pérdida (la tabla de la primera clase del curso)
# --------------------------------------------------------------------------------------
PROBLEMS = [
    {"problem": "Regresión", "target": "un número real",
     "output": "1 neurona, sin activación (lineal)",
     "keras": '"mse" (o "mae", "huber")', "torch": "nn.MSELoss()"},
    {"problem": "Clasificación binaria", "target": "2 clases excluyentes (0/1)",
     "output": "1 neurona + sigmoide",
     "keras": '"binary_crossentropy"', "torch": "nn.BCEWithLogitsLoss() sobre la salida sin sigmoide"},
    {"problem": "Clasificación multiclase", "target": "N clases excluyentes",
     "output": "N neuronas + softmax",
     "keras": '"categorical_crossentropy" (one-hot) o "sparse_categorical_crossentropy" (enteros)',
     "torch": "nn.CrossEntropyLoss() sobre la salida sin softmax (logits)"},
    {"problem": "Clasificación multietiqueta", "target": "N clases no excluyentes",
     "output": "N neuronas + sigmoide",
     "keras": '"binary_crossentropy"', "torch": "nn.BCEWithLogitsLoss() sobre la salida sin sigmoide"},
]

# --------------------------------------------------------------------------------------
# Pérdidas
# --------------------------------------------------------------------------------------
# name:        nombre de Keras en snake_case (el de nnlib.losses.get y keras.losses.get)
# keras_names: otros textos que aceptan keras.losses.get y nnlib.losses.get
# legacy_names: nombres de Keras 2 que Keras 3 ya no acepta (nnlib sí)
# torch:       la clase de PyTorch que calcula lo mismo, o None si no hay ninguna
# torch_code:  la función de nnlib.frameworks.torch que reproduce a Keras exactamente,
#              recortes incluidos; se llama como en PyTorch: f(y_pred, y_true)
LOSSES = [
    {"name": "mean_squared_error", "nnlib": "MeanSquaredError", "keras": "keras.losses.MeanSquaredError",
     "keras_names": ("mse", "MSE"), "torch": "nn.MSELoss()", "torch_code": "mean_squared_error",
     "problem": "regresión",
     "note": "Idénticas: media de (y_pred − y_true)²."},
    {"name": "mean_absolute_error", "nnlib": "MeanAbsoluteError", "keras": "keras.losses.MeanAbsoluteError",
     "keras_names": ("mae", "MAE"), "torch": "nn.L1Loss()", "torch_code": "mean_absolute_error",
     "problem": "regresión",
     "note": "Idénticas: media de |y_pred − y_true|."},
    {"name": "mean_absolute_percentage_error", "nnlib": "MeanAbsolutePercentageError",
     "keras": "keras.losses.MeanAbsolutePercentageError", "keras_names": ("mape", "MAPE"),
     "torch": None, "torch_code": "mean_absolute_percentage_error", "problem": "regresión",
     "note": "PyTorch no la trae. Keras divide entre max(|y_true|, 1e-7) y multiplica por 100."},
    {"name": "mean_squared_logarithmic_error", "nnlib": "MeanSquaredLogarithmicError",
     "keras": "keras.losses.MeanSquaredLogarithmicError", "keras_names": ("msle", "MSLE"),
     "torch": None, "torch_code": "mean_squared_logarithmic_error", "problem": "regresión",
     "note": "PyTorch no la trae. Keras sustituye los valores menores que 1e-7 por 1e-7 antes de log(1 + y)."},
    {"name": "huber", "nnlib": "Huber", "keras": "keras.losses.Huber", "keras_names": (),
     "torch": "nn.HuberLoss(delta=1.0)", "torch_code": "huber", "problem": "regresión",
     "note": "Idénticas con el mismo delta. nn.SmoothL1Loss(beta) es HuberLoss(delta=beta) dividida entre "
             "beta: solo coincide con Huber cuando delta = beta = 1."},
    {"name": "log_cosh", "nnlib": "LogCosh", "keras": "keras.losses.LogCosh",
     "keras_names": (), "legacy_names": ("logcosh",),
     "torch": None, "torch_code": "log_cosh", "problem": "regresión",
     "note": "PyTorch no la trae. Forma estable: log(eˣ + e⁻ˣ) − log 2 (torch.logaddexp); Keras usa x + softplus(−2x) − log 2, lo mismo."},
    {"name": "poisson", "nnlib": "Poisson", "keras": "keras.losses.Poisson", "keras_names": (),
     "torch": "nn.PoissonNLLLoss(log_input=False, eps=1e-7)", "torch_code": "poisson", "problem": "conteos",
     "note": "Por defecto PyTorch espera log(λ) (log_input=True) y usa eps=1e-8; Keras recibe λ y usa 1e-7."},
    {"name": "kl_divergence", "nnlib": "KLDivergence", "keras": "keras.losses.KLDivergence",
     "keras_names": ("kld", "KLD"),
     "legacy_names": ("kullback_leibler_divergence",),
     "torch": 'nn.KLDivLoss(reduction="batchmean")', "torch_code": "kl_divergence",
     "problem": "distribuciones",
     "note": "nn.KLDivLoss recibe el LOGARITMO de la predicción, y su reducción por defecto ('mean') divide "
             "entre todos los elementos: use reduction='batchmean'. Keras recorta ambas entradas a [1e-7, 1]."},
    {"name": "binary_crossentropy", "nnlib": "BinaryCrossentropy", "keras": "keras.losses.BinaryCrossentropy",
     "keras_names": ("bce",), "torch": "nn.BCELoss() (probabilidades) o nn.BCEWithLogitsLoss() (logits)",
     "torch_code": "binary_crossentropy", "problem": "clasificación binaria y multietiqueta",
     "note": "nn.BCELoss recibe probabilidades y limita log(p) a −100; Keras recorta p a [1e-7, 1 − 1e-7]: "
             "difieren con probabilidades extremas. Con from_logits=True, Keras = nn.BCEWithLogitsLoss "
             "(la forma estable, preferible)."},
    {"name": "categorical_crossentropy", "nnlib": "CategoricalCrossentropy",
     "keras": "keras.losses.CategoricalCrossentropy", "keras_names": (),
     "torch": "nn.CrossEntropyLoss() (¡recibe logits!)", "torch_code": "categorical_crossentropy",
     "problem": "clasificación multiclase (one-hot)",
     "note": "nn.CrossEntropyLoss aplica log-softmax por dentro: equivale a Keras con from_logits=True, así que "
             "el modelo de PyTorch no debe terminar en softmax. Acepta objetivos one-hot (float) y también "
             "label_smoothing, con la misma fórmula que Keras."},
    {"name": "sparse_categorical_crossentropy", "nnlib": "SparseCategoricalCrossentropy",
     "keras": "keras.losses.SparseCategoricalCrossentropy", "keras_names": (),
     "torch": "nn.CrossEntropyLoss() (¡recibe logits!) o nn.NLLLoss() (log-probabilidades)",
     "torch_code": "sparse_categorical_crossentropy", "problem": "clasificación multiclase (enteros)",
     "note": "Es la pérdida que PyTorch usa por defecto: etiquetas enteras (torch.long) y logits. Si la red ya "
             "termina en softmax, use nn.NLLLoss sobre torch.log(p)."},
    {"name": "hinge", "nnlib": "Hinge", "keras": "keras.losses.Hinge", "keras_names": (),
     "torch": None, "torch_code": "hinge", "problem": "clasificación binaria (SVM)",
     "note": "¡nn.HingeEmbeddingLoss NO es la Hinge de Keras! Aquella mide distancias (x si y = 1, "
             "max(0, margen − x) si y = −1). Keras calcula max(0, 1 − y·ŷ) y pasa las etiquetas 0/1 a −1/1."},
    {"name": "squared_hinge", "nnlib": "SquaredHinge", "keras": "keras.losses.SquaredHinge", "keras_names": (),
     "torch": None, "torch_code": "squared_hinge", "problem": "clasificación binaria (SVM)",
     "note": "PyTorch no la trae: max(0, 1 − y·ŷ)², con las etiquetas 0/1 pasadas a −1/1."},
    {"name": "categorical_hinge", "nnlib": "CategoricalHinge", "keras": "keras.losses.CategoricalHinge",
     "keras_names": (), "torch": None, "torch_code": "categorical_hinge", "problem": "clasificación multiclase",
     "note": "nn.MultiMarginLoss es otra pérdida: promedia sobre todas las clases incorrectas; Keras toma solo "
             "la peor: max(0, 1 + máx. de las incorrectas − la correcta)."},
    {"name": "binary_focal_crossentropy", "nnlib": "BinaryFocalCrossentropy",
     "keras": "keras.losses.BinaryFocalCrossentropy", "keras_names": (),
     "torch": None, "torch_code": "binary_focal_crossentropy", "problem": "clasificación binaria desbalanceada",
     "note": "Pérdida focal (Lin et al., 2017): (1 − p_t)^γ · BCE. PyTorch no la trae (torchvision.ops."
             "sigmoid_focal_loss recibe logits, aplica alpha = 0.25 por defecto y no promedia). El "
             "tfa.losses.SigmoidFocalCrossEntropy de TensorFlow Addons ya no se mantiene: Keras 3 la trae."},
]

# --------------------------------------------------------------------------------------
# Activaciones
# --------------------------------------------------------------------------------------
# keras_params / torch_params: los valores por defecto (las pruebas los comparan con las firmas reales)
ACTIVATIONS = [
    {"name": "linear", "keras": '"linear" (o activation=None)', "torch": "nn.Identity()",
     "keras_params": {}, "torch_params": {},
     "note": "Sin activación: la salida de una regresión."},
    {"name": "step", "keras": None, "torch": None,
     "keras_params": {}, "torch_params": {},
     "note": "Escalón de Heaviside del perceptrón: 1 si z ≥ 0. Ninguno de los dos la trae porque su derivada "
             "es 0 y no sirve para retropropagar; en PyTorch: (z >= 0).to(z.dtype)."},
    {"name": "sigmoid", "keras": '"sigmoid"', "torch": "nn.Sigmoid()", "keras_params": {}, "torch_params": {},
     "note": "Idénticas: 1 / (1 + e^(−z))."},
    {"name": "tanh", "keras": '"tanh"', "torch": "nn.Tanh()", "keras_params": {}, "torch_params": {},
     "note": "Idénticas."},
    {"name": "relu", "keras": '"relu"', "torch": "nn.ReLU()",
     "keras_params": {"negative_slope": 0.0, "max_value": None, "threshold": 0.0}, "torch_params": {},
     "note": "Idénticas: max(0, z)."},
    {"name": "leaky_relu", "keras": '"leaky_relu"', "torch": "nn.LeakyReLU(negative_slope=0.2)",
     "keras_params": {"negative_slope": 0.2}, "torch_params": {"negative_slope": 0.01},
     "keras_layer_params": {"negative_slope": 0.3},
     "note": "¡Tres pendientes por defecto! La función de Keras (\"leaky_relu\") usa 0.2, la capa "
             "keras.layers.LeakyReLU usa 0.3 y nn.LeakyReLU de PyTorch usa 0.01. nnlib usa 0.2, como la función."},
    {"name": "elu", "keras": '"elu"', "torch": "nn.ELU(alpha=1.0)",
     "keras_params": {"alpha": 1.0}, "torch_params": {"alpha": 1.0},
     "note": "Idénticas: z si z > 0; α(e^z − 1) si no."},
    {"name": "gelu", "keras": '"gelu"', "torch": "nn.GELU()",
     "keras_params": {"approximate": False}, "torch_params": {"approximate": "none"},
     "note": "Ambas usan por defecto la forma exacta z·Φ(z) con la función de error; la aproximación con tanh "
             "es approximate=True en Keras y approximate='tanh' en PyTorch."},
    {"name": "swish", "keras": '"swish" o "silu"', "torch": "nn.SiLU()", "keras_params": {}, "torch_params": {},
     "note": "El mismo z·σ(z) con dos nombres: swish (Google) y SiLU (PyTorch)."},
    {"name": "softmax", "keras": '"softmax"', "torch": "nn.Softmax(dim=-1)",
     "keras_params": {"axis": -1}, "torch_params": {"dim": None},
     "note": "PyTorch pide el eje (dim=-1). Si la pérdida es nn.CrossEntropyLoss, no ponga softmax al final: "
             "esa pérdida ya la aplica."},
]

# --------------------------------------------------------------------------------------
# Optimizadores
# --------------------------------------------------------------------------------------
# keras_defaults / torch_defaults: los valores por defecto (las pruebas los comparan con las firmas reales)
# rename: cómo se llama en PyTorch cada argumento de Keras (los betas van juntos en una tupla)
# like_keras: argumentos de PyTorch que reproducen los valores por defecto de Keras; se derivan de
#             keras_defaults con `torch_arguments` (no se escriben dos veces)
OPTIMIZERS = [
    {"name": "sgd", "nnlib": "SGD", "keras": "keras.optimizers.SGD", "torch": "torch.optim.SGD",
     "keras_defaults": {"learning_rate": 0.01, "momentum": 0.0, "nesterov": False},
     "torch_defaults": {"lr": 0.001, "momentum": 0, "dampening": 0, "nesterov": False},
     "rename": {"learning_rate": "lr", "momentum": "momentum", "nesterov": "nesterov"},
     "difference": "Tasa por defecto 0.01 en Keras y 0.001 en PyTorch. El momento se escribe distinto: Keras "
                   "guarda la velocidad ya multiplicada por η (v ← μv − ηg; θ ← θ + v) y PyTorch la suma de "
                   "gradientes (b ← μb + g; θ ← θ − ηb). Con η constante es el mismo algoritmo (v = −ηb), "
                   "Nesterov incluido; si η cambia durante el entrenamiento, difieren. PyTorch tiene además "
                   "dampening (0 por defecto: déjelo así)."},
    {"name": "adagrad", "nnlib": "Adagrad", "keras": "keras.optimizers.Adagrad", "torch": "torch.optim.Adagrad",
     "keras_defaults": {"learning_rate": 0.001, "initial_accumulator_value": 0.1, "epsilon": 1e-7},
     "torch_defaults": {"lr": 0.01, "initial_accumulator_value": 0, "eps": 1e-10, "lr_decay": 0},
     "rename": {"learning_rate": "lr", "initial_accumulator_value": "initial_accumulator_value",
                "epsilon": "eps"},
     "difference": "El acumulador empieza en 0.1 en Keras y en 0 en PyTorch; tasa 0.001 y 0.01. ε va dentro "
                   "de la raíz en Keras, √(a + ε), y fuera en PyTorch, √a + ε (1e-7 y 1e-10). Como a ≥ 0.1, "
                   "con el mismo ε la diferencia es menor que ε/√0.1 en términos relativos."},
    {"name": "adadelta", "nnlib": "Adadelta", "keras": "keras.optimizers.Adadelta",
     "torch": "torch.optim.Adadelta",
     "keras_defaults": {"learning_rate": 0.001, "rho": 0.95, "epsilon": 1e-7},
     "torch_defaults": {"lr": 1.0, "rho": 0.9, "eps": 1e-6},
     "rename": {"learning_rate": "lr", "rho": "rho", "epsilon": "eps"},
     "difference": "La misma regla (ε dentro de las dos raíces en ambos); solo cambian los valores por "
                   "defecto: η 0.001 y 1.0 (el artículo de Zeiler usa 1), ρ 0.95 y 0.9, ε 1e-7 y 1e-6."},
    {"name": "rmsprop", "nnlib": "RMSprop", "keras": "keras.optimizers.RMSprop", "torch": "torch.optim.RMSprop",
     "keras_defaults": {"learning_rate": 0.001, "rho": 0.9, "momentum": 0.0, "epsilon": 1e-7,
                        "centered": False},
     "torch_defaults": {"lr": 0.01, "alpha": 0.99, "momentum": 0, "eps": 1e-8, "centered": False},
     "rename": {"learning_rate": "lr", "rho": "alpha", "momentum": "momentum", "epsilon": "eps",
                "centered": "centered"},
     "difference": "ρ se llama alpha en PyTorch y vale 0.99 (0.9 en Keras); tasa 0.01 y 0.001. ε va dentro "
                   "de la raíz en Keras, √(v + ε), y fuera en PyTorch, √v + ε (1e-7 y 1e-8): con el mismo ε "
                   "coinciden mientras |g| ≫ √ε ≈ 3·10⁻⁴ y se separan cuando el gradiente es menor. Con momento, Keras "
                   "acumula el paso ya multiplicado por η y PyTorch multiplica después: igual con η constante."},
    {"name": "adam", "nnlib": "Adam", "keras": "keras.optimizers.Adam", "torch": "torch.optim.Adam",
     "keras_defaults": {"learning_rate": 0.001, "beta_1": 0.9, "beta_2": 0.999, "epsilon": 1e-7,
                        "amsgrad": False},
     "torch_defaults": {"lr": 0.001, "betas": (0.9, 0.999), "eps": 1e-8, "amsgrad": False},
     "rename": {"learning_rate": "lr", "beta_1": "betas", "beta_2": "betas", "epsilon": "eps",
                "amsgrad": "amsgrad"},
     "difference": "ε vale 1e-7 en Keras y 1e-8 en PyTorch, y no está en el mismo sitio: Keras lo suma a √v "
                   "(sin corregir el sesgo) y PyTorch a √v̂ = √v/√(1 − β₂ᵗ). El ε de Keras equivale a "
                   "ε·√(1 − β₂ᵗ) de PyTorch. Con el mismo ε el paso difiere en un factor relativo del orden de "
                   "ε/|g|: nada con gradientes normales, mucho con gradientes diminutos."},
    {"name": "adamw", "nnlib": "AdamW", "keras": "keras.optimizers.AdamW", "torch": "torch.optim.AdamW",
     "keras_defaults": {"learning_rate": 0.001, "weight_decay": 0.004, "beta_1": 0.9, "beta_2": 0.999,
                        "epsilon": 1e-7, "amsgrad": False},
     "torch_defaults": {"lr": 0.001, "weight_decay": 0.01, "betas": (0.9, 0.999), "eps": 1e-8,
                        "amsgrad": False},
     "rename": {"learning_rate": "lr", "weight_decay": "weight_decay", "beta_1": "betas", "beta_2": "betas",
                "epsilon": "eps", "amsgrad": "amsgrad"},
     "difference": "weight_decay vale 0.004 en Keras y 0.01 en PyTorch; ε como en Adam. Los dos desacoplan el "
                   "decaimiento igual: θ ← θ − ηλθ antes del paso de Adam."},
]

_TABLES = {"losses": LOSSES, "activations": ACTIVATIONS, "optimizers": OPTIMIZERS, "problems": PROBLEMS}


def torch_arguments(name, keras_config):
    """Traduce argumentos de Keras a los de PyTorch para el optimizador ``name``.

    >>> torch_arguments("rmsprop", {"learning_rate": 0.001, "rho": 0.9, "epsilon": 1e-7})
    {'lr': 0.001, 'alpha': 0.9, 'eps': 1e-07}

    Solo traduce nombres: las diferencias de fórmula están en la columna
    ``difference``. Los argumentos de Keras sin equivalente directo
    (``clipnorm``, ``weight_decay`` fuera de AdamW...) dan un error en español.
    """
    row = optimizer_row(name)
    out = {}
    for key, value in keras_config.items():
        if key not in row["rename"]:
            raise ValueError(
                f"El argumento de Keras `{key}` del optimizador '{row['name']}' no tiene equivalente directo en "
                f"PyTorch; argumentos traducibles: {', '.join(row['rename'])}."
            )
        if key in ("beta_1", "beta_2"):  # PyTorch los recibe juntos: betas=(beta_1, beta_2)
            value = (keras_config.get("beta_1", row["keras_defaults"]["beta_1"]),
                     keras_config.get("beta_2", row["keras_defaults"]["beta_2"]))
        out[row["rename"][key]] = value
    return out


def like_keras(name):
    """Argumentos de PyTorch que reproducen los valores por defecto de Keras para el optimizador ``name``."""
    return torch_arguments(name, optimizer_row(name)["keras_defaults"])


def _row(kind, name):
    rows = _TABLES[kind]
    names = {}
    for row in rows:
        names[row["name"]] = row
        for alias in (*row.get("keras_names", ()), *row.get("legacy_names", ())):
            names[alias] = row
        if "nnlib" in row:
            names[row["nnlib"]] = row
    return lookup({"losses": "pérdida", "activations": "activación", "optimizers": "optimizador"}[kind],
                  name, names)


def loss_row(name):
    """La fila de :data:`LOSSES` de una pérdida (nombre de Keras, alias o clase de nnlib)."""
    return _row("losses", name)


def activation_row(name):
    """La fila de :data:`ACTIVATIONS` de una activación."""
    return _row("activations", name)


def activation_spec(identifier):
    """``(fila, parámetros)`` de una activación dada por su nombre o como activación de ``nnlib``.

    Los parámetros son los de la instancia de nnlib (``negative_slope``, ``alpha``, ``axis``) o
    ``{}`` para un nombre; ``"silu"`` es otro nombre de ``"swish"``.
    """
    if isinstance(identifier, str):
        name, params = identifier, {}
    else:
        name = getattr(identifier, "name", None)
        if name is None:
            raise TypeError(
                "`identifier` debe ser un nombre de activación (str) o una activación de nnlib; "
                f"llegó {type(identifier).__name__}."
            )
        params = identifier.get_config() if hasattr(identifier, "get_config") else {}
    name = "swish" if name.lower() == "silu" else name
    return activation_row(name), params


def optimizer_row(name):
    """La fila de :data:`OPTIMIZERS` de un optimizador (``"adam"`` o ``"Adam"``)."""
    return _row("optimizers", name)


def torch_code(name):
    """El código de PyTorch (una función) que calcula la pérdida ``name`` exactamente como Keras.

    Lo lee del archivo ``nnlib/frameworks/torch.py`` sin importarlo (no hace falta PyTorch para
    imprimirlo): el código que se muestra es el que se ejecuta.
    """
    return _torch_source(loss_row(name)["torch_code"])


def _torch_source(function):
    import ast
    from pathlib import Path

    source = Path(__file__).with_name("torch.py").read_text(encoding="utf-8")
    for node in ast.parse(source).body:
        if isinstance(node, ast.FunctionDef) and node.name == function:
            return ast.get_source_segment(source, node)
    raise LookupError(f"No se encontró la función `{function}` en nnlib/frameworks/torch.py.")  # pragma: no cover


def _format_defaults(params):
    return ", ".join(f"{k}={v!r}" for k, v in params.items()) or "—"


def _display_rows(kind):
    """Las filas tal como se muestran: columnas con encabezado en español."""
    if kind == "losses":
        return [{
            "nnlib": f"losses.{r['nnlib']}",
            "Keras (clase)": r["keras"],
            "Keras (texto)": ", ".join(f'"{n}"' for n in (r["name"], *r["keras_names"])),
            "PyTorch": r["torch"] or f"— (no la trae; código: {r['torch_code']}(y_pred, y_true))",
            "Nota": r["note"],
        } for r in LOSSES]
    if kind == "activations":
        return [{
            "nnlib / Keras": f'"{r["name"]}"',
            "Keras": r["keras"] or "—",
            "PyTorch": r["torch"] or "— (código: (z >= 0).to(z.dtype))",
            "Nota": r["note"],
        } for r in ACTIVATIONS]
    if kind == "optimizers":
        return [{
            "nnlib": f"optimizers.{r['nnlib']}",
            "Keras": r["keras"],
            "PyTorch": r["torch"],
            "Por defecto en Keras": _format_defaults(r["keras_defaults"]),
            "Por defecto en PyTorch": _format_defaults(r["torch_defaults"]),
            "PyTorch como Keras": f"{r['torch']}(params, {_format_defaults(like_keras(r['name']))})",
            "Diferencias": r["difference"],
        } for r in OPTIMIZERS]
    return [{
        "Problema": r["problem"], "Objetivo": r["target"], "Capa de salida": r["output"],
        "Pérdida en Keras": r["keras"], "Pérdida en PyTorch": r["torch"],
    } for r in PROBLEMS]


def rows(kind):
    """Las filas de una tabla (``"losses"``, ``"activations"``, ``"optimizers"`` o ``"problems"``) como datos."""
    lookup("tabla", kind, _TABLES)
    return [dict(r) for r in _TABLES[kind.lower()]]


def table(kind, columns=None, fmt="markdown", code=False):
    """Una tabla lista para imprimir.

    ``kind``: ``"losses"``, ``"activations"``, ``"optimizers"`` o ``"problems"``.
    ``columns``: lista de encabezados que mostrar (por defecto, todos).
    ``fmt``: ``"markdown"`` (para ``IPython.display.Markdown``) o ``"text"``
    (texto plano alineado, para ``print``).
    ``code``: en la tabla de pérdidas, añade debajo el código de PyTorch de las
    pérdidas que PyTorch no trae (las funciones de ``nnlib.frameworks.torch``).
    """
    lookup("tabla", kind, _TABLES)
    lookup("formato", fmt, {"markdown": None, "text": None})
    data = _display_rows(kind.lower())
    headers = list(data[0])
    if columns is not None:
        for c in columns:
            lookup("columna", c, dict.fromkeys(headers))
        headers = list(columns)
    cells = [[str(d[h]) for h in headers] for d in data]
    if fmt.lower() == "markdown":
        esc = [[c.replace("|", "\\|") for c in row] for row in cells]
        lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
        lines += ["| " + " | ".join(row) + " |" for row in esc]
        return "\n".join(lines) + _code_blocks(kind, code, markdown=True)
    widths = [max(len(h), *(len(row[i]) for row in cells)) for i, h in enumerate(headers)]
    fmt_row = "  ".join("{:<%d}" % w for w in widths)
    lines = [fmt_row.format(*headers).rstrip(), "  ".join("-" * w for w in widths)]
    lines += [fmt_row.format(*row).rstrip() for row in cells]
    return "\n".join(lines) + _code_blocks(kind, code, markdown=False)


def _code_blocks(kind, code, markdown):
    if not code or kind.lower() != "losses":
        return ""
    sources = [_torch_source("_target"), _torch_source("_hinge_labels")]  # las dos ayudas que usan
    sources += [torch_code(row["name"]) for row in LOSSES if row["torch"] is None]
    if markdown:
        sources = [f"```python\n{source}\n```" for source in sources]
    return "\n\n" + "\n\n".join(sources)
