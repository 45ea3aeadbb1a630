"""Robustez: nada falla en silencio (issue #8).

Cada error habitual de quien empieza recibe un mensaje en español que nombra el
argumento, dice qué se esperaba y qué llegó, y sugiere qué usar en su lugar. Es
un ``ValueError`` o ``TypeError`` cuando el resultado no tendría sentido, y un
``UserWarning`` cuando Keras también entrenaría, pero mal. Ninguno deja pasar un
traceback crudo de NumPy o de Python.

Tabla de errores y mensajes (una prueba por fila, con el nombre indicado):

==========================================================  =====================================================  ==========================================
Error de quien usa nnlib                                    Mensaje (extracto) y tipo                              Prueba
==========================================================  =====================================================  ==========================================
Bandera como texto o número: ``from_logits="no"``,          TypeError «`from_logits` debe ser True o False;        ``test_flags_reject_text_and_numbers``
``staircase="False"``, ``stratify=1`` (True/False y los     llegó el texto 'no' (sin comillas...)»
booleanos de NumPy se aceptan)
Semilla no válida (1.5, -1, "0", True) en ``datasets``      TypeError/ValueError «`seed` debe ser None o un        ``test_dataset_seeds_are_validated``
                                                            entero mayor o igual que 0»
Lista de filas de distinto largo en activaciones,           ValueError «`X` tiene filas de distinto largo: X[0]    ``test_ragged_lists_everywhere``
pérdidas, métricas, regularizadores, ``datasets``           tiene 2 elementos y X[1] tiene 3»
Texto, ``None`` u objetos donde van números                 TypeError «debe contener números; contiene el texto    ``test_text_and_none_instead_of_numbers``
                                                            'a'» / «llegó None»
Cada argumento de ``datasets`` con un tipo equivocado       TypeError/ValueError que nombra el argumento           ``test_dataset_arguments_are_type_checked``
(``factor="0.5"``, ``xlim="abc"``, ``function=math.sin``)
Nombre real de Keras que nnlib no implementa                ValueError «'softplus' es un nombre de activación de   ``test_keras_only_names_say_so``,
(``softplus``, ``Nadam``, ``Orthogonal``, ``AUC``...)       Keras, pero nnlib no lo implementa... Nombres          ``test_every_keras_name_is_known``
                                                            disponibles en nnlib: ...» (sin sugerir un parecido)
Nombre mal escrito (``sofmax``)                             ValueError «¿Quiso decir 'softmax'?»                   ``test_typos_get_the_closest_name``
El nombre más cercano de una lista (``val_los``)            ``closest`` devuelve ``val_loss``                      ``test_closest_name``
Entropía focal con γ < 1 en p = 0 o 1                       gradiente finito: 0, el límite (Keras y PyTorch dan    ``test_focal_gradient_finite_probabilities``,
                                                            infinito o NaN); logits hasta ±1e4 como PyTorch        ``test_focal_gradient_finite_logits``
Cualquier pérdida en valores extremos (p = 0 o 1, logits    gradiente finito donde el valor es finito              ``test_every_loss_finite_gradient_where_value_finite``
±1e4, errores de 1e150)
``accuracy`` con una pérdida ``from_logits=True``           umbral 0 sobre los logits: la exactitud verdadera      ``test_accuracy_from_logits_thresholds_at_zero``
Entropía binaria con etiquetas fuera de [0, 1]              ValueError «espera etiquetas entre 0 y 1... -1 y 1,    ``test_binary_labels_outside_0_1``
(``check_targets``, que llama ``fit``)                      use (y + 1) / 2»
Entropía categórica: filas que no suman 1; negativas;       UserWarning «filas de `y_true` no suman 1»;            ``test_categorical_labels_not_distributions``
una clase entera por ejemplo                                ValueError «valores negativos»; «use
                                                            'sparse_categorical_crossentropy'»
Entropía categórica dispersa: clases fuera de rango         ValueError «deben estar entre 0 y 2 (la salida tiene   ``test_sparse_labels_checked``
                                                            3 unidades)»
Softmax con una sola unidad (``check_output``)              ValueError «softmax de un solo valor es siempre 1.0»   ``test_output_layer_and_loss``
Sigmoid o softmax con ``from_logits=True``                  UserWarning «se aplicaría dos veces»                   ``test_output_layer_and_loss``
Salida lineal con una pérdida sobre probabilidades;         ValueError «use activation='sigmoid'... o              ``test_output_layer_and_loss``
pérdida multiclase con una sola unidad                      from_logits=True»
Argumentos de inicializadores, programas y ``gradcheck``    TypeError que nombra el argumento, sin tipos de        ``test_other_arguments_in_spanish``
con tipo equivocado                                         Python
``compile`` con una salida que no encaja con la pérdida     ValueError «siempre 1.0» (el modelo no queda           ``test_compile_checks_the_output_layer_against_the_loss``
(softmax de 1 unidad; sigmoid con ``from_logits=True``;     compilado); UserWarning «se aplicaría dos veces»,
capas añadidas después de ``compile``)                      en la línea de quien llama; ``fit`` también lo mira
``fit`` con etiquetas que la pérdida no admite (BCE con     ValueError «etiquetas entre 0 y 1» antes de entrenar;   ``test_fit_checks_the_labels_against_the_loss``
-1/1; filas de CCE que no suman 1)                          UserWarning «no suman 1»
``accuracy`` en ``fit``/``evaluate`` con ``from_logits``    la exactitud verdadera (umbral 0 sobre los logits)     ``test_accuracy_with_logits_in_fit_and_evaluate_is_the_true_accuracy``
Divergencia a NaN/infinito en ``fit``                       TrainingDivergedError con la causa: «entradas: su      ``test_divergence_names_the_likely_cause``
                                                            mayor valor absoluto es 2.5e+04... datasets.
                                                            standardize» o «tasa de aprendizaje demasiado
                                                            grande... 10 veces menor»
Bandera como texto o número en optimizadores, capas,        TypeError «`nesterov` debe ser True o False»           ``test_model_optimizer_and_layer_flags_are_booleans``
callbacks y el modelo (``nesterov``, ``amsgrad``,
``centered``, ``use_bias``, ``shuffle``, ``verbose`` de
``device``...)
Filas de distinto largo en ``fit``, ``predict``,            ValueError «filas de distinto largo»                   ``test_ragged_lists_in_model_methods``
``evaluate``, ``validation_data`` y ``set_weights``
Semilla no válida en ``Sequential`` y ``Dropout``           TypeError/ValueError «`seed` debe ser None o un        ``test_seeds_are_validated_in_the_model_and_its_layers``
                                                            entero»
``set_weights`` sin construir, con formas equivocadas o     ValueError «pase como primer arreglo la W...»; «la W   ``test_set_weights_names_the_layer_and_the_expected_shapes``
sin lista                                                   de la capa 'dense_1': se esperaba forma (4, 2) y
                                                            llegó (2, 4)»
Un *callback* sin lista (se acepta), una clase sin          TypeError «créelo con paréntesis,                      ``test_callbacks_argument_forms``
``()``, uno de Keras, el buscador de la tasa                EarlyStopping(...)»; «callback de Keras»; «no es un
                                                            callback de fit»
Argumentos de Keras que nnlib no tiene (``class_weight``,   TypeError «no admite el argumento `class_weight` de    ``test_keras_arguments_that_nnlib_does_not_have``
``sample_weight``, ``initial_epoch``, ``steps``) o mal      Keras: ...» con qué hacer; «¿Quiso decir `epochs`?»
escritos (``epoch``)
``validation_data`` que no es ``(x_val, y_val)``;           ValueError «llegó un arreglo de NumPy de forma (20,    ``test_validation_data_in_wrong_forms_says_what_came``
``validation_split`` o ``verbose`` como texto               3)»; TypeError «llegó el texto '0.2'»
``monitor`` mal escrito en ``EarlyStopping``                ValueError antes de entrenar «¿Quiso decir             ``test_monitor_typo_suggests_the_metric_that_fit_logs``
(``val_los``)                                               'val_loss'?»
==========================================================  =====================================================  ==========================================
"""
import importlib
import math
import warnings

import keras
import numpy as np
import pytest
import torch

from nnlib import _checks, activations, datasets, gradcheck, initializers, losses, metrics, optimizers
from nnlib import regularizers, schedules

# Nombres de tipos de Python que un mensaje nunca debe mostrar.
PYTHON_TYPE_WORDS = ("(str)", "(list)", "(float)", "(int)", "NoneType", " str.", " list.", "dtype('<U")


def assert_spanish(excinfo):
    message = str(excinfo.value)
    assert not any(word in message for word in PYTHON_TYPE_WORDS), message
    return message


# ---------------------------------------------------------------------------
# Banderas y semillas
# ---------------------------------------------------------------------------
FLAGS = [
    ("from_logits", lambda v: losses.BinaryCrossentropy(from_logits=v)),
    ("from_logits", lambda v: losses.CategoricalCrossentropy(from_logits=v)),
    ("from_logits", lambda v: losses.SparseCategoricalCrossentropy(from_logits=v)),
    ("apply_class_balancing", lambda v: losses.BinaryFocalCrossentropy(apply_class_balancing=v)),
    ("staircase", lambda v: schedules.ExponentialDecay(0.1, 10, 0.5, staircase=v)),
    ("staircase", lambda v: schedules.InverseTimeDecay(0.1, 10, 0.5, staircase=v)),
    ("cycle", lambda v: schedules.PolynomialDecay(0.1, 10, cycle=v)),
    ("stratify", lambda v: datasets.train_val_test_split(np.arange(20.0)[:, None], np.arange(20) % 2,
                                                          seed=0, stratify=v)),
]


@pytest.mark.parametrize("name, make", FLAGS, ids=[f"{n}-{i}" for i, (n, _) in enumerate(FLAGS)])
@pytest.mark.parametrize("bad", ["no", "False", "True", 0, 1, None, 0.0])
def test_flags_reject_text_and_numbers(name, make, bad):
    with pytest.raises(TypeError, match=f"`{name}` debe ser True o False; llegó") as excinfo:
        make(bad)
    assert_spanish(excinfo)


@pytest.mark.parametrize("name, make", FLAGS, ids=[f"{n}-{i}" for i, (n, _) in enumerate(FLAGS)])
def test_flags_accept_python_and_numpy_booleans(name, make):
    for good in (True, False, np.bool_(True), np.bool_(False)):
        make(good)


def test_boolean_helper():
    assert _checks.boolean(np.bool_(True), "x") is True
    assert _checks.boolean(False, "x") is False
    with pytest.raises(TypeError, match=r"llegó el texto 'False' \(sin comillas"):
        _checks.boolean("False", "shuffle")
    with pytest.raises(TypeError, match=r"llegó 0 \(escriba False en lugar de 0\)"):
        _checks.boolean(0, "shuffle")


SEEDED = [
    lambda s: datasets.xor(8, seed=s),
    lambda s: datasets.blobs(10, seed=s),
    lambda s: datasets.moons(10, seed=s),
    lambda s: datasets.circles(10, seed=s),
    lambda s: datasets.spirals(10, seed=s),
    lambda s: datasets.regression_1d(10, seed=s),
    lambda s: datasets.train_val_test_split(np.arange(20.0)[:, None], np.arange(20), seed=s),
]


@pytest.mark.parametrize("make", SEEDED)
def test_dataset_seeds_are_validated(make):
    for bad, error in ((1.5, TypeError), ("0", TypeError), (True, TypeError), (-1, ValueError)):
        with pytest.raises(error, match="`seed` debe ser None o un entero mayor o igual que 0") as excinfo:
            make(bad)
        assert_spanish(excinfo)
    make(np.int64(3))  # los enteros de NumPy valen
    make(None)


def test_seed_helper():
    assert _checks.seed(None) is None
    assert _checks.seed(np.uint8(7)) == 7
    with pytest.raises(TypeError, match=r"`random_state` debe ser None o un entero.*llegó el texto 'a'"):
        _checks.seed("a", "random_state")


# ---------------------------------------------------------------------------
# Filas de distinto largo, texto y None
# ---------------------------------------------------------------------------
RAGGED = [[1.0, 2.0], [3.0, 4.0, 5.0]]
RAGGED_USES = [
    lambda r: activations.relu(r),
    lambda r: activations.softmax.backward(r, r),
    lambda r: losses.MeanSquaredError()(r, r),
    lambda r: losses.BinaryCrossentropy().gradient([[1.0, 0.0], [1.0, 0.0]], r),
    lambda r: losses.CategoricalCrossentropy().check_targets(r),
    lambda r: metrics.get("mae")(r, r),
    lambda r: regularizers.L2()(r),
    lambda r: gradcheck.relative_error(r, r),
    lambda r: datasets.standardize(r),
    lambda r: datasets.standardize([[0.0, 1.0]], r),
    lambda r: datasets.train_val_test_split(r, [0, 1]),
    lambda r: datasets.one_hot(r),
    lambda r: datasets.blobs(10, centers=r),
]


@pytest.mark.parametrize("use", RAGGED_USES)
def test_ragged_lists_everywhere(use):
    with pytest.raises(ValueError, match=r"filas de distinto largo: .*\[0\] tiene 2 elementos y .*\[1\] tiene 3") \
            as excinfo:
        use(RAGGED)
    assert_spanish(excinfo)


def test_ragged_message_details():
    with pytest.raises(ValueError, match=r"`X` tiene filas de distinto largo: X\[0\] es un solo número y X\[1\] "
                                         r"es una fila de 2 elementos"):
        _checks.as_float_array([1.0, [2.0, 3.0]], "X")
    with pytest.raises(ValueError, match=r"X\[0\]\[0\] tiene 2 elementos y X\[1\]\[1\] tiene 1"):
        _checks.as_float_array([[[1, 2], [3, 4]], [[1, 2], [3]]], "X")
    assert _checks.ragged_message([[1, 2], [3, 4]], "X") is None


@pytest.mark.parametrize("bad, pattern", [
    (["a", 1.0], "contiene el texto 'a'"),
    ([[1.0, None]], "contiene None"),
    (None, "llegó None"),
    ("1, 2", "llegó el texto '1, 2'"),
    ({"a": 1}, "llegó un diccionario"),
    ([1 + 2j], "números complejos"),
])
def test_text_and_none_instead_of_numbers(bad, pattern):
    for use in (lambda x: activations.sigmoid(x), lambda x: losses.get("mse")(x, x),
                lambda x: datasets.standardize(x)):
        with pytest.raises(TypeError, match=pattern) as excinfo:
            use(bad)
        assert_spanish(excinfo)


def test_describe_never_names_python_types():
    assert _checks.describe("no") == "el texto 'no'"
    assert _checks.describe([1, 2, 3]) == "una lista de 3 elementos"
    assert _checks.describe(()) == "una tupla vacía"
    assert _checks.describe(np.zeros((2, 3))) == "un arreglo de NumPy de forma (2, 3)"
    assert _checks.describe(losses.MeanSquaredError) == "la clase MeanSquaredError"
    assert _checks.describe(np.float32(1.5)) == "1.5"
    assert _checks.describe(math.sin) == "la función sin"
    assert _checks.describe(losses.MeanSquaredError()) == "un objeto MeanSquaredError de nnlib"


# ---------------------------------------------------------------------------
# Argumentos de datasets, inicializadores, programas y gradcheck
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("call, error, pattern", [
    (lambda: datasets.circles(10, factor="0.5"), TypeError, "`factor` debe ser un número; llegó el texto '0.5'"),
    (lambda: datasets.blobs(10, n_classes="3"), TypeError, "`n_classes` debe ser un entero; llegó el texto '3'"),
    (lambda: datasets.blobs(10, n_classes=2.0), TypeError, "`n_classes` debe ser un entero; llegó 2.0"),
    (lambda: datasets.moons("100"), TypeError, "`n_samples` debe ser un entero"),
    (lambda: datasets.xor(noise=None), TypeError, "`noise` debe ser un número; llegó None"),
    (lambda: datasets.regression_1d(xlim="abc"), TypeError, "`xlim` debe ser un arreglo de números"),
    (lambda: datasets.regression_1d(xlim=(3, -3)), ValueError, "mínimo < máximo"),
    (lambda: datasets.regression_1d(function=math.sin), TypeError,
     r"`function` falló al recibir el arreglo x de forma \(100,\).*np.sin, no math.sin"),
    (lambda: datasets.regression_1d(function=lambda x: 1.0), ValueError,
     r"`function` debe devolver un número por cada x.*np.sin, no math.sin"),
    (lambda: datasets.regression_1d(function=3), TypeError, "se esperaba un nombre"),
    (lambda: datasets.logic_gate(["and"]), TypeError, "se esperaba un nombre"),
    (lambda: datasets.symmetry("6"), TypeError, "`n_bits` debe ser un entero"),
    (lambda: datasets.one_hot([0, 1], n_classes="2"), TypeError, "`n_classes` debe ser un entero"),
    (lambda: datasets.one_hot([0.5, 1]), ValueError, "etiquetas enteras"),
    (lambda: datasets.train_val_test_split(np.ones((5, 2)), [0, 1, 0, 1, 0], val_size="0.2"), TypeError,
     "`val_size` debe ser un número"),
    (lambda: datasets.train_val_test_split(np.ones((5, 2)), ["a"] * 5), TypeError, "`y` debe contener números"),
    (lambda: datasets.train_val_test_split(5, [1]), ValueError, "un ejemplo por fila"),
    (lambda: datasets.standardize(np.ones((3, 2)), np.ones((3, 3))), ValueError, "2 columnas"),
])
def test_dataset_arguments_are_type_checked(call, error, pattern):
    with pytest.raises(error, match=pattern) as excinfo:
        call()
    assert_spanish(excinfo)


@pytest.mark.parametrize("call, error, pattern", [
    (lambda: initializers.GlorotUniform()((2, 3), rng=0), TypeError,
     r"`rng` debe ser un numpy.random.Generator.*\(no una semilla\); llegó 0"),
    (lambda: initializers.Zeros()((2, 3), dtype="foo"), TypeError, "`dtype` debe ser float32 o float64"),
    (lambda: initializers.Zeros()((2, 3), dtype="int32"), TypeError, "`dtype` debe ser float32 o float64"),
    (lambda: initializers.Constant("1"), TypeError, "`value` debe ser un número finito; llegó el texto '1'"),
    (lambda: initializers.VarianceScaling(mode=["fan_in"]), ValueError, "`mode` debe ser uno de"),
    (lambda: initializers.VarianceScaling(distribution=1), ValueError, "`distribution` debe ser una de"),
    (lambda: schedules.PiecewiseConstantDecay(5, [1.0, 2.0]), TypeError, "`boundaries` debe ser una lista"),
    (lambda: schedules.ExponentialDecay("0.1", 10, 0.5), TypeError, "`initial_learning_rate` debe ser un número"),
    (lambda: gradcheck.numerical_gradient(np.sum, np.arange(3)), TypeError,
     "de punto flotante.*llegó un arreglo de NumPy de enteros"),
    (lambda: gradcheck.numerical_gradient("f", np.ones(3)), TypeError, "`f` debe ser una función; llegó el texto"),
    (lambda: gradcheck.check_gradients("modelo", np.ones((2, 2)), np.ones(2)), TypeError,
     "`model` debe ser un nnlib.model.Sequential"),
    (lambda: metrics.BinaryAccuracy(threshold="0.5"), TypeError, "`threshold` debe ser un número finito"),
    (lambda: metrics.BinaryAccuracy(threshold=float("nan")), TypeError, "`threshold` debe ser un número finito"),
    (lambda: metrics.get(3), TypeError, "se esperaba un nombre .*llegó 3"),
    (lambda: activations.Softmax(axis="-1"), TypeError, "`axis` debe ser un entero; llegó el texto"),
    (lambda: losses.get(3.0), TypeError, "se esperaba un nombre.*llegó 3.0"),
])
def test_other_arguments_in_spanish(call, error, pattern):
    with pytest.raises(error, match=pattern) as excinfo:
        call()
    assert_spanish(excinfo)


# ---------------------------------------------------------------------------
# Nombres: de Keras sin implementar, mal escritos, el más cercano
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("get, name, kind", [
    (activations.get, "softplus", "activación"),
    (activations.get, "SELU", "activación"),
    (activations.get, "hard_sigmoid", "activación"),
    (losses.get, "CosineSimilarity", "función de pérdida"),
    (losses.get, "categorical_focal_crossentropy", "función de pérdida"),
    (optimizers.get, "Nadam", "optimizador"),
    (optimizers.get, "adamax", "optimizador"),
    (initializers.get, "orthogonal", "inicializador"),
    (regularizers.get, "orthogonal_regularizer", "regularizador"),
    (metrics.get, "AUC", "métrica"),
    (metrics.get, "precision", "métrica"),
])
def test_keras_only_names_say_so(get, name, kind):
    with pytest.raises(ValueError, match=f"'{name}' es un nombre de {kind} de Keras, pero nnlib no lo "
                                         "implementa.*Nombres disponibles en nnlib: ") as excinfo:
        get(name)
    assert "¿Quiso decir" not in str(excinfo.value)  # softplus no es «softmax»


def test_loss_name_as_metric_points_to_history():
    with pytest.raises(ValueError, match="ya aparece en el historial como 'loss'"):
        metrics.get("binary_crossentropy")


def _keras_names(module):
    from importlib import import_module

    objects = import_module(f"keras.src.{module}").ALL_OBJECTS_DICT
    bases = {"loss", "metric", "optimizer", "initializer", "regularizer", "lossfunctionwrapper",
             "meanmetricwrapper", "mean_metric_wrapper", "optimizermap", "multioptimizer"}
    return [name for name in objects if name.lower() not in bases]


@pytest.mark.parametrize("module, get, kind", [
    ("activations", activations.get, "activación"),
    ("losses", losses.get, "función de pérdida"),
    ("optimizers", optimizers.get, "optimizador"),
    ("initializers", initializers.get, "inicializador"),
    ("regularizers", regularizers.get, "regularizador"),
    ("metrics", metrics.get, "métrica"),
])
def test_every_keras_name_is_known(module, get, kind):
    """Cada nombre que Keras 3 registra o nnlib lo entiende o dice que es de Keras y no lo implementa."""
    for name in _keras_names(module):
        try:
            get(name)
        except ValueError as exc:
            assert "es un nombre de" in str(exc) and "de Keras" in str(exc), (name, str(exc))
    # Y la tabla no inventa nombres: todos existen en Keras 3.
    public = {n.lower().replace("_", "") for n in dir(getattr(keras, module))}
    registered = {n.lower().replace("_", "") for n in _keras_names(module)}
    for name in _checks.KERAS_ONLY[kind]:
        assert name.lower().replace("_", "") in public | registered, name


def test_keras_only_does_not_hide_nnlib_names():
    assert isinstance(activations.get("silu"), activations.Swish)  # silu es swish en Keras y en nnlib
    for kind, names in _checks.KERAS_ONLY.items():
        get = {"activación": activations.get, "función de pérdida": losses.get, "optimizador": optimizers.get,
               "inicializador": initializers.get, "regularizador": regularizers.get, "métrica": metrics.get}[kind]
        for name in names:
            with pytest.raises(ValueError):
                get(name)


@pytest.mark.parametrize("get, typo, right", [
    (activations.get, "sofmax", "softmax"),
    (losses.get, "binary_crosentropy", "binary_crossentropy"),
    (optimizers.get, "adan", "adam"),
    (initializers.get, "he_normall", "he_normal"),
    (metrics.get, "acuracy", "accuracy"),
])
def test_typos_get_the_closest_name(get, typo, right):
    with pytest.raises(ValueError, match=f"desconocido: '{typo}'. ¿Quiso decir '{right}'\\?"):
        get(typo)


def test_closest_name():
    logged = ["loss", "accuracy", "val_loss", "val_accuracy"]
    assert _checks.closest("val_los", logged) == "val_loss"
    assert _checks.closest("VAL_ACC", logged) == "val_accuracy"
    assert _checks.closest("precision", logged) is None


# ---------------------------------------------------------------------------
# Entropía focal: gradiente finito donde el valor es finito
# ---------------------------------------------------------------------------
def _torch_focal_probabilities(t, p, gamma, clip=True):
    """La fórmula de Keras (recorte en la BCE, p original en p_t) o la pérdida sin recortes, en PyTorch."""
    eps = 1e-7
    tt = torch.tensor(t, dtype=torch.float64)
    pp = torch.tensor(p, dtype=torch.float64, requires_grad=True)
    pc = torch.clamp(pp, eps, 1 - eps) if clip else pp
    bce = -(tt * torch.log(pc) + (1 - tt) * torch.log(1 - pc))
    p_t = tt * pp + (1 - tt) * (1 - pp)
    value = ((1 - p_t) ** gamma * bce).mean()
    value.backward()
    return value.item(), pp.grad.numpy()


@pytest.mark.parametrize("gamma", [0.25, 0.5, 0.75])
def test_focal_gradient_finite_probabilities(gamma):
    loss = losses.BinaryFocalCrossentropy(gamma=gamma)
    t = np.array([[1.0, 0.0, 1.0, 0.0, 1.0, 0.0, 1.0, 0.0]])
    p = np.array([[1.0, 0.0, 1 - 1e-12, 1e-12, 1 - 1e-3, 0.3, 0.0, 1.0]])
    with np.errstate(over="raise", divide="raise", invalid="raise"), warnings.catch_warnings():
        warnings.simplefilter("error")
        value, grad = loss(t, p), loss.gradient(t, p)
    assert np.isfinite(value) and np.all(np.isfinite(grad))
    # PyTorch (la misma fórmula que Keras): igual donde su gradiente es finito...
    torch_value, torch_grad = _torch_focal_probabilities(t, p, gamma)
    assert value == pytest.approx(torch_value, rel=1e-12)
    finite = np.isfinite(torch_grad)
    assert not finite[0, :2].any()  # ...y en p_t = 1 PyTorch da infinito o NaN
    np.testing.assert_allclose(grad[finite], torch_grad[finite], rtol=1e-10, atol=1e-300)
    # Allí nnlib da 0: el límite de la derivada de la pérdida sin recortes, que PyTorch muestra tendiendo a 0.
    assert np.all(grad[0, :2] == 0.0)
    slopes = [abs(_torch_focal_probabilities([[1.0]], [[1 - d]], gamma, clip=False)[1][0, 0])
              for d in (1e-2, 1e-4, 1e-6, 1e-8)]
    # -(1-p)^γ log p tiene derivada ≈ -(1+γ)(1-p)^γ cerca de 1: tiende a 0.
    assert all(a > b for a, b in zip(slopes, slopes[1:]))
    assert slopes[-1] == pytest.approx((1 + gamma) * 1e-8 ** gamma, rel=1e-6)


def _torch_focal_logits(t, z, gamma):
    """Focal desde logits en PyTorch, en escala logarítmica (estable también en ±1e4)."""
    tt = torch.tensor(t, dtype=torch.float64)
    zz = torch.tensor(z, dtype=torch.float64, requires_grad=True)
    log_p, log_q = torch.nn.functional.logsigmoid(zz), torch.nn.functional.logsigmoid(-zz)
    bce = -(tt * log_p + (1 - tt) * log_q)
    focal = torch.exp(gamma * torch.where(tt == 1, log_q, log_p))  # (1 - p_t)^γ, etiquetas 0/1
    value = (focal * bce).mean()
    value.backward()
    return value.item(), zz.grad.numpy()


@pytest.mark.parametrize("gamma", [0.25, 0.5, 2.0])
def test_focal_gradient_finite_logits(gamma):
    loss = losses.BinaryFocalCrossentropy(gamma=gamma, from_logits=True)
    z = np.array([[40.0, -40.0, 800.0, -800.0, 1e4, -1e4, 3.0, -3.0]])
    t = np.array([[1.0, 0.0, 1.0, 0.0, 1.0, 0.0, 0.0, 1.0]])
    with np.errstate(over="raise", divide="raise", invalid="raise"), warnings.catch_warnings():
        warnings.simplefilter("error")
        value, grad = loss(t, z), loss.gradient(t, z)
    assert np.isfinite(value) and np.all(np.isfinite(grad))
    torch_value, torch_grad = _torch_focal_logits(t, z, gamma)
    assert value == pytest.approx(torch_value, rel=1e-12)
    np.testing.assert_allclose(grad, torch_grad, rtol=1e-10, atol=1e-300)


def test_focal_gradient_matches_finite_differences_near_saturation():
    loss = losses.BinaryFocalCrossentropy(gamma=0.5, from_logits=True)
    t, z = np.array([[1.0, 0.0]]), np.array([[30.0, -30.0]])
    h = 1e-4
    numeric = np.array([(loss(t, z + h * e) - loss(t, z - h * e)) / (2 * h) for e in np.eye(2)[:, None, :]])
    np.testing.assert_allclose(loss.gradient(t, z)[0], numeric, rtol=1e-5)


PROBS = [0.0, 1e-300, 1e-8, 0.3, 1 - 1e-16, 1.0]
LOGITS = [-1e4, -800.0, -40.0, 0.0, 40.0, 800.0, 1e4]
REALS = [-1e150, -1e4, -1.0, 0.0, 1.0, 1e4, 1e150]
ROWS_T = [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.2, 0.3, 0.5]]
ROWS_P = [[0.0, 1.0, 0.0], [1e-300, 1 - 1e-300, 0.0], [0.5, 0.5, 0.0], [1 / 3] * 3]
ROWS_Z = [[-1e4, 1e4, 0.0], [800.0, -800.0, 0.0], [0.0, 0.0, 0.0], [1e150, -1e150, 0.0]]
SWEEP = [
    *[(f"focal_g{g}", lambda g=g: losses.BinaryFocalCrossentropy(gamma=g), [0.0, 1.0, 0.3], PROBS)
      for g in (0.0, 0.25, 0.5, 1.0, 2.0)],
    *[(f"focal_logits_g{g}", lambda g=g: losses.BinaryFocalCrossentropy(
        gamma=g, from_logits=True, label_smoothing=0.1, apply_class_balancing=True), [0.0, 1.0, 0.3], LOGITS)
      for g in (0.0, 0.25, 0.5, 2.0)],
    ("bce", losses.BinaryCrossentropy, [0.0, 1.0, 0.3], PROBS),
    ("bce_logits", lambda: losses.BinaryCrossentropy(from_logits=True), [0.0, 1.0, 0.3], LOGITS),
    *[(cls.__name__, cls, REALS, REALS) for cls in (
        losses.MeanSquaredError, losses.MeanAbsoluteError, losses.MeanAbsolutePercentageError,
        losses.MeanSquaredLogarithmicError, losses.Huber, losses.LogCosh, losses.Hinge, losses.SquaredHinge)],
    ("poisson", losses.Poisson, [0.0, 1.0, 1e150], [0.0, 1e-300, 1.0, 1e150]),
    ("cce", losses.CategoricalCrossentropy, ROWS_T, ROWS_P),
    ("cce_logits", lambda: losses.CategoricalCrossentropy(from_logits=True), ROWS_T, ROWS_Z),
    ("kld", losses.KLDivergence, ROWS_T, ROWS_P),
    ("categorical_hinge", losses.CategoricalHinge, ROWS_T, ROWS_Z),
    ("sparse", losses.SparseCategoricalCrossentropy, [[0], [1], [2]], ROWS_P),
    ("sparse_logits", lambda: losses.SparseCategoricalCrossentropy(from_logits=True), [[0], [1], [2]], ROWS_Z),
]


@pytest.mark.parametrize("name, make, targets, predictions", SWEEP, ids=[c[0] for c in SWEEP])
def test_every_loss_finite_gradient_where_value_finite(name, make, targets, predictions):
    checked = 0
    for t in targets:
        for p in predictions:
            yt = np.array([t], dtype=float) if np.ndim(t) else np.array([[t]])
            yp = np.array([p], dtype=float) if np.ndim(p) else np.array([[p]])
            loss = make()
            with np.errstate(over="ignore", under="ignore"), warnings.catch_warnings():
                warnings.simplefilter("ignore")  # solo cuenta el resultado
                value = loss(yt.ravel() if name.startswith("sparse") else yt, yp)
                grad = loss.gradient(yt.ravel() if name.startswith("sparse") else yt, yp)
            if np.isfinite(value):
                checked += 1
                assert np.all(np.isfinite(grad)), (name, t, p, value, grad)
    assert checked >= len(targets) * len(predictions) // 2


# ---------------------------------------------------------------------------
# Exactitud desde logits
# ---------------------------------------------------------------------------
def test_accuracy_from_logits_thresholds_at_zero():
    y = np.array([1.0, 1.0, 0.0, 0.0])
    logits = np.array([0.3, 0.2, -0.2, 0.4])  # probabilidades 0.57, 0.55, 0.45, 0.60: 3 de 4 aciertos
    true_accuracy = float(np.mean((1 / (1 + np.exp(-logits)) > 0.5) == y))
    for name in ("accuracy", "acc", "binary_accuracy"):
        metric = metrics.get(name, loss=losses.BinaryCrossentropy(from_logits=True))
        assert metric(y, logits) == true_accuracy == 0.75
    assert metrics.get("accuracy", loss=losses.BinaryFocalCrossentropy(from_logits=True)).threshold == 0.0
    # Con probabilidades, el umbral sigue en 0.5; Keras usaría 0.5 también sobre logits (0.5 aquí).
    assert metrics.get("accuracy", loss="binary_crossentropy").threshold == 0.5
    assert metrics.BinaryAccuracy()(y, logits) == 0.5
    # Multiclase: argmax no cambia con softmax, nada que corregir.
    assert isinstance(metrics.get("accuracy", loss=losses.CategoricalCrossentropy(from_logits=True)),
                      metrics.CategoricalAccuracy)


# ---------------------------------------------------------------------------
# Etiquetas que no encajan con la pérdida (check_targets, que llama fit)
# ---------------------------------------------------------------------------
def test_binary_labels_outside_0_1():
    for loss in (losses.BinaryCrossentropy(), losses.BinaryFocalCrossentropy(from_logits=True)):
        with pytest.raises(ValueError, match=r"espera etiquetas entre 0 y 1 en `y_true`; llegaron valores entre -1 "
                                             r"y 1\. Con etiquetas -1 y 1, use \(y \+ 1\) / 2"):
            loss.check_targets(np.array([-1.0, 1.0, 1.0]))
        with pytest.raises(ValueError, match="sparse_categorical_crossentropy"):
            loss.check_targets(np.array([0, 1, 2]))
        loss.check_targets(np.array([0.0, 1.0, 0.3]))  # etiquetas suaves: bien


def test_categorical_labels_not_distributions():
    loss = losses.CategoricalCrossentropy()
    with pytest.warns(UserWarning, match=r"1 de 2 filas de `y_true` no suman 1 \(la fila 1 suma 2\).*multietiqueta"):
        loss.check_targets(np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 1.0]]))
    with pytest.raises(ValueError, match="valores negativos"):
        loss.check_targets(np.array([[1.0, -1.0, 1.0]]))
    with pytest.raises(ValueError, match="valores negativos"):  # también al calcular la pérdida
        loss(np.array([[1.0, -1.0, 1.0]]), np.full((1, 3), 1 / 3))
    with pytest.raises(ValueError, match=r"one-hot, con 3 columnas.*'sparse_categorical_crossentropy'"):
        loss.check_targets(np.array([0, 2, 1]), n_outputs=3)
    with pytest.raises(ValueError, match=r"misma forma.*datasets.one_hot\(y\)"):
        loss(np.array([0, 2, 1]), np.full((3, 3), 1 / 3))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        loss.check_targets(datasets.one_hot([0, 2, 1]), n_outputs=3)
        loss.check_targets(np.array([[0.2, 0.8, 0.0]]))


def test_sparse_labels_checked():
    loss = losses.SparseCategoricalCrossentropy()
    with pytest.raises(ValueError, match=r"entre 0 y 2 \(la salida tiene 3 unidades\); llegaron valores entre 0 y 3"):
        loss.check_targets([0, 3, 1], n_outputs=3)
    with pytest.raises(ValueError, match="clases enteras"):
        loss.check_targets([0, 1.5])
    with pytest.raises(ValueError, match="categorical_crossentropy"):
        loss.check_targets(datasets.one_hot([0, 1, 2]), n_outputs=3)
    loss.check_targets(np.array([[0], [2]]), n_outputs=3)


# ---------------------------------------------------------------------------
# Capa de salida y pérdida (check_output, que llama compile)
# ---------------------------------------------------------------------------
def test_output_layer_and_loss():
    with pytest.raises(ValueError, match="softmax de un solo valor es siempre 1.0.*activation='sigmoid'"):
        losses.check_output("binary_crossentropy", "softmax", 1)
    with pytest.raises(ValueError, match="necesita una unidad de salida por clase"):
        losses.check_output("categorical_crossentropy", "sigmoid", 1)
    for act in ("sigmoid", activations.Softmax()):
        with pytest.warns(UserWarning, match="se aplicaría dos veces.*activation='linear'"):
            losses.check_output(losses.CategoricalCrossentropy(from_logits=True), act, 3)
    with pytest.raises(ValueError, match=r"espera probabilidades.*activation='linear'.*from_logits=True"):
        losses.check_output("binary_crossentropy", None, 1)
    with pytest.raises(ValueError, match=r"activation='relu'.*activation='softmax'"):
        losses.check_output("sparse_categorical_crossentropy", "relu", 3)
    with warnings.catch_warnings():  # lo correcto pasa sin avisos
        warnings.simplefilter("error")
        losses.check_output("binary_crossentropy", "sigmoid", 1)
        losses.check_output(losses.BinaryCrossentropy(from_logits=True), "linear", 1)
        losses.check_output("categorical_crossentropy", "softmax", 3)
        losses.check_output("mse", "linear", 1)
        losses.check_output("mse", "sigmoid", 1)


# ---------------------------------------------------------------------------
# El modelo, los optimizadores, los callbacks y las capas
# ---------------------------------------------------------------------------
from nnlib.callbacks import EarlyStopping, History, LearningRateFinder  # noqa: E402
from nnlib.layers import Dense, Dropout  # noqa: E402
from nnlib.model import Sequential, TrainingDivergedError  # noqa: E402

X4 = np.random.default_rng(0).normal(size=(20, 3))
Y4 = datasets.one_hot(np.arange(20) % 2)


def compiled_model(**compile_kwargs):
    model = Sequential([Dense(4, activation="relu", input_dim=3), Dense(2, activation="softmax")], seed=0)
    model.compile(**{"optimizer": "sgd", "loss": "categorical_crossentropy", **compile_kwargs})
    return model


def test_compile_checks_the_output_layer_against_the_loss():
    model = Sequential([Dense(4, activation="relu", input_dim=2), Dense(1, activation="softmax")])
    with pytest.raises(ValueError, match="softmax de un solo valor es siempre 1.0"):
        model.compile(loss="binary_crossentropy")
    assert model.loss is None  # no queda compilado a medias
    model = Sequential([Dense(4, activation="relu", input_dim=2), Dense(1, activation="sigmoid")])
    with pytest.warns(UserWarning, match="se aplicaría dos veces") as record:
        model.compile(loss=losses.BinaryCrossentropy(from_logits=True))
    assert record[0].filename == __file__  # el aviso señala la línea de quien llamó, no la de nnlib
    # capas añadidas después de compile: lo comprueba fit
    late = Sequential()
    late.compile(loss="binary_crossentropy")
    late.add(Dense(1, activation="softmax", input_dim=2))
    with pytest.raises(ValueError, match="siempre 1.0"):
        late.fit(np.ones((4, 2)), np.ones(4), verbose=0)


def test_fit_checks_the_labels_against_the_loss():
    model = Sequential([Dense(1, activation="sigmoid", input_dim=3)], seed=0)
    model.compile(optimizer="sgd", loss="binary_crossentropy")
    before = model.get_weights()
    with pytest.raises(ValueError, match=r"etiquetas entre 0 y 1.*\(y \+ 1\) / 2"):
        model.fit(X4, np.where(np.arange(20) % 2, 1.0, -1.0), verbose=0)
    for a, b in zip(before, model.get_weights()):
        np.testing.assert_array_equal(a, b)  # nada se entrenó
    with pytest.warns(UserWarning, match="no suman 1") as record:
        compiled_model().fit(X4, Y4 * 2, epochs=1, verbose=0)
    assert record[0].filename == __file__


def test_accuracy_with_logits_in_fit_and_evaluate_is_the_true_accuracy():
    rng = np.random.default_rng(1)
    x = rng.normal(size=(200, 2))
    y = (x[:, 0] + 0.3 * rng.normal(size=200) > 0.4).astype(float)
    model = Sequential([Dense(1, input_dim=2)], seed=0)  # salida lineal: logits
    model.compile(optimizer="adam", loss=losses.BinaryCrossentropy(from_logits=True), metrics=["accuracy"])
    history = model.fit(x, y, epochs=3, batch_size=200, verbose=0)
    logits = model.predict(x)[:, 0]
    true_accuracy = float(np.mean((logits > 0) == y))
    assert model.evaluate(x, y, return_dict=True)["accuracy"] == true_accuracy
    assert true_accuracy != float(np.mean((logits > 0.5) == y))  # el umbral 0.5 daría otra cifra
    assert len(history.history["accuracy"]) == 3


def test_divergence_names_the_likely_cause():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(64, 3))
    y = x @ np.array([[1.0], [2.0], [-1.0]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # ningún aviso de NumPy por el camino
        model = Sequential([Dense(16, activation="relu", input_dim=3), Dense(1)], seed=0)
        model.compile(optimizer=optimizers.SGD(0.01), loss="mse")
        with pytest.raises(TrainingDivergedError, match=r"entradas: su mayor valor absoluto es 2\.\d+e\+04.*"
                                                        r"datasets\.standardize") as info:
            model.fit(x * 1e4, y, batch_size=16, epochs=20, verbose=0)
        assert "10 veces menor" not in str(info.value)
        model = Sequential([Dense(16, activation="relu", input_dim=3), Dense(1)], seed=0)
        model.compile(optimizer=optimizers.SGD(5.0), loss="mse")
        with pytest.raises(TrainingDivergedError, match=r"tasa de aprendizaje demasiado grande.*10 veces menor \(0\.5\)"):
            model.fit(x, y, batch_size=16, epochs=20, verbose=0)


FIT_FLAGS = [
    ("nesterov", lambda v: optimizers.SGD(momentum=0.5, nesterov=v)),
    ("amsgrad", lambda v: optimizers.Adam(amsgrad=v)),
    ("amsgrad", lambda v: optimizers.AdamW(amsgrad=v)),
    ("centered", lambda v: optimizers.RMSprop(centered=v)),
    ("use_bias", lambda v: Dense(2, use_bias=v)),
    ("restore_best_weights", lambda v: EarlyStopping(restore_best_weights=v)),
    ("shuffle", lambda v: compiled_model().fit(X4, Y4, shuffle=v, verbose=0)),
    ("return_dict", lambda v: compiled_model().evaluate(X4, Y4, return_dict=v)),
    ("training", lambda v: compiled_model().gradients(X4, Y4, training=v)),
    ("verbose", lambda v: importlib.import_module("nnlib.frameworks.torch").device(verbose=v)),
]


@pytest.mark.parametrize("name, make", FIT_FLAGS, ids=[f"{n}-{i}" for i, (n, _) in enumerate(FIT_FLAGS)])
def test_model_optimizer_and_layer_flags_are_booleans(name, make):
    for bad in ("no", "False", 1, None):
        with pytest.raises(TypeError, match=f"`{name}` debe ser True o False") as info:
            make(bad)
        assert_spanish(info)
    make(np.True_)
    make(False)


def test_ragged_lists_in_model_methods():
    model = compiled_model()
    ragged = [[1.0, 2.0, 3.0], [1.0, 2.0]]
    for call in (lambda: model.fit(ragged, Y4[:2], verbose=0), lambda: model.predict(ragged),
                 lambda: model.evaluate(ragged, Y4[:2]),
                 lambda: model.fit(X4, Y4, validation_data=(ragged, Y4[:2]), verbose=0)):
        with pytest.raises(ValueError, match="filas de distinto largo"):
            call()
    with pytest.raises(ValueError, match=r"weights\[0\]` tiene filas de distinto largo"):
        model.set_weights([ragged] + model.get_weights()[1:])


def test_seeds_are_validated_in_the_model_and_its_layers():
    for bad, error in [("0", TypeError), (1.5, TypeError), (-1, ValueError), (True, TypeError)]:
        with pytest.raises(error, match="`seed` debe ser None o un entero"):
            Sequential(seed=bad)
        with pytest.raises(error, match="`seed` debe ser None o un entero"):
            Dropout(0.5, seed=bad)
    # Dropout(seed=...) sortea sus máscaras con su propio generador, como en Keras
    masks = []
    for model_seed in (0, 1):
        model = Sequential([Dense(8, input_dim=3), Dropout(0.5, seed=np.int64(7))], seed=model_seed)
        masks.append(model.layers[1].forward(np.ones((4, 8)), training=True))
    np.testing.assert_array_equal(masks[0], masks[1])


def test_set_weights_names_the_layer_and_the_expected_shapes():
    unbuilt = Sequential([Dense(4), Dense(2)])
    with pytest.raises(ValueError, match=r"aún no tiene pesos.*pase como primer arreglo la W de la primera capa"):
        unbuilt.set_weights([np.zeros(4)])
    model = Sequential([Dense(4, input_dim=3), Dense(2)], seed=0)
    weights = model.get_weights()
    with pytest.raises(ValueError, match=r"'dense': W \(3, 4\), b \(4,\); 'dense_1': W \(4, 2\), b \(2,\).*"
                                         r"weights\[2\], la W de la capa 'dense_1': se esperaba forma \(4, 2\) "
                                         r"y llegó \(2, 4\)"):
        model.set_weights(weights[:2] + [weights[2].T, weights[3]])
    with pytest.raises(TypeError, match="`weights` debe ser una lista de arreglos.*llegó un arreglo de NumPy"):
        model.set_weights(weights[0])


def test_callbacks_argument_forms():
    model = compiled_model()
    stopper = EarlyStopping(monitor="loss", patience=0)
    history = model.fit(X4, Y4, epochs=3, verbose=0, callbacks=stopper)  # uno solo, sin lista: vale
    assert stopper.model is model and len(history.history["loss"]) >= 1
    cases = [
        (EarlyStopping, r"es la clase EarlyStopping, no un callback: créelo con paréntesis, EarlyStopping\(\.\.\.\)"),
        ([History, EarlyStopping()], r"callbacks\[0\] es la clase History"),
        ([keras.callbacks.EarlyStopping()], "callback de Keras.*from nnlib.callbacks import EarlyStopping"),
        (LearningRateFinder(), r"no es un callback de fit.*find\(model, x, y\)"),
        ([print], r"`callbacks` debe ser una lista de objetos de nnlib.callbacks.*callbacks\[0\] es la función print"),
        ("early_stopping", r"`callbacks` debe ser una lista.*llegó el texto 'early_stopping'"),
    ]
    for callbacks, match in cases:
        with pytest.raises(TypeError, match=match) as info:
            model.fit(X4, Y4, verbose=0, callbacks=callbacks)
        assert_spanish(info)


def test_keras_arguments_that_nnlib_does_not_have():
    model = compiled_model()
    cases = [
        (lambda: model.fit(X4, Y4, class_weight={0: 1.0, 1: 2.0}), r"fit\(\) de nnlib no admite el argumento "
                                                                   r"`class_weight` de Keras: todos los ejemplos"),
        (lambda: model.fit(X4, Y4, sample_weight=np.ones(20)), "`sample_weight` de Keras"),
        (lambda: model.fit(X4, Y4, initial_epoch=2), "llamar otra vez a fit"),
        (lambda: model.evaluate(X4, Y4, sample_weight=np.ones(20)), r"evaluate\(\) de nnlib no admite"),
        (lambda: model.predict(X4, steps=1), r"predict\(\) de nnlib no admite el argumento `steps`"),
        (lambda: model.fit(X4, Y4, epoch=3), r"fit\(\) no tiene el argumento `epoch`\. ¿Quiso decir `epochs`\?"),
    ]
    for call, match in cases:
        with pytest.raises(TypeError, match=match):
            call()


def test_validation_data_in_wrong_forms_says_what_came():
    model = compiled_model()
    cases = [
        (X4, ValueError, r"una tupla \(x_val, y_val\); llegó un arreglo de NumPy de forma \(20, 3\)"),
        ((X4, Y4, np.ones(20)), ValueError, r"tercer elemento con pesos por muestra.*llegó una tupla de 3 elementos"),
        ({"x": X4, "y": Y4}, ValueError, "llegó un diccionario de 2 elementos"),
        ([X4], ValueError, "llegó una lista de 1 elemento"),
    ]
    for validation_data, error, match in cases:
        with pytest.raises(error, match=match):
            model.fit(X4, Y4, validation_data=validation_data, verbose=0)
    with pytest.raises(TypeError, match="`validation_split` debe ser un número entre 0 y 1; llegó el texto '0.2'"):
        model.fit(X4, Y4, validation_split="0.2", verbose=0)
    with pytest.raises(ValueError, match="`verbose` debe ser 0, 1, 2 o 'auto'; llegó el texto 'no'"):
        model.fit(X4, Y4, verbose="no")


def test_monitor_typo_suggests_the_metric_that_fit_logs():
    model = compiled_model(metrics=["accuracy"])
    before = model.get_weights()
    for monitor, suggestion in [("val_los", "val_loss"), ("val_acuracy", "val_accuracy"), ("val_acc", "val_accuracy")]:
        with pytest.raises(ValueError, match=f"vigila '{monitor}'.*¿Quiso decir '{suggestion}'\\?"):
            model.fit(X4, Y4, epochs=2, verbose=0, validation_split=0.25, callbacks=[EarlyStopping(monitor=monitor)])
    for a, b in zip(before, model.get_weights()):
        np.testing.assert_array_equal(a, b)  # se avisa antes de entrenar, no al final de la primera época
