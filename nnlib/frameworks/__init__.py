"""Los mismos modelos e ideas de ``nnlib`` en Keras y en PyTorch.

``nnlib.frameworks.keras`` y ``nnlib.frameworks.torch`` importan su
framework solo cuando se usan.
"""

from nnlib._checks import describe


def built_layers(model):
    """Las capas de un ``nnlib.Sequential`` que ya tiene pesos (lo que copian ``to_keras`` y ``to_torch``)."""
    layers = getattr(model, "layers", None)
    if layers is None:
        raise TypeError(f"`model` debe ser un nnlib.Sequential; llegó {describe(model)}.")
    if not all(getattr(layer, "built", True) for layer in layers):
        raise ValueError(
            "El modelo aún no tiene pesos: indique input_dim en la primera capa o llame antes a fit/predict."
        )
    return layers
