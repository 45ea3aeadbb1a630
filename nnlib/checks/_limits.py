"""Ejecutar el código de quien aprende con un límite de tiempo.

En Unix (Linux, macOS, Colab, Binder) y en el hilo principal, que es donde Jupyter
ejecuta las celdas, se usa ``signal.setitimer``: la llamada se interrumpe de verdad
al cumplirse el plazo. En otro caso (Windows, o fuera del hilo principal) la función
corre en un hilo aparte y se la espera ``seconds`` segundos; si no termina, se
informa igual, aunque el hilo siga hasta acabar por su cuenta.
"""
from __future__ import annotations

import contextlib
import signal
import threading
import time

__all__ = ["TimeLimitExceeded", "run_with_time_limit", "time_limit_cap"]


class TimeLimitExceeded(BaseException):
    """La función no terminó a tiempo.

    Hereda de ``BaseException`` para que un ``except Exception`` del código de
    quien aprende no la atrape.
    """


_cap = None


@contextlib.contextmanager
def time_limit_cap(seconds):
    """Dentro del bloque, ningún límite de tiempo pasa de ``seconds`` (para las pruebas)."""
    global _cap
    previous, _cap = _cap, seconds
    try:
        yield
    finally:
        _cap = previous


def effective_limit(seconds):
    if _cap is not None:
        return _cap if seconds is None else min(seconds, _cap)
    return seconds


def _can_use_signals():
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


def run_with_time_limit(function, args=(), kwargs=None, seconds=None):
    """``function(*args, **kwargs)``; lanza :class:`TimeLimitExceeded` si tarda más de ``seconds``."""
    kwargs = kwargs or {}
    seconds = effective_limit(seconds)
    if seconds is None or seconds <= 0:
        return function(*args, **kwargs)
    if _can_use_signals():
        try:
            return _with_signal(function, args, kwargs, seconds)
        except _NoSignal:
            pass
    return _with_thread(function, args, kwargs, seconds)


class _NoSignal(Exception):
    pass


def _with_signal(function, args, kwargs, seconds):
    def on_alarm(signum, frame):
        raise TimeLimitExceeded()

    try:
        previous_handler = signal.signal(signal.SIGALRM, on_alarm)
    except (ValueError, OSError):  # no es el hilo principal del intérprete principal
        raise _NoSignal() from None
    outer_delay, outer_interval = signal.getitimer(signal.ITIMER_REAL)
    start = time.monotonic()
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        return function(*args, **kwargs)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous_handler)
        if outer_delay > 0:  # un temporizador de fuera (p. ej. de pytest-timeout) sigue su cuenta
            remaining = max(outer_delay - (time.monotonic() - start), 1e-3)
            signal.setitimer(signal.ITIMER_REAL, remaining, outer_interval)


def _with_thread(function, args, kwargs, seconds):
    outcome = {}

    def target():
        try:
            outcome["value"] = function(*args, **kwargs)
        except BaseException as exc:  # noqa: BLE001 - se vuelve a lanzar en el hilo que espera
            outcome["error"] = exc

    worker = threading.Thread(target=target, name="nnlib-check", daemon=True)
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        raise TimeLimitExceeded()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]
