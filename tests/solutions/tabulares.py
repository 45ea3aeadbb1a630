"""Soluciones de referencia de ``nnlib.checks.tabulares`` (capítulo 9).

Quien cambie un ejercicio del capítulo 9 actualiza aquí su solución en el mismo commit.
"""
import numpy as np
from sklearn.ensemble import RandomForestRegressor
from sklearn.preprocessing import StandardScaler


def scale_features(X_train, X_new):
    scaler = StandardScaler().fit(X_train)
    return scaler.transform(X_train), scaler.transform(X_new)


LEAKS = {"a": True, "b": False, "c": True, "d": False, "e": True, "f": False}


def forest_baseline(X_train, y_train, X_val, y_val, seed):
    forest = RandomForestRegressor(n_estimators=50, random_state=seed, n_jobs=1)
    forest.fit(X_train, y_train)
    return float(np.mean(np.abs(forest.predict(X_val) - y_val)))


def paired_comparison(scores_a, scores_b):
    differences = np.asarray(scores_a) - np.asarray(scores_b)
    mean, spread = float(differences.mean()), float(differences.std(ddof=1))
    verdict = "a" if mean > spread else "b" if mean < -spread else "empate"
    return mean, spread, verdict


SOLUTIONS = {
    "check_scale_features": {"scale_features": scale_features},
    "check_leaks": {"leaks": LEAKS},
    "check_forest_baseline": {"forest_baseline": forest_baseline},
    "check_paired_comparison": {"paired_comparison": paired_comparison},
}
