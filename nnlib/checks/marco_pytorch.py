"""Comprobaciones de los ejercicios del capítulo 8, «PyTorch».

* :func:`check_count_iterations` — `count_iterations(n_samples, batch_size, epochs, drop_last)`:
  cuántas iteraciones (actualizaciones de los pesos) da un entrenamiento con un
  ``DataLoader``: :math:`\\lceil N / B \\rceil` por época, o :math:`\\lfloor N / B \\rfloor`
  con ``drop_last=True``, por el número de épocas.
* :func:`check_tanh_mlp` — la clase ``TanhMLP(n_inputs, n_hidden, n_outputs)``: un
  ``nn.Module`` con las capas ``hidden1``, ``hidden2`` y ``output`` y un ``forward``
  que devuelve los logits, ``output(tanh(hidden2(tanh(hidden1(x)))))``.
* :func:`check_state_dict_shapes` — ``state_dict_shapes(layer_sizes)``: las claves y
  las formas del ``state_dict()`` de ``nn.Sequential(nn.Linear, nn.ReLU(), ..., nn.Linear)``.
* :func:`check_shard_indices` — ``shard_indices(n_samples, rank, world_size)``: los
  índices de los ejemplos que ve el proceso ``rank`` con
  ``DistributedSampler(..., shuffle=False)``.

Las respuestas correctas se calculan con PyTorch mismo (``len(DataLoader(...))``, el
``state_dict()`` de un modelo de verdad, ``DistributedSampler``), que se importa solo al
comprobar. Todas reciben el espacio de nombres del cuaderno:
``check_count_iterations(globals())`` (véase :mod:`nnlib.checks`).
"""
from __future__ import annotations

import inspect
import math

import numpy as np

from . import MISSING, Feedback, describe, fmt
from ._describe import explain_exception
from ._limits import TimeLimitExceeded, effective_limit, run_with_time_limit
from ._reference import sigmoid as _sigmoid, softmax as _softmax

__all__ = ["ITERATIONS_EXAMPLE", "MLP_EXAMPLE", "STATE_DICT_EXAMPLE", "SHARD_EXAMPLE",
           "check_count_iterations", "check_tanh_mlp", "check_state_dict_shapes", "check_shard_indices"]


# ======================================================================================
# Ejercicio 1. Épocas e iteraciones
# ======================================================================================
#: El ejemplo del enunciado: el entrenamiento de la red 16-8-2 del capítulo (267 ejemplos,
#: lotes de 32, 30 épocas, sin descartar el último lote).
ITERATIONS_EXAMPLE = (267, 32, 30, False)


def _iterations_reference(n_samples, batch_size, epochs, drop_last):
    """Lo que cuenta PyTorch: ``len(DataLoader(...))`` iteraciones por época."""
    from torch.utils.data import DataLoader

    return len(DataLoader(range(n_samples), batch_size=batch_size, drop_last=drop_last)) * epochs


def _iterations_case(rng, drop_last, divisible=False):
    """Un entrenamiento al azar que no da el mismo número de iteraciones que el ejemplo."""
    example = _iterations_reference(*ITERATIONS_EXAMPLE)
    while True:
        batch_size = int(rng.integers(2, 129))
        per_epoch = int(rng.integers(2, 60))
        extra = 0 if divisible else int(rng.integers(1, batch_size))
        n_samples = per_epoch * batch_size + extra
        epochs = int(rng.integers(2, 41))
        case = (n_samples, batch_size, epochs, drop_last)
        if _iterations_reference(*case) != example and n_samples != ITERATIONS_EXAMPLE[0]:
            return case


def _iterations_mistakes(n_samples, batch_size, epochs, drop_last):
    floor, ceil = n_samples // batch_size, -(-n_samples // batch_size)
    per_epoch = floor if drop_last else ceil
    mistakes = [
        (epochs, "una época es una pasada por todos los datos, y cada época tiene varias iteraciones, una por "
                 "lote (algunas diapositivas llaman «época» a cada actualización: es una iteración)."),
        (per_epoch, "eso son las iteraciones de una sola época: multiplique por el número de épocas."),
        (n_samples * epochs, "una iteración procesa un lote entero, no un ejemplo: divida entre batch_size."),
        (n_samples, "una iteración procesa un lote entero, no un ejemplo: divida entre batch_size, "
                    "y multiplique por el número de épocas."),
    ]
    if drop_last:
        mistakes.append((ceil * epochs, "con drop_last=True el último lote, incompleto, se descarta en cada "
                                        "época: n_samples // batch_size lotes por época."))
    else:
        mistakes.append((floor * epochs, "sin drop_last, el último lote, más pequeño, también es una iteración: "
                                         "redondee hacia arriba, math.ceil(n_samples / batch_size)."))
    if n_samples % batch_size == 0:
        mistakes.append(((floor + 1) * epochs, "cuando n_samples es múltiplo de batch_size no sobra ningún "
                                               "lote incompleto: son n_samples / batch_size lotes justos."))
    total = n_samples * epochs
    mistakes.append((total // batch_size if drop_last else -(-total // batch_size),
                     "el lote incompleto aparece en cada época: calcule los lotes de una época y después "
                     "multiplique por `epochs`."))
    return mistakes


def check_count_iterations(namespace):
    """Comprueba `count_iterations(n_samples, batch_size, epochs, drop_last)` contra `len(DataLoader)`."""
    fb = Feedback("épocas e iteraciones", namespace)
    count = fb.function("count_iterations",
                        params=("n_samples", "batch_size", "epochs", "drop_last"))  # palabras: permitir termino-ingles
    if count is MISSING:
        return fb.done()
    rng = fb.rng()
    cases = [ITERATIONS_EXAMPLE] + [_iterations_case(rng, drop_last)
                                    for drop_last in (True, False, True, False)]
    cases += [_iterations_case(rng, False, divisible=True)]        # múltiplo justo: ningún lote incompleto
    for i, case in enumerate(cases):
        label = "count_iterations({}, {}, {}, {})".format(*case)
        where = "el ejemplo del enunciado" if i == 0 else "otro entrenamiento"
        got = fb.call(count, *case, label=label)
        if got is MISSING:
            return fb.done()
        value = fb.coerce(got, "int", label=label)
        if value is MISSING:
            return fb.done()
        if not fb.compare(value, _iterations_reference(*case), label=label, case=where, reveal=i > 0,
                          mistakes=_iterations_mistakes(*case),
                          hint="cuente los lotes de una época (el último puede ser más pequeño, o descartarse "
                               "con drop_last=True) y multiplique por el número de épocas."):
            return fb.done()
    fb.ok("count_iterations cuenta lo mismo que len(DataLoader(...)) por el número de épocas, en el ejemplo "
          "del enunciado y en 5 entrenamientos nuevos al azar, con y sin drop_last.")
    return fb.done()


# ======================================================================================
# Ejercicio 2. De Keras a PyTorch: un nn.Module
# ======================================================================================
#: El ejemplo del enunciado: TanhMLP(16, 8, 2).
MLP_EXAMPLE = (16, 8, 2)
_MLP_PARAMS = ("n_inputs", "n_hidden", "n_outputs")
_MLP_LAYERS = ("hidden1", "hidden2", "output")
_MLP_DEFINITION = "class TanhMLP(nn.Module):"


def _mlp_case(rng):
    """Tamaños al azar, distintos entre sí (una capa al revés no encaja) y distintos del ejemplo."""
    while True:
        n_inputs, n_hidden, n_outputs = (int(rng.integers(2, 13)), int(rng.integers(3, 11)),
                                         int(rng.integers(1, 6)))
        if len({n_inputs, n_hidden, n_outputs}) == 3 and (n_inputs, n_hidden, n_outputs) != MLP_EXAMPLE:
            return n_inputs, n_hidden, n_outputs


def _n_params(n_inputs, n_hidden, n_outputs):
    return (n_inputs + 1) * n_hidden + (n_hidden + 1) * n_hidden + (n_hidden + 1) * n_outputs


def _guarded(fb, function, args, label, code):
    """``function(*args)`` con límite de tiempo, o :data:`MISSING` con ✘ y una pista.

    Para objetos de PyTorch (un módulo, un tensor), que :meth:`Feedback.call` no puede
    comparar para detectar cambios: aquí no se copian.
    """
    try:
        return run_with_time_limit(function, args, {}, effective_limit(fb.default_timeout))
    except TimeLimitExceeded:
        fb.fail(f"{label} no terminó en {effective_limit(fb.default_timeout):g} s: ¿un bucle que nunca acaba?",
                hint="compruebe que cada `while` llega a cumplir su condición de salida.")
    except NotImplementedError:
        fb.fail(f"{label}: la clase todavía no está escrita (lanza NotImplementedError).",
                hint="reemplace `raise NotImplementedError(...)` por su código.")
    except Exception as exc:  # noqa: BLE001 - cualquier error del código de quien aprende
        text = str(exc)
        if "Module.__init__" in text:
            fb.fail(f"{label} no pudo guardar sus capas: nn.Module todavía no estaba preparado.",
                    hint="llame a `super().__init__()` en la primera línea de `__init__`, antes de crear las capas.")
        elif "cannot be multiplied" in text or "size mismatch" in text:
            fb.fail(f"{label} falló porque las formas no encajan (una capa recibe un tensor del tamaño equivocado).",
                    hint="nn.Linear(entradas, salidas): hidden1 va de n_inputs a n_hidden, hidden2 de n_hidden a "
                         "n_hidden y output de n_hidden a n_outputs; en forward, en ese orden.")
        else:
            message, hint = explain_exception(exc, code)
            fb.fail(f"{label} {message}", hint=hint)
    return MISSING


def _class_problem(value):
    """``(mensaje, pista)`` si ``value`` no es una subclase de ``nn.Module``; si no, ``None``."""
    from torch import nn

    if not isinstance(value, type):
        hint = f"escriba una clase que herede de nn.Module: `{_MLP_DEFINITION}`."
        if callable(value):
            hint = (f"se pide una clase, no una función: `{_MLP_DEFINITION}`, con `__init__` (las capas) "
                    "y `forward` (el cálculo).")
        return f"`TanhMLP` debería ser una clase; es {describe(value)}.", hint
    if not issubclass(value, nn.Module):
        return ("`TanhMLP` es una clase, pero no hereda de nn.Module.",
                f"escriba `{_MLP_DEFINITION}` (y llame a `super().__init__()` en `__init__`): así PyTorch "
                "registra sus capas y sus parámetros.")
    return None


def _init_problem(cls):
    """``(mensaje, pista)`` si ``__init__`` no recibe ``(n_inputs, n_hidden, n_outputs)``; si no, ``None``."""
    definition = f"def __init__(self, {', '.join(_MLP_PARAMS)}):"
    try:
        signature = inspect.signature(cls)
    except (TypeError, ValueError):
        return None
    kinds = inspect.Parameter
    parameters = list(signature.parameters.values())
    if any(p.kind == kinds.VAR_POSITIONAL for p in parameters):
        return None
    positional = [p.name for p in parameters if p.kind in (kinds.POSITIONAL_ONLY, kinds.POSITIONAL_OR_KEYWORD)]
    required = [p.name for p in parameters if p.default is p.empty and p.kind != kinds.VAR_KEYWORD]
    if positional[:3] != list(_MLP_PARAMS) or any(name not in _MLP_PARAMS for name in required):
        return ("El `__init__` de `TanhMLP` no recibe los parámetros del enunciado.",
                f"escríbalo así: `{definition}`")
    return None


def _layer_problem(model, name, n_in, n_out):
    """``(mensaje, pista)`` si la capa ``name`` no es un ``nn.Linear(n_in, n_out)``; si no, ``None``."""
    from torch import nn

    layer = getattr(model, name, None)
    if layer is None:
        listed = [v for v in vars(model).values() if isinstance(v, (list, tuple))
                  and any(isinstance(x, nn.Module) for x in v)]
        hint = (f"guarde la capa en `self.{name} = nn.Linear(...)` dentro de `__init__`, con ese nombre.")
        if listed:
            hint = (f"las capas están en una lista de Python, que PyTorch no registra: guárdelas como atributos "
                    f"(`self.{name} = nn.Linear(...)`).")
        return f"El modelo no tiene la capa `{name}`.", hint
    if not isinstance(layer, nn.Linear):
        what = f"nn.{type(layer).__name__}" if isinstance(layer, nn.Module) else describe(layer)
        return (f"`self.{name}` debería ser una capa nn.Linear; es {what}.",
                f"escriba `self.{name} = nn.Linear(entradas, salidas)`.")
    if (layer.in_features, layer.out_features) == (n_out, n_in) and n_in != n_out:
        return (f"`self.{name}` va al revés: nn.Linear({n_out}, {n_in}) en lugar de nn.Linear({n_in}, {n_out}).",
                "nn.Linear recibe primero las entradas y después las salidas (aunque guarda su `weight` con "
                "forma (salidas, entradas)).")
    if (layer.in_features, layer.out_features) != (n_in, n_out):
        return (f"`self.{name}` tiene {layer.in_features} entradas y {layer.out_features} salidas; se esperaban "
                f"{n_in} y {n_out}.",
                "hidden1 va de n_inputs a n_hidden, hidden2 de n_hidden a n_hidden y output de n_hidden a n_outputs.")
    if layer.bias is None:
        return (f"`self.{name}` no tiene sesgo.",
                "deje `bias=True` (el valor por omisión de nn.Linear): cada neurona tiene su propio sesgo, como en Keras.")
    return None


def _mlp_reference(x, weights, hidden=np.tanh, last=lambda z: z, skip=False):
    (W1, b1), (W2, b2), (W3, b3) = weights
    h = hidden(x @ W1.T + b1)
    if not skip:
        h = hidden(h @ W2.T + b2)
    return last(h @ W3.T + b3)


def _relu(z):
    return np.maximum(z, 0.0)


def _mlp_mistakes(x, weights):
    (W1, b1), (W2, b2), (W3, b3) = weights
    hidden1 = np.tanh(x @ W1.T + b1)
    return [
        (_mlp_reference(x, weights, last=_softmax), "forward devuelve probabilidades (softmax); el enunciado pide "
                                                      "los logits, la salida de `output` sin activación: "
                                                      "nn.CrossEntropyLoss aplica la softmax por su cuenta."),
        (_mlp_reference(x, weights, last=_sigmoid), "la capa de salida no lleva activación: devuelva `self.output(h)` "
                                                      "tal cual (los logits)."),
        (_mlp_reference(x, weights, last=np.tanh), "la tanh va en las dos capas ocultas, no en la de salida: "
                                                     "devuelva `self.output(h)` sin activación."),
        (_mlp_reference(x, weights, hidden=_relu), "el modelo de Keras usa tanh en las capas ocultas, no ReLU: "
                                                     "torch.tanh."),
        (_mlp_reference(x, weights, hidden=_sigmoid), "el modelo de Keras usa tanh en las capas ocultas, no la "
                                                        "sigmoide: torch.tanh."),
        (_mlp_reference(x, weights, skip=True), "forward se salta `hidden2`: el tensor pasa por las tres capas, "
                                                  "hidden1, hidden2 y output."),
        ((hidden1 @ W2.T + b2) @ W3.T + b3, "falta la tanh después de `hidden2`: cada capa oculta lleva su activación."),
    ]


def _to_numpy(value):
    """El tensor que devolvió forward como arreglo de NumPy (sin tocar otras cosas)."""
    if hasattr(value, "detach") and hasattr(value, "cpu"):
        return value.detach().cpu().numpy()
    return value


def check_tanh_mlp(namespace):
    """Comprueba la clase ``TanhMLP(n_inputs, n_hidden, n_outputs)``: capas, parámetros y ``forward``."""
    fb = Feedback("de Keras a PyTorch", namespace)
    cls = fb.value("TanhMLP", kind="any")
    if cls is MISSING:
        return fb.done()
    problem = _class_problem(cls)
    if problem is None:
        problem = _init_problem(cls)
    if problem:
        fb.fail(*problem)
        return fb.done()
    import torch

    rng = fb.rng()
    cases = [MLP_EXAMPLE] + [_mlp_case(rng) for _ in range(4)]
    for i, sizes in enumerate(cases):
        label = "TanhMLP({}, {}, {})".format(*sizes)
        model = _guarded(fb, cls, sizes, label, getattr(cls.__init__, "__code__", None))
        if model is MISSING:
            return fb.done()
        if not isinstance(model, torch.nn.Module):
            fb.fail(f"{label} no dio un módulo de PyTorch.",
                    hint=f"`{_MLP_DEFINITION}` y, en `__init__`, nada de `return`.")
            return fb.done()
        n_inputs, n_hidden, n_outputs = sizes
        for name, n_in, n_out in zip(_MLP_LAYERS, (n_inputs, n_hidden, n_hidden), (n_hidden, n_hidden, n_outputs)):
            problem = _layer_problem(model, name, n_in, n_out)
            if problem:
                fb.fail(f"{label}: {problem[0]}", hint=problem[1])
                return fb.done()
        registered = sum(p.numel() for p in model.parameters())
        if registered != _n_params(*sizes):
            fb.fail(f"{label} registra {registered} parámetros; sus tres capas tienen {_n_params(*sizes)}.",
                    hint="guarde solo las tres capas como atributos del módulo (`self.hidden1 = ...`), para que "
                         "model.parameters() las encuentre todas y el optimizador las entrene.")
            return fb.done()
        weights = []
        with torch.no_grad():
            for name in _MLP_LAYERS:
                layer = getattr(model, name)
                W = np.round(rng.normal(scale=0.6, size=tuple(layer.weight.shape)), 3)
                b = np.round(rng.normal(scale=0.3, size=tuple(layer.bias.shape)), 3)
                layer.weight.copy_(torch.as_tensor(W, dtype=layer.weight.dtype))
                layer.bias.copy_(torch.as_tensor(b, dtype=layer.bias.dtype))
                weights.append((layer.weight.double().numpy(), layer.bias.double().numpy()))
        n_rows = 7 if i == 0 else int(rng.integers(3, 12))
        x = np.round(rng.normal(size=(n_rows, n_inputs)), 3)
        x_tensor = torch.as_tensor(x, dtype=model.hidden1.weight.dtype)
        x_before = x_tensor.clone()
        got = _guarded(fb, model, (x_tensor,), f"{label}(x)", getattr(cls.forward, "__code__", None))
        if got is MISSING:
            return fb.done()
        if not torch.equal(x_tensor, x_before):
            fb.fail(f"{label}(x) modificó su argumento `x`.",
                    hint="en forward, cree tensores nuevos (h = torch.tanh(...)) en lugar de cambiar x en su sitio.")
            return fb.done()
        if not torch.is_tensor(got):
            fb.fail(f"La salida de {label}(x) no es un tensor de PyTorch: es {describe(got)}.",
                    hint="devuelva el tensor que sale de `self.output(...)`, sin convertirlo con .numpy() ni .tolist(): "
                         "la pérdida y backward() lo necesitan.")
            return fb.done()
        if got.grad_fn is None:
            fb.fail(f"La salida de {label}(x) está desconectada del grafo de autograd: con ella no se podría "
                    "entrenar.",
                    hint="en forward no use torch.no_grad(), .detach() ni .numpy(): devuelva el tensor que sale "
                         "de `self.output(...)`.")
            return fb.done()
        if tuple(getattr(got, "shape", ())) == (n_rows, n_hidden) and n_hidden != n_outputs:
            fb.fail(f"La salida de {label}(x) tiene forma {(n_rows, n_hidden)}: una columna por neurona oculta.",
                    hint="falta pasar el resultado de `hidden2` (tras su tanh) por `self.output`.")
            return fb.done()
        out = fb.array(_to_numpy(got), shape=(n_rows, n_outputs), label=f"La salida de {label}(x)")
        if out is MISSING:
            return fb.done()
        case = "la red del enunciado" if i == 0 else f"una red {n_inputs}-{n_hidden}-{n_hidden}-{n_outputs}"
        if not fb.compare(out, _mlp_reference(x, weights), label=f"La salida de {label}(x)", case=case,
                          reveal=i > 0, atol=1e-4, rtol=1e-4, mistakes=_mlp_mistakes(x, weights),
                          hint="forward calcula output(tanh(hidden2(tanh(hidden1(x))))), sin activación al final."):
            return fb.done()
    fb.ok("TanhMLP crea sus tres capas nn.Linear con las formas de la red de Keras, registra todos sus "
          "parámetros y su forward da los logits en la red del enunciado y en 4 redes nuevas al azar.")
    return fb.done()


# ======================================================================================
# Ejercicio 3. Lo que guarda state_dict()
# ======================================================================================
#: El ejemplo del enunciado: la red 16-8-2 escrita como nn.Sequential.
STATE_DICT_EXAMPLE = [16, 8, 2]


def _sequential(layer_sizes):
    """``nn.Sequential(Linear, ReLU, ..., Linear)`` con esos tamaños (sin activación al final)."""
    from torch import nn

    modules = []
    for k, (n_in, n_out) in enumerate(zip(layer_sizes, layer_sizes[1:])):
        if k:
            modules.append(nn.ReLU())
        modules.append(nn.Linear(n_in, n_out))
    return nn.Sequential(*modules)


def _state_dict_reference(layer_sizes):
    """Las formas del ``state_dict()`` de un modelo de verdad (en el dispositivo «meta»: sin memoria)."""
    import torch

    with torch.device("meta"):
        model = _sequential(layer_sizes)
    return {key: tuple(int(d) for d in value.shape) for key, value in model.state_dict().items()}


def _state_dict_case(rng):
    n_layers = int(rng.integers(3, 6))            # 3 a 5 capas nn.Linear (el ejemplo tiene 2)
    return [int(v) for v in rng.choice(np.arange(2, 40), size=n_layers + 1, replace=False)]


def _state_dict_mistakes(layer_sizes):
    pairs = list(zip(layer_sizes, layer_sizes[1:]))

    def by_index(index, shape_w):
        shapes = {}
        for i, (n_in, n_out) in zip(index, pairs):
            shapes[f"{i}.weight"], shapes[f"{i}.bias"] = shape_w(n_in, n_out), (n_out,)  # palabras: permitir termino-ingles
        return shapes

    right_index = [2 * k for k in range(len(pairs))]
    return [
        (by_index(right_index, lambda n_in, n_out: (n_in, n_out)),
         "nn.Linear guarda `weight` con forma (salidas, entradas), la traspuesta del kernel de Keras: calcula "
         "`x @ weight.T + bias`."),
        (by_index(range(len(pairs)), lambda n_in, n_out: (n_out, n_in)),
         "nn.Sequential numera todos sus módulos, también las nn.ReLU(), que no tienen parámetros: las capas "
         "nn.Linear son los módulos 0, 2, 4..."),
        (by_index(range(1, len(pairs) + 1), lambda n_in, n_out: (n_out, n_in)),
         "nn.Sequential numera sus módulos desde 0, y cuenta también las nn.ReLU(): 0, 2, 4..."),
        ({k: v for k, v in by_index(right_index, lambda n_in, n_out: (n_out, n_in)).items() if k.endswith("weight")},
         "faltan los sesgos: cada nn.Linear guarda `weight` y `bias`."),
    ]


def _shapes(fb, got, label):
    """El diccionario ``clave -> tupla de enteros`` que devolvió la función, o :data:`MISSING`."""
    answers = fb.coerce(got, "dict", label=label)
    if answers is MISSING:
        return MISSING
    shapes = {}
    for key, value in answers.items():
        if not isinstance(key, str):
            fb.fail(f"{label}: la clave {fmt(key)} no es un texto.",
                    hint='las claves de state_dict() son textos como `"0.weight"` y `"0.bias"`.')
            return MISSING
        if hasattr(value, "shape") and not isinstance(value, np.ndarray):
            value = tuple(value.shape)                     # torch.Size o un tensor: su forma
        if isinstance(value, (list, tuple)) and all(isinstance(d, (int, np.integer)) and not isinstance(d, bool)
                                                    for d in value):
            shapes[key] = tuple(int(d) for d in value)
            continue
        if isinstance(value, (int, np.integer)) and not isinstance(value, bool):
            fb.fail(f"{label}: «{key}» tiene el número {int(value)}, no una forma.",
                    hint="la forma de un vector de n números es la tupla (n,), con la coma.")
        else:
            fb.fail(f"{label}: «{key}» debería ser una forma, una tupla de enteros como (8, 16); es {describe(value)}.",
                    hint="escriba cada forma como una tupla de enteros: (salidas, entradas) o (salidas,).")
        return MISSING
    return shapes


def check_state_dict_shapes(namespace):
    """Comprueba ``state_dict_shapes(layer_sizes)`` contra el ``state_dict()`` de un modelo de verdad."""
    fb = Feedback("lo que guarda state_dict()", namespace)
    shapes_of = fb.function("state_dict_shapes", params=("layer_sizes",))
    if shapes_of is MISSING:
        return fb.done()
    for i, sizes in enumerate(fb.cases(list(STATE_DICT_EXAMPLE), _state_dict_case, n=4)):
        label = f"state_dict_shapes({sizes})"
        where = "el ejemplo del enunciado" if i == 0 else "otra red"
        got = fb.call(shapes_of, list(sizes), label=label)
        if got is MISSING:
            return fb.done()
        shapes = _shapes(fb, got, label)
        if shapes is MISSING:
            return fb.done()
        expected = _state_dict_reference(sizes)
        if shapes == expected:
            continue
        for wrong, hint in _state_dict_mistakes(sizes):
            if shapes == wrong:
                fb.fail(f"{label} no da lo esperado con {where}.", hint=hint)
                return fb.done()
        missing = [k for k in expected if k not in shapes]
        extra = [k for k in shapes if k not in expected]
        if missing or extra:
            shown = f"falta la clave «{missing[0]}»" if missing else f"sobra la clave «{extra[0]}»"
            fb.fail(f"{label}: {shown}" + (f" (se esperaban {fmt(list(expected))})." if i > 0 else "."),
                    hint="una clave `i.weight` y otra `i.bias` por cada nn.Linear, con i su posición en "
                         "nn.Sequential (contando desde 0 y contando también las nn.ReLU()).")
            return fb.done()
        key = next(k for k in expected if shapes[k] != expected[k])
        shown = f"; se esperaba {expected[key]}" if i > 0 else ""
        fb.fail(f"{label}: «{key}» tiene forma {shapes[key]}{shown}.",
                hint="`weight` de nn.Linear(entradas, salidas) tiene forma (salidas, entradas) y `bias`, (salidas,).")
        return fb.done()
    fb.ok("state_dict_shapes da las mismas claves y formas que el state_dict() de PyTorch, en el ejemplo del "
          "enunciado y en 4 redes nuevas al azar de 3 a 5 capas.")
    return fb.done()


# ======================================================================================
# Ejercicio 4. Qué ejemplos ve cada proceso
# ======================================================================================
#: El ejemplo del enunciado: 10 ejemplos repartidos entre 4 procesos; el proceso 3.
SHARD_EXAMPLE = (10, 3, 4)


def _shard_reference(n_samples, rank, world_size):
    from torch.utils.data import DistributedSampler

    return [int(i) for i in DistributedSampler(range(n_samples), num_replicas=world_size, rank=rank, shuffle=False)]


def _shard_case(rng):
    while True:
        world_size = int(rng.integers(2, 9))
        n_samples = int(rng.integers(world_size + 1, 61))
        rank = int(rng.integers(0, world_size))
        if n_samples % world_size and (n_samples, rank, world_size) != SHARD_EXAMPLE:
            return n_samples, rank, world_size


def _shard_mistakes(n_samples, rank, world_size):
    per_rank = math.ceil(n_samples / world_size)
    total = per_rank * world_size
    padded = [i % n_samples for i in range(total)]
    return [
        (list(range(rank, n_samples, world_size)),
         "DistributedSampler completa la lista con los primeros índices hasta que todos los procesos reciben "
         "los mismos ejemplos (si no, harían distinto número de iteraciones y se esperarían para siempre); "
         "solo con drop_last=True descarta los que sobran."),
        (list(range(rank, n_samples - n_samples % world_size, world_size)),
         "eso es lo que hace drop_last=True; por omisión, DistributedSampler no descarta: completa con los "
         "primeros índices."),
        (padded[rank * per_rank:(rank + 1) * per_rank],
         "el reparto no es en bloques seguidos sino intercalado: el proceso rank recibe rank, "
         "rank + world_size, rank + 2·world_size..."),
        (list(range(rank, total, world_size)),
         "los índices que completan la lista no pasan de n_samples - 1: se repiten los primeros, 0, 1, 2..."),
    ]


def _indices(fb, got, label):
    """Los índices que devolvió la función como lista de enteros, o :data:`MISSING`."""
    if hasattr(got, "tolist") and not isinstance(got, (str, bytes)):
        got = got.tolist()
    if isinstance(got, range):
        got = list(got)
    if isinstance(got, (list, tuple)) and all(isinstance(i, (int, np.integer)) and not isinstance(i, bool)
                                              for i in got):
        return [int(i) for i in got]
    array = fb.coerce(got, "array", label=label)
    if array is MISSING:
        return MISSING
    if array.ndim != 1 or not np.all(array == np.round(array)):
        fb.fail(f"{label}: se esperaba una lista de índices enteros y llegó {describe(got)}.",
                hint="devuelva una lista de enteros, como [3, 7, 1].")
        return MISSING
    return [int(i) for i in array]


def check_shard_indices(namespace):
    """Comprueba ``shard_indices(n_samples, rank, world_size)`` contra ``DistributedSampler``."""
    fb = Feedback("qué ejemplos ve cada proceso", namespace)
    shard = fb.function("shard_indices", params=("n_samples", "rank", "world_size"))
    if shard is MISSING:
        return fb.done()
    for i, case in enumerate(fb.cases(SHARD_EXAMPLE, _shard_case, n=5)):
        label = "shard_indices({}, {}, {})".format(*case)
        where = "el ejemplo del enunciado" if i == 0 else "otro reparto"
        got = fb.call(shard, *case, label=label)
        if got is MISSING:
            return fb.done()
        indices = _indices(fb, got, label)
        if indices is MISSING:
            return fb.done()
        expected = _shard_reference(*case)
        if indices == expected:
            continue
        hint = next((h for wrong, h in _shard_mistakes(*case) if indices == wrong), None)
        if hint is None and sorted(indices) == sorted(expected):
            hint = "son los índices correctos, pero en otro orden: de menor a mayor posición, rank, rank + world_size..."
        shown = f"llegó {fmt(indices)}, se esperaba {fmt(expected)}" if i > 0 else f"llegó {fmt(indices)}"
        fb.fail(f"{label} no da lo esperado con {where} ({shown}).",
                hint=hint or "el proceso rank recibe los índices rank, rank + world_size, ... de la lista de "
                             "los n_samples índices completada con los primeros hasta un múltiplo de world_size.")
        return fb.done()
    fb.ok("shard_indices reparte los ejemplos como DistributedSampler(..., shuffle=False), en el ejemplo del "
          "enunciado y en 5 repartos nuevos al azar, con la lista completada.")
    return fb.done()
