""""Something has changed" (issue #19 point 4): the page of life events, and each event's checklist.

    app.nav.go("life_events")          # "What has changed?": one button per event (choose.py)
    open_event(app, "someone_died")    # its steps in order for the kiosk's nation (checklist.py)

The events and their steps are data (``kiosk.life_events``); these pages only show them.
"""
