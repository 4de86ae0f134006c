"""Explore careers (issue #19 point 5): the list of careers, a career's page, and the young people's page.

What is said comes from ``kiosk.careers`` (careers like this, routes in, vacancy counts) and the CV builder's job
families (``assets/cv/occupations.toml``); these screens only show it.
"""
