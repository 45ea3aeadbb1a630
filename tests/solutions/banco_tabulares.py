"""Soluciones de referencia de ``nnlib.checks.banco_tabulares`` (banco del capítulo 9).

Quien cambie un ejercicio de ``chapters/banco/09_datos_tabulares.ipynb`` actualiza aquí su solución
en el mismo commit. Son las mismas soluciones que el cuaderno esconde tras «Mostrar solución».
"""
import numpy as np
from sklearn.ensemble import RandomForestClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler


def majority_baseline(y_train, y_val):
    majority = np.bincount(y_train).argmax()
    return float(np.mean(y_val == majority))


def kfold_sizes(n_samples, n_folds):
    base, extra = divmod(n_samples, n_folds)
    return [base + 1 if i < extra else base for i in range(n_folds)]


def impute_median(X_train, X_new):
    medians = np.nanmedian(X_train, axis=0)
    return np.where(np.isnan(X_train), medians, X_train), np.where(np.isnan(X_new), medians, X_new)


def boosting_start(y):
    p = np.mean(y)
    return float(np.log(p / (1 - p))), y - p


def fit_and_predict(X_train, y_train, X_test):
    candidates = {
        "regresión logística": make_pipeline(StandardScaler(), LogisticRegression()),
        "bosque aleatorio": RandomForestClassifier(n_estimators=100, random_state=0, n_jobs=1),
    }
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
    scores = {name: cross_val_score(model, X_train, y_train, cv=folds).mean()
              for name, model in candidates.items()}
    best = max(scores, key=scores.get)
    return candidates[best].fit(X_train, y_train).predict(X_test)


SOLUTIONS = {
    "check_majority_baseline": {"majority_baseline": majority_baseline},
    "check_kfold_sizes": {"kfold_sizes": kfold_sizes},
    "check_impute_median": {"impute_median": impute_median},
    "check_boosting_start": {"boosting_start": boosting_start},
    "check_fit_and_predict": {"fit_and_predict": fit_and_predict},
}
