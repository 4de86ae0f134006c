"""Setting a property that kv rules watch, when a rule may have outlived its widget.

    set_watched(app.look, "page", (1, 1, 1, 1))       # as setattr, but a dead widget's rule cannot stop it

A kv rule such as ``color: app.look.page_text`` binds the widget to ``app.look`` through a weak proxy, and Kivy
unbinds it when the widget is collected (``kivy.uix.widget._widget_destructor``). Now and then that unbinding does
not happen (Kivy's own comment there says the destructor is not always called): the rule stays bound to a widget
that no longer exists, and the next change of the property raises ``ReferenceError`` part way through telling its
watchers, so the rest of the screens keep the old colour or size. The tour met it about once in five runs of the
representative set, in a wipe that switched high contrast off (``Look.refresh``). Here the dead rules are
dropped and the watchers told again, so every living widget follows and nothing is raised.
"""

from __future__ import annotations

import logging

from kivy.weakproxy import WeakProxy

log = logging.getLogger("jobpoint.screens")

#: Times to drop dead rules and tell the watchers again before giving up (each pass drops every dead rule it sees).
MOST_TRIES = 3


def set_watched(dispatcher, name: str, value) -> None:
    """``setattr(dispatcher, name, value)``, dropping kv rules of widgets that no longer exist if one is met.

    :param dispatcher: an ``EventDispatcher`` (the App, its ``Look``).
    :param name: the property.
    :param value: its new value.
    """
    try:
        setattr(dispatcher, name, value)
        return
    except ReferenceError:
        pass
    for _ in range(MOST_TRIES):
        dropped = drop_dead_rules(dispatcher, name)
        log.info("dropped %d kv rule(s) of widgets that no longer exist, watching %s", dropped, name)
        try:
            dispatcher.property(name).dispatch(dispatcher)
            return
        except ReferenceError:
            continue
    log.error("the screens could not all be told of a change of %s", name)


def drop_dead_rules(dispatcher, name: str) -> int:
    """Unbind every watcher of ``name`` whose arguments hold a proxy to a widget that no longer exists; returns how
    many.

    :param dispatcher: an ``EventDispatcher``.
    :param name: the property.
    """
    dropped = 0
    for _callback, largs, _kwargs, _is_ref, uid in dispatcher.get_property_observers(name, args=True):
        if uid is not None and _holds_dead_proxy(largs):
            dispatcher.unbind_uid(name, uid)
            dropped += 1
    return dropped


def _holds_dead_proxy(largs) -> bool:
    # A kv rule's watcher is call_fn with (widget proxy, key, value, rule, idmap) (kivy.lang.builder).
    for arg in largs:
        for item in (arg if isinstance(arg, (list, tuple)) else [arg]):
            if isinstance(item, WeakProxy) and not _alive(item):
                return True
    return False


def _alive(proxy: WeakProxy) -> bool:
    try:
        proxy.__ref__()
    except ReferenceError:
        return False
    return True
