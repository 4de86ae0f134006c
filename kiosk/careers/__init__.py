"""Explore careers (issue #19 point 5): what a kind of work involves, careers like it, and vacancies for it now.

- ``kiosk.careers.related``: careers that share skills with one career, or with the skills on a person's CV;
- ``kiosk.careers.vacancy_stats``: how many vacancies for a career the kiosk's cache holds near a place, and their
  advertised yearly pay range (``career_stats``: any of a career's job titles);
- ``kiosk.careers.finding``: "Find any job", a job's name as typed to our careers and the ONS's unit groups;
- ``kiosk.careers.soc2020``: the ONS's SOC 2020 description of a career's work, its tasks and ways in (built by
  ``kiosk.careers.soc2020_build`` from the ONS's workbook);
- ``kiosk.careers.routes``: the ways in (licences, cards) that the open data does not give;
- ``kiosk.careers.youth``: the young people's page's offers and careers service, by nation.

A career here is a job family from ``assets/cv/occupations.toml`` (bilingual, its skills checked against ESCO), so
the CV builder and the careers pages speak of the same skills in the same words.
"""
