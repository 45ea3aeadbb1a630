"""Los mismos modelos e ideas de ``nnlib`` en Keras y en PyTorch.

``nnlib.frameworks.keras`` y ``nnlib.frameworks.torch`` importan su
framework solo cuando se usan.
"""
