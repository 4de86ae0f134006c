"""Hardware, each device behind one contract with its providers: so far read-aloud (``speech``).

Card readers, the printer and provider selection come with the device layer; nothing here imports ``screens/``.
"""
