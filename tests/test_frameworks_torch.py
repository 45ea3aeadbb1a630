"""nnlib.frameworks.torch: el mismo modelo en PyTorch, el dispositivo y el bucle de entrenamiento."""
import numpy as np
import pytest
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

from nnlib.frameworks import torch as nt
from nnlib.layers import Dense
from nnlib.model import Sequential

from framework_cases import ACTIVATIONS, assert_same_nnlib_model, inputs, make_model


@pytest.mark.parametrize("act", ACTIVATIONS, ids=str)
def test_to_torch_same_forward_float64(act):
    model = make_model(act)
    torch_model = nt.to_torch(model).eval()  # eval: Dropout apagado, como predict
    assert next(torch_model.parameters()).dtype == torch.float64
    out = torch_model(torch.from_numpy(inputs())).detach().numpy()
    np.testing.assert_allclose(out, model.predict(inputs()), rtol=1e-6, atol=1e-6)
    np.testing.assert_allclose(out, model.predict(inputs()), rtol=1e-12, atol=1e-14)  # de hecho, mucho mejor


def test_to_torch_same_forward_float32():
    model = make_model("gelu", dtype=np.float32)
    torch_model = nt.to_torch(model).eval()
    assert next(torch_model.parameters()).dtype == torch.float32
    out = torch_model(torch.from_numpy(inputs(dtype=np.float32))).detach().numpy()
    np.testing.assert_allclose(out, model.predict(inputs(dtype=np.float32)), rtol=1e-5, atol=1e-5)


def test_to_torch_layout_and_weights():
    model = make_model()
    torch_model = nt.to_torch(model)
    kinds = [type(m).__name__ for m in torch_model]
    assert kinds == ["Linear", "ReLU", "Dropout", "Linear", "Tanh", "SiLU", "Linear", "Softmax"]
    first = torch_model[0]
    assert first.weight.shape == (7, 5)  # nn.Linear guarda W traspuesta: (salidas, entradas)
    assert np.array_equal(first.weight.detach().numpy(), model.layers[0].W.T)
    assert torch_model[2].p == 0.3


@pytest.mark.parametrize("act", ACTIVATIONS, ids=str)
def test_round_trip_nnlib_torch_nnlib_keeps_weights_exactly(act):
    model = make_model(act)
    back = nt.from_torch(nt.to_torch(model))
    assert_same_nnlib_model(model, back)


def test_from_torch_of_a_pytorch_model():
    torch.manual_seed(0)
    torch_model = nn.Sequential(nn.Linear(4, 6), nn.LeakyReLU(0.2), nn.Dropout(0.1), nn.Linear(6, 2, bias=False),
                                nn.Sigmoid(), nn.Tanh()).double().eval()
    model = nt.from_torch(torch_model)
    assert [type(layer).__name__ for layer in model.layers] == ["Dense", "Dropout", "Dense", "Activation"]
    assert model.layers[2].b is None and model.layers[2].activation.name == "sigmoid"
    x = np.random.default_rng(0).normal(size=(9, 4))
    np.testing.assert_allclose(model.predict(x), torch_model(torch.from_numpy(x)).detach().numpy(), rtol=1e-12)


def test_conversion_errors_are_spanish():
    with pytest.raises(TypeError, match="no sabe convertir el módulo Conv1d"):
        nt.from_torch(nn.Sequential(nn.Linear(3, 2), nn.Conv1d(1, 1, 1)))
    with pytest.raises(ValueError, match="GELU exacta"):
        nt.from_torch(nn.Sequential(nn.Linear(3, 2), nn.GELU(approximate="tanh")))
    with pytest.raises(ValueError, match="primera capa"):
        nt.from_torch(nn.Sequential(nn.ReLU(), nn.Linear(3, 2)))
    with pytest.raises(ValueError, match="aún no tiene pesos"):
        nt.to_torch(Sequential([Dense(3), Dense(1)]))
    with pytest.raises(TypeError, match="nnlib.Sequential"):
        nt.to_torch("modelo")
    with pytest.raises(ValueError, match="¿Quiso decir"):
        nt.loss("hingee")


def test_set_seed_makes_torch_reproducible():
    nt.set_seed(3)
    a = nn.Linear(4, 4).weight.detach().clone()
    nt.set_seed(3)
    assert torch.equal(a, nn.Linear(4, 4).weight.detach())


def test_source_shows_the_code_of_losses_without_builtin():
    code = nt.source("mape")
    assert code.startswith("def mean_absolute_percentage_error(y_pred, y_true):") and "clamp" in code


# ======================================================================================
# device(): el camino de la GPU se prueba en la CPU simulando lo que PyTorch informaría
# ======================================================================================
def test_device_picks_cpu_here_and_says_so(capsys):
    if torch.cuda.is_available():
        pytest.skip("Esta máquina tiene GPU: la prueba simulada de abajo cubre el caso.")
    dev = nt.device()
    assert dev == torch.device("cpu") or dev.type == "mps"
    out = capsys.readouterr().out
    assert out.count("\n") == 1 and out.startswith(("No hay GPU disponible: se usa la CPU.", "Se usa la GPU"))
    nt.device(verbose=False)
    assert capsys.readouterr().out == ""


def test_device_prefers_cuda_then_mps(monkeypatch, capsys):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    monkeypatch.setattr(torch.cuda, "current_device", lambda: 0)
    monkeypatch.setattr(torch.cuda, "get_device_name", lambda index=None: "NVIDIA H100")
    monkeypatch.setattr(torch.cuda, "device_count", lambda: 1)
    assert nt.device() == torch.device("cuda")
    assert capsys.readouterr().out == "Se usa la GPU NVIDIA H100 (CUDA).\n"
    monkeypatch.setattr(torch.cuda, "device_count", lambda: 4)
    nt.device()
    assert "4 GPU visibles" in capsys.readouterr().out
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    monkeypatch.setattr(torch.backends.mps, "is_available", lambda: True)
    assert nt.device() == torch.device("mps")
    assert "Apple (MPS)" in capsys.readouterr().out


# ======================================================================================
# fit(): el bucle de PyTorch da lo mismo que Sequential.fit de nnlib
# ======================================================================================
def _data(n=100, seed=2):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, 5))
    y = np.eye(3)[rng.integers(0, 3, size=n)]
    return X, y


@pytest.mark.parametrize("optimizer", ["sgd", "adam"])
def test_fit_matches_nnlib_fit(optimizer, capsys):
    X, y = _data()
    model = Sequential([Dense(8, activation="tanh", input_dim=5), Dense(3, activation="softmax")], seed=4)
    torch_model = nt.to_torch(model)
    model.compile(optimizer=optimizer, loss="categorical_crossentropy")
    history = model.fit(X, y, epochs=3, batch_size=32, shuffle=False, verbose=0)
    loader = DataLoader(TensorDataset(torch.from_numpy(X), torch.from_numpy(y)), batch_size=32, shuffle=False)
    torch_history = nt.fit(torch_model, loader, nt.loss("categorical_crossentropy"),
                           nt.optimizer(optimizer, torch_model.parameters()), epochs=3, device="cpu")
    out = capsys.readouterr().out
    assert "Época 3/3" in out and "4/4" in out and "loss:" in out
    assert "4/4 " + "━" * 20 + " - loss: " in out  # la misma barra que Sequential.fit (ProgbarLogger)
    tol = 1e-10 if optimizer == "sgd" else 1e-5  # Adam: ε en otro sitio (vea la tabla de optimizadores)
    np.testing.assert_allclose(torch_history["loss"], history.history["loss"], rtol=tol)
    for w, v in zip(model.get_weights(), nt.from_torch(torch_model).get_weights()):
        np.testing.assert_allclose(v, w, rtol=tol, atol=tol)


def test_fit_with_validation_and_silent():
    X, y = _data()
    torch_model = nt.to_torch(Sequential([Dense(3, activation="softmax", input_dim=5)], seed=0))
    loader = DataLoader(TensorDataset(torch.from_numpy(X), torch.from_numpy(y)), batch_size=50)
    loss = nn.CrossEntropyLoss()
    history = nt.fit(torch_model[:1], loader, loss, torch.optim.SGD(torch_model.parameters(), lr=0.5),
                     epochs=2, validation_loader=loader, verbose=False)
    assert set(history) == {"loss", "val_loss"} and len(history["val_loss"]) == 2
    assert history["val_loss"][-1] == pytest.approx(nt.evaluate(torch_model[:1], loader, loss))
    assert history["loss"][1] < history["loss"][0]
