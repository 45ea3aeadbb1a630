"""Widgets interactivos del curso y las funciones que dibujan detrás de ellos.

Cada widget es una capa fina de ``ipywidgets`` alrededor de una función normal
que dibuja una figura con matplotlib. Esa función se puede llamar sin interfaz
(el sitio web muestra su figura con los valores por omisión, y las pruebas la
comprueban); el widget solo añade los controles.

Un módulo por capítulo, con el nombre de su tema:

* :mod:`nnlib.widgets.perceptron` — el explorador del perceptrón (capítulo 1).

``ipywidgets`` se importa solo al crear un widget, así que las funciones de
dibujo funcionan sin él.
"""
from nnlib.widgets.perceptron import GATES, misclassified, perceptron_explorer, perceptron_widget

__all__ = ["GATES", "misclassified", "perceptron_explorer", "perceptron_widget"]
