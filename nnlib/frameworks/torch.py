"""El curso en PyTorch: el mismo modelo, las mismas pérdidas, el mismo bucle.

Importar este módulo importa PyTorch (el núcleo de ``nnlib`` no lo necesita).
Contiene, en este orden:

* :func:`set_seed` y :func:`device`: fijar la semilla y elegir dónde calcular
  (CUDA si hay una GPU de NVIDIA, MPS en un Mac con chip de Apple, si no la CPU).
* :func:`activation`: el módulo de ``torch.nn`` de cada activación del curso.
* Las pérdidas de Keras escritas en PyTorch, **con los mismos recortes** que
  Keras, una función por pérdida (``mean_squared_error``, ``hinge``...). Se
  llaman como en PyTorch, ``f(y_pred, y_true)``: primero la predicción.
  :func:`loss` elige la función por su nombre de Keras.
* :func:`optimizer`: el optimizador de ``torch.optim`` con los argumentos que
  reproducen a Keras (los valores por defecto de PyTorch son otros; vea
  ``nnlib.frameworks.equivalences.OPTIMIZERS``).
* :func:`to_torch` y :func:`from_torch`: un ``Sequential`` de ``nnlib`` en
  ``torch.nn.Sequential`` y de vuelta, con los mismos pesos. Ojo con la
  forma: ``nn.Linear`` guarda ``weight`` de forma (salidas, entradas), la
  traspuesta del ``W`` de ``nnlib`` y del ``kernel`` de Keras, porque calcula
  :math:`y = x W^T + b`.
* :func:`fit`: un bucle de entrenamiento de PyTorch que cabe en una pantalla.
"""
from __future__ import annotations

import inspect
import math

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from nnlib._checks import boolean as _flag
from nnlib._checks import describe
from nnlib.callbacks import Callback, ProgbarLogger
from nnlib.frameworks import built_layers, equivalences
from nnlib.losses import EPSILON  # el keras.backend.epsilon() con el que Keras recorta


# ======================================================================================
# Semilla y dispositivo
# ======================================================================================
def set_seed(seed):
    """Fija la semilla de PyTorch (CPU y GPU) y la de NumPy."""
    torch.manual_seed(seed)
    np.random.seed(seed)


def describe(dev):
    """Una línea en español que dice qué dispositivo es ``dev``."""
    dev = torch.device(dev)
    if dev.type == "cuda":
        index = dev.index if dev.index is not None else torch.cuda.current_device()
        n = torch.cuda.device_count()
        extra = f" ({n} GPU visibles; para usarlas todas, vea nnlib.frameworks.distributed_torch)" if n > 1 else ""
        return f"Se usa la GPU {torch.cuda.get_device_name(index)} (CUDA){extra}."
    if dev.type == "mps":
        return "Se usa la GPU del chip de Apple (MPS)."
    return "No hay GPU disponible: se usa la CPU."


def device(verbose=True):
    """Elige dónde calcular: CUDA si está, si no MPS (Apple), si no la CPU.

    Devuelve un ``torch.device``; con ``verbose=True`` imprime una línea que
    dice cuál eligió. Uso típico: ``model.to(device())``.
    """
    if torch.cuda.is_available():
        dev = torch.device("cuda")
    elif getattr(torch.backends, "mps", None) is not None and torch.backends.mps.is_available():
        dev = torch.device("mps")
    else:
        dev = torch.device("cpu")
    if _flag(verbose, "verbose"):
        print(describe(dev))
    return dev


# ======================================================================================
# Activaciones
# ======================================================================================
class Step(nn.Module):
    """Escalón de Heaviside (1 si z ≥ 0, si no 0): la activación del perceptrón.

    PyTorch no la trae porque su derivada es 0 en todas partes: sirve para
    el perceptrón, no para retropropagar.
    """

    def forward(self, z):
        return (z >= 0).to(z.dtype)


def activation(identifier):
    """El módulo de ``torch.nn`` de una activación del curso.

    ``identifier``: un nombre de Keras (``"relu"``, ``"leaky_relu"``...) o una
    activación de ``nnlib.activations`` (se respetan sus parámetros, p. ej.
    ``negative_slope``). Los valores por defecto son los de Keras, no los de
    PyTorch: ``"leaky_relu"`` da ``nn.LeakyReLU(negative_slope=0.2)``.
    """
    if identifier is None:
        return nn.Identity()
    row, params = equivalences.activation_spec(identifier)
    name = row["name"]
    if name == "leaky_relu":
        return nn.LeakyReLU(negative_slope=params.get("negative_slope", 0.2))
    if name == "elu":
        return nn.ELU(alpha=params.get("alpha", 1.0))
    if name == "softmax":
        return nn.Softmax(dim=params.get("axis", -1))
    simple = {"linear": nn.Identity, "step": Step, "sigmoid": nn.Sigmoid, "tanh": nn.Tanh, "relu": nn.ReLU,
              "gelu": nn.GELU, "swish": nn.SiLU}
    return simple[name]()


# ======================================================================================
# Pérdidas, como Keras (misma fórmula, mismos recortes). Orden de PyTorch: (y_pred, y_true)
# ======================================================================================
def _target(y_pred, y_true):
    """Convierte ``y_true`` al tipo de ``y_pred`` y le da su forma ((N,) → (N, 1) si hace falta)."""
    y_true = torch.as_tensor(y_true, dtype=y_pred.dtype, device=y_pred.device)
    if y_true.dim() == y_pred.dim() - 1 and y_pred.shape[-1] == 1:
        y_true = y_true.unsqueeze(-1)
    return y_true


def mean_squared_error(y_pred, y_true):
    """Error cuadrático medio: ``nn.MSELoss()``."""
    return F.mse_loss(y_pred, _target(y_pred, y_true))


def mean_absolute_error(y_pred, y_true):
    """Error absoluto medio: ``nn.L1Loss()``."""
    return F.l1_loss(y_pred, _target(y_pred, y_true))


def mean_absolute_percentage_error(y_pred, y_true):
    """MAPE (PyTorch no la trae): 100 · media de |y − ŷ| / max(|y|, ε)."""
    y_true = _target(y_pred, y_true)
    return 100 * torch.mean(torch.abs(y_true - y_pred) / torch.clamp(torch.abs(y_true), min=EPSILON))


def mean_squared_logarithmic_error(y_pred, y_true):
    """MSLE (PyTorch no la trae): media de (log(1 + ŷ) − log(1 + y))², con valores < ε llevados a ε."""
    y_true = _target(y_pred, y_true)
    first = torch.log(torch.clamp(y_pred, min=EPSILON) + 1)
    second = torch.log(torch.clamp(y_true, min=EPSILON) + 1)
    return torch.mean((first - second) ** 2)


def huber(y_pred, y_true, delta=1.0):
    """Huber: ``nn.HuberLoss(delta=delta)``."""
    return F.huber_loss(y_pred, _target(y_pred, y_true), delta=delta)


def log_cosh(y_pred, y_true):
    """log(cosh(ŷ − y)) (PyTorch no la trae), estable: log(eˣ + e⁻ˣ) − log 2."""
    x = y_pred - _target(y_pred, y_true)
    return torch.mean(torch.logaddexp(x, -x) - math.log(2))


def poisson(y_pred, y_true):
    """Poisson: ŷ − y·log(ŷ + ε), que es ``nn.PoissonNLLLoss(log_input=False, eps=1e-7)``."""
    return F.poisson_nll_loss(y_pred, _target(y_pred, y_true), log_input=False, eps=EPSILON)


def kl_divergence(y_pred, y_true):
    """KL(y ‖ ŷ) con ambas recortadas a [ε, 1]; ``F.kl_div`` recibe el LOGARITMO de la predicción."""
    p = torch.clamp(_target(y_pred, y_true), EPSILON, 1)
    q = torch.clamp(y_pred, EPSILON, 1)
    return F.kl_div(torch.log(q), p, reduction="none").sum(dim=-1).mean()


def binary_crossentropy(y_pred, y_true, from_logits=False, label_smoothing=0.0):
    """Entropía cruzada binaria. Probabilidades: recorta a [ε, 1 − ε] como Keras (``nn.BCELoss`` no).

    Con ``from_logits=True`` es ``nn.BCEWithLogitsLoss()``.
    """
    y_true = _target(y_pred, y_true)
    if label_smoothing:
        y_true = y_true * (1 - label_smoothing) + 0.5 * label_smoothing
    if from_logits:
        return F.binary_cross_entropy_with_logits(y_pred, y_true)
    return F.binary_cross_entropy(torch.clamp(y_pred, EPSILON, 1 - EPSILON), y_true)


def categorical_crossentropy(y_pred, y_true, from_logits=False, label_smoothing=0.0):
    """Entropía cruzada con objetivos one-hot. Con ``from_logits=True`` es ``nn.CrossEntropyLoss()``.

    Con probabilidades, como Keras: las normaliza para que sumen 1 y las recorta a [ε, 1 − ε].
    """
    y_true = _target(y_pred, y_true)
    if label_smoothing:
        y_true = y_true * (1 - label_smoothing) + label_smoothing / y_true.shape[-1]
    if from_logits:
        return F.cross_entropy(y_pred, y_true)
    p = y_pred / y_pred.sum(dim=-1, keepdim=True)
    return -(y_true * torch.log(torch.clamp(p, EPSILON, 1 - EPSILON))).sum(dim=-1).mean()


def sparse_categorical_crossentropy(y_pred, y_true, from_logits=False):
    """Entropía cruzada con etiquetas enteras: ``nn.CrossEntropyLoss()`` sobre logits.

    Con probabilidades, como Keras: log de las probabilidades recortadas a [ε, 1 − ε], y ese log
    pasa por ``cross_entropy`` (que vuelve a normalizar).
    """
    labels = torch.as_tensor(y_true, device=y_pred.device).reshape(-1).long()
    if not from_logits:
        y_pred = torch.log(torch.clamp(y_pred, EPSILON, 1 - EPSILON))
    return F.cross_entropy(y_pred, labels)


def _hinge_labels(y_true):
    """Como Keras: si todas las etiquetas son 0 o 1, las pasa a −1 y 1."""
    if torch.all((y_true == 0) | (y_true == 1)):
        return 2 * y_true - 1
    return y_true


def hinge(y_pred, y_true):
    """Hinge de Keras (no ``nn.HingeEmbeddingLoss``): media de max(0, 1 − y·ŷ), con y en {−1, 1}."""
    y_true = _hinge_labels(_target(y_pred, y_true))
    return torch.clamp(1 - y_true * y_pred, min=0).mean()


def squared_hinge(y_pred, y_true):
    """Hinge al cuadrado: media de max(0, 1 − y·ŷ)², con y en {−1, 1}."""
    y_true = _hinge_labels(_target(y_pred, y_true))
    return (torch.clamp(1 - y_true * y_pred, min=0) ** 2).mean()


def categorical_hinge(y_pred, y_true):
    """Hinge multiclase de Keras: max(0, 1 + máx. de las clases incorrectas − la correcta)."""
    y_true = _target(y_pred, y_true)
    correct = (y_true * y_pred).sum(dim=-1)
    wrong = ((1 - y_true) * y_pred).amax(dim=-1)
    return torch.clamp(wrong - correct + 1, min=0).mean()


def binary_focal_crossentropy(y_pred, y_true, apply_class_balancing=False, alpha=0.25, gamma=2.0,
                              from_logits=False, label_smoothing=0.0):
    """Pérdida focal binaria de Keras: (1 − p_t)^γ · BCE, opcionalmente pesada con α."""
    y_true = _target(y_pred, y_true)
    if label_smoothing:
        y_true = y_true * (1 - label_smoothing) + 0.5 * label_smoothing
    if from_logits:
        p = torch.sigmoid(y_pred)
        bce = F.binary_cross_entropy_with_logits(y_pred, y_true, reduction="none")
    else:
        p = y_pred
        bce = F.binary_cross_entropy(torch.clamp(p, EPSILON, 1 - EPSILON), y_true, reduction="none")
    p_t = y_true * p + (1 - y_true) * (1 - p)
    focal = (1 - p_t) ** gamma * bce
    if apply_class_balancing:
        focal = (y_true * alpha + (1 - y_true) * (1 - alpha)) * focal
    return focal.mean()


def loss(identifier, **kwargs):
    """La pérdida de Keras ``identifier`` escrita en PyTorch: una función ``f(y_pred, y_true)``.

    ``identifier``: un nombre o alias de Keras (``"mse"``, ``"binary_crossentropy"``...) o una
    pérdida de ``nnlib.losses`` (se respetan ``from_logits``, ``delta``...). ``kwargs`` son los
    argumentos de Keras (``from_logits=True``, ``label_smoothing=0.1``...).
    """
    if isinstance(identifier, str):
        row = equivalences.loss_row(identifier)
    else:
        row = equivalences.loss_row(type(identifier).__name__)
    fn = globals()[row["torch_code"]]
    accepted = list(inspect.signature(fn).parameters)[2:]
    if not isinstance(identifier, str):
        kwargs = {**{p: getattr(identifier, p) for p in accepted if hasattr(identifier, p)}, **kwargs}
    for key in kwargs:
        if key not in accepted:
            raise TypeError(
                f"La pérdida '{row['name']}' no tiene el argumento `{key}`; "
                f"acepta: {', '.join(accepted) or 'ninguno'}."
            )

    def keras_loss(y_pred, y_true):
        return fn(y_pred, y_true, **kwargs)

    keras_loss.__name__ = row["name"]
    keras_loss.__doc__ = fn.__doc__
    return keras_loss


def source(name):
    """El código de PyTorch de una pérdida (por su nombre de Keras), para mostrarlo en un capítulo."""
    return equivalences.torch_code(name)


# ======================================================================================
# Optimizadores
# ======================================================================================
def optimizer(identifier, params, **keras_kwargs):
    """El optimizador de ``torch.optim`` que reproduce al de Keras ``identifier``.

    ``identifier``: ``"sgd"``, ``"adam"``... (con los valores por defecto **de Keras**, no los de
    PyTorch) o un optimizador de ``nnlib.optimizers`` (con sus hiperparámetros). ``params``: los
    parámetros del modelo, ``model.parameters()``. ``keras_kwargs``: hiperparámetros con los nombres
    de Keras (``learning_rate``, ``rho``, ``epsilon``...), que se traducen a los de PyTorch.
    """
    if isinstance(identifier, str):
        row = equivalences.optimizer_row(identifier)
        config = {**row["keras_defaults"], **keras_kwargs}
    else:
        row = equivalences.optimizer_row(type(identifier).__name__)
        config = {}
        for key, value in identifier.get_config().items():
            if key in row["rename"]:
                config[key] = value
            elif key != "name" and value not in (None, False, 0):
                raise ValueError(
                    f"El argumento `{key}={value!r}` de {type(identifier).__name__} no tiene equivalente directo "
                    "en torch.optim (recorte: torch.nn.utils.clip_grad_norm_; programas de tasa: "
                    "torch.optim.lr_scheduler)."
                )
        config.update(keras_kwargs)
    if not isinstance(config.get("learning_rate"), (int, float)):
        raise TypeError(
            "`learning_rate` debe ser un número; para cambiarla durante el entrenamiento en PyTorch use "
            f"torch.optim.lr_scheduler. Llegó {config.get('learning_rate')!r}."
        )
    torch_class = getattr(torch.optim, row["torch"].rsplit(".", 1)[-1])
    return torch_class(params, **equivalences.torch_arguments(row["name"], config))


# ======================================================================================
# Modelos: nnlib.Sequential <-> torch.nn.Sequential
# ======================================================================================
def _numpy_dtype(dtype):
    return np.float32 if dtype == torch.float32 else np.float64


def to_torch(model, dtype=None):
    """Un ``torch.nn.Sequential`` con la misma arquitectura y los mismos pesos que ``model`` (nnlib).

    Cada ``Dense`` da un ``nn.Linear`` (con ``weight = W.T``) seguido del módulo de su activación
    (nada si es lineal); ``Dropout`` da ``nn.Dropout`` y una capa ``Activation`` su módulo.
    ``dtype``: por defecto, el de los pesos (float64 en nnlib).
    """
    from nnlib import layers as nn_layers

    modules = []
    for layer in built_layers(model):
        if isinstance(layer, nn_layers.Dense):
            W = np.asarray(layer.W)
            torch_dtype = dtype or (torch.float32 if W.dtype == np.float32 else torch.float64)
            linear = nn.Linear(W.shape[0], W.shape[1], bias=layer.b is not None, dtype=torch_dtype)
            with torch.no_grad():
                linear.weight.copy_(torch.from_numpy(W.T.copy()))
                if layer.b is not None:
                    linear.bias.copy_(torch.from_numpy(np.asarray(layer.b)))
            modules.append(linear)
            if layer.activation.name != "linear":
                modules.append(activation(layer.activation))
        elif isinstance(layer, nn_layers.Dropout):
            modules.append(nn.Dropout(p=layer.rate))
        elif isinstance(layer, nn_layers.Activation):
            modules.append(activation(layer.activation))
        else:
            raise TypeError(f"to_torch no sabe convertir la capa {type(layer).__name__}.")
    return nn.Sequential(*modules)


def _nnlib_activation(module):
    """La activación de nnlib equivalente a un módulo de torch.nn (o None si no es una activación)."""
    from nnlib import activations

    if isinstance(module, nn.Identity):
        return activations.get("linear")
    if isinstance(module, nn.LeakyReLU):
        return activations.LeakyReLU(negative_slope=module.negative_slope)
    if isinstance(module, nn.ELU):
        return activations.ELU(alpha=module.alpha)
    if isinstance(module, nn.GELU):
        if module.approximate != "none":
            raise ValueError("nnlib solo tiene la GELU exacta; llegó nn.GELU(approximate='tanh').")
        return activations.get("gelu")
    if isinstance(module, nn.Softmax):
        if module.dim not in (-1, 1):
            raise ValueError(f"nnlib aplica softmax sobre el último eje; llegó nn.Softmax(dim={module.dim}).")
        return activations.get("softmax")
    simple = {Step: "step", nn.Sigmoid: "sigmoid", nn.Tanh: "tanh", nn.ReLU: "relu", nn.SiLU: "swish"}
    for cls, name in simple.items():
        if isinstance(module, cls):
            return activations.get(name)
    return None


def from_torch(torch_model, seed=None):
    """Un ``nnlib.Sequential`` con la arquitectura y los pesos de un ``torch.nn.Sequential``.

    Un ``nn.Linear`` seguido de una activación da un ``Dense`` con esa activación; una activación
    suelta da una capa ``Activation``; ``nn.Dropout`` da ``Dropout``. Los pesos se copian en el tipo
    de PyTorch (float64 o float32).
    """
    from nnlib.layers import Activation, Dense, Dropout
    from nnlib.model import Sequential

    modules = list(torch_model.children()) if isinstance(torch_model, nn.Module) else None
    if not modules:
        raise TypeError(
            f"`torch_model` debe ser un torch.nn.Sequential con capas; llegó {describe(torch_model)}."
        )
    layers, weights, i = [], [], 0
    while i < len(modules):
        module = modules[i]
        if isinstance(module, nn.Linear):
            follower = _nnlib_activation(modules[i + 1]) if i + 1 < len(modules) else None
            kwargs = {"input_dim": module.in_features} if not layers else {}
            layers.append(Dense(module.out_features, activation=follower or "linear",
                                use_bias=module.bias is not None, **kwargs))
            w = module.weight.detach().cpu().numpy()
            weights.append(w.T.copy())
            if module.bias is not None:
                weights.append(module.bias.detach().cpu().numpy().copy())
            i += 2 if follower is not None else 1
        elif isinstance(module, nn.Dropout):
            layers.append(Dropout(module.p))
            i += 1
        elif _nnlib_activation(module) is not None:
            layers.append(Activation(_nnlib_activation(module)))
            i += 1
        else:
            raise TypeError(f"from_torch no sabe convertir el módulo {type(module).__name__}.")
    if not isinstance(layers[0], Dense):
        raise ValueError("La primera capa del modelo de PyTorch debe ser nn.Linear (para conocer la entrada).")
    model = Sequential(layers, seed=seed)
    model.set_weights(weights)
    return model


# ======================================================================================
# Entrenamiento: el bucle de PyTorch
# ======================================================================================
def fit(model, loader, loss, optimizer, epochs=1, device=None, validation_loader=None, verbose=True):
    """Entrena ``model`` como ``keras.Model.fit``: ``epochs`` pasadas por ``loader``.

    ``loader``: un ``torch.utils.data.DataLoader`` que da pares ``(x, y)``.
    ``loss``: una función ``loss(y_pred, y_true)`` (p. ej. ``nn.MSELoss()``).
    ``device``: dónde calcular (``device()`` elige la GPU si hay); por defecto, donde ya está el modelo.
    ``verbose``: ``True`` muestra la misma barra de progreso que ``Sequential.fit`` (``Época 1/3``...);
    ``False``, nada.
    Devuelve el historial como Keras: ``{"loss": [...], "val_loss": [...]}``, una media por época
    (ponderada por el tamaño de cada lote).
    """
    bar = ProgbarLogger(verbose=1) if _flag(verbose, "verbose") else Callback()  # Callback(): no hace nada
    bar.set_params({"epochs": epochs, "steps": len(loader)})
    if device is None:
        device = next(model.parameters()).device
    model.to(device)
    history = {"loss": []} if validation_loader is None else {"loss": [], "val_loss": []}
    for epoch in range(epochs):
        model.train()  # activa Dropout
        bar.on_epoch_begin(epoch)
        total, count = 0.0, 0
        for step, (x, y) in enumerate(loader):
            x, y = x.to(device), y.to(device)
            optimizer.zero_grad()           # 1. borrar los gradientes del paso anterior
            batch_loss = loss(model(x), y)  # 2. propagación hacia delante y pérdida
            batch_loss.backward()           # 3. retropropagación: llena p.grad
            optimizer.step()                # 4. el optimizador actualiza los pesos
            total, count = total + batch_loss.item() * len(x), count + len(x)
            bar.on_batch_end(step, {"loss": total / count})
        history["loss"].append(total / count)
        if validation_loader is not None:
            history["val_loss"].append(evaluate(model, validation_loader, loss, device))
        bar.on_epoch_end(epoch, {key: values[-1] for key, values in history.items()})
    return history


def evaluate(model, loader, loss, device=None):
    """La pérdida media de ``model`` sobre ``loader``, sin gradientes ni Dropout."""
    if device is None:
        device = next(model.parameters()).device
    model.eval()
    total, count = 0.0, 0
    with torch.no_grad():
        for x, y in loader:
            x, y = x.to(device), y.to(device)
            total, count = total + loss(model(x), y).item() * len(x), count + len(x)
    return total / count
