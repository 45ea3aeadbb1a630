"""Lo que comparten las pruebas de las comprobaciones de cada capítulo (``tests/test_checks_<tema>.py``).

- :data:`SEEDS`: las semillas con que se repite cada caso, porque los casos al azar de una
  comprobación cambian en cada ejecución.
- :func:`run`: ejecuta una comprobación con una semilla fija y devuelve su resultado y lo que imprimió.
- :func:`rejected` / :func:`rejected_with`: una respuesta equivocada se rechaza con su pista, con
  cada semilla, con una «Pista:», sin traza de error y sin el «¡Muy bien!» de un ejercicio resuelto.
"""
from nnlib.checks import fixed_seed

SEEDS = [0, 1, 2, 3, 7, 11, 42, 2024]


def run(check, capsys, seed=0, **namespace):
    """Ejecuta una comprobación con una semilla fija y devuelve (resultado, texto impreso)."""
    with fixed_seed(seed):
        result = check(namespace)
    captured = capsys.readouterr()
    assert not captured.err, f"la comprobación escribió en stderr:\n{captured.err}"
    return result, captured.out


def rejected(check, capsys, namespace, hint, seeds=SEEDS):
    """La comprobación rechaza ``namespace`` con cada semilla y da la pista ``hint``.

    ``hint`` es la pista que debe aparecer, o una tupla de pistas aceptables.
    """
    hints = hint if isinstance(hint, tuple) else (hint,)
    for seed in seeds:
        ok, out = run(check, capsys, seed=seed, **namespace)
        assert bool(ok) is False, f"semilla {seed}: la comprobación aceptó una respuesta equivocada:\n{out}"
        assert any(h in out for h in hints), f"semilla {seed}: falta la pista «{hints}»:\n{out}"
        assert "Pista:" in out and "Traceback" not in out and "¡Muy bien!" not in out


def rejected_with(check, capsys, name, wrong, hint, seeds=SEEDS):
    """Como :func:`rejected`, con la respuesta equivocada ``wrong`` guardada en ``name``."""
    rejected(check, capsys, {name: wrong}, hint, seeds)
