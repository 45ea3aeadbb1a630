"""El paquete como lo ve quien lo instala: la API pública de DESIGN.md y un núcleo sin frameworks."""
import subprocess
import sys

import pytest

import nnlib

CORE = ["activations", "losses", "initializers", "regularizers", "layers", "optimizers", "schedules",
        "metrics", "callbacks", "model", "perceptron", "gradcheck", "datasets", "plots", "checks", "setup"]


def test_public_api_of_the_design_contract():
    from nnlib import activations, datasets, initializers, losses, optimizers  # noqa: F401
    from nnlib.layers import Dense, Dropout  # noqa: F401
    from nnlib.model import Sequential
    from nnlib.perceptron import Perceptron

    assert nnlib.Sequential is Sequential and nnlib.Perceptron is Perceptron
    for name in ["linear", "step", "sigmoid", "tanh", "relu", "leaky_relu", "elu", "gelu", "swish", "softmax"]:
        assert activations.get(name).name == name
    assert isinstance(optimizers.get("adam"), optimizers.Adam)
    assert isinstance(initializers.RandomUniform(minval=-0.3, maxval=0.3), initializers.Initializer)


def test_unknown_attribute_has_a_spanish_error():
    with pytest.raises(AttributeError, match="nnlib no tiene el atributo 'Sequentail'"):
        nnlib.Sequentail  # noqa: B018


@pytest.mark.parametrize("module", CORE)
def test_numpy_core_imports_no_framework(module):
    """Cada módulo del núcleo se importa sin cargar TensorFlow, Keras ni PyTorch (Colab instala en segundos)."""
    code = (
        f"import sys, nnlib.{module}; "
        "loaded = sorted(m for m in ('tensorflow', 'keras', 'torch') if m in sys.modules); "
        "print(','.join(loaded))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"nnlib.{module} carga {out.stdout.strip()}"


def _nnlib_imports():
    """{módulo: módulos de nnlib que importa}, leyendo cada import de nnlib/ (también los de dentro de funciones)."""
    import ast
    from pathlib import Path

    root = Path(nnlib.__file__).parent
    modules = {}
    for path in root.rglob("*.py"):
        parts = path.relative_to(root.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        modules[name] = path
    graph = {}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        targets = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:  # import relativo
                    base = ".".join(package.split(".")[:len(package.split(".")) - node.level + 1] + ([base] if base else []))
                for alias in node.names:  # `from nnlib import losses` importa el submódulo nnlib.losses
                    targets.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base)
        graph[name] = {t for t in targets if t in modules and t != name}
    return graph


def test_the_import_graph_of_nnlib_has_no_cycle():
    """Ningún módulo de nnlib se importa a sí mismo a través de otros (antes: model <-> callbacks)."""
    graph = _nnlib_imports()
    assert "nnlib.model" in graph and "nnlib.callbacks" in graph["nnlib.model"]  # la prueba ve los imports
    state = {}

    def visit(module, path):
        state[module] = "open"
        for target in sorted(graph[module]):
            assert state.get(target) != "open", "ciclo de importación: " + " -> ".join(path + [target])
            if target not in state:
                visit(target, path + [target])
        state[module] = "done"

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
