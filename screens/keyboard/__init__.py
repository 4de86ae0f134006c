"""The kiosk's own on-screen keyboard, drawn in the theme's colours and sized in millimetres.

- ``layouts``: the layouts as data (letters, numbers and symbols, email, phone, PIN, accented letters).
- ``accents``: the accented letters a press-and-hold offers (Welsh and the names common in Great Britain).
- ``keys``: one key, with press-and-hold.
- ``board``: the keyboard widget, which types into the focused field (``keyboard.kv`` draws it).
- ``dock``: ``app.keyboard``, which shows it for the focused field and keeps that field in view above it.
"""
