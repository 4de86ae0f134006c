"""`kiosk tour` renders every screen, in both languages and orientations and at every setting, as real pictures.

The full tour (about 2,000 pictures) takes minutes, so the test renders the representative set in the standard
look: every screen and panel in both languages and orientations, and every other view once in English and
landscape (so each way of setting a view up runs); and home and help at every setting. Which views the full tour
names is checked from its plan, without drawing them. tests/screens/test_layout_check.py checks the layout of the
representative set at every setting.
"""

import itertools
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from screens.tools.tour import plan_shots
from screens.tools.tour_views import views

VIEWS = ["attract", "attract_cleared", "home", "jobs", "jobs_results", "jobs_filters", "job_detail", "shortlist",
         "benefits", "benefits_question", "benefits_answers", "benefits_results", "cv", "jobs_typing", "jobs_place_typing",
         "cv_contact_typing_name", "cv_contact_typing_accents", "cv_contact_typing_email", "cv_contact_typing_phone",
         "cv_statement_typing", "jobs_results_empty", "jobs_place_unknown",
         "jobs_unavailable", "shortlist_empty", "benefits_question_choice", "benefits_question_keypad",
         "benefits_question_money", "benefits_question_error", "benefits_question_means", "benefits_results_reading",
         "benefits_results_working", "benefits_results_useful_no", "phone", "phone_shortlist", "print", "accessibility", "help",
         "help_no_answer", "help_offline", "help_answered",
         "confirm_finish", "confirm_start_again", "idle_warning", "out_of_service", "about", "privacy", "accessibility_statement", "staff_pin", "staff_pin_wrong", "staff_card_locked",
         "staff_not_staff_card", "staff_assisted", "staff_tools", "staff_maintenance",
         # The CV builder: every step, then the sample CV (docs/cv-sample.json) on each page that shows it.
         "cv_contact", "cv_statement", "cv_work", "cv_work_edit", "cv_education", "cv_education_edit",
         "cv_qualifications", "cv_skills", "cv_interests", "cv_references", "cv_preview", "cv_matches",
         "cv_preview_sample", "cv_preview_modern", "cv_preview_no_name", "cv_preview_phone_sent",
         "cv_preview_phone_failed", "cv_preview_reading", "accessibility_reading", "jobs_results_reading", "cv_matches_sample", "cv_work_sample", "cv_work_taking_off", "cv_work_edit_sample",
         "cv_work_edit_error", "cv_education_sample", "cv_education_edit_sample", "cv_started", "cv_contact_sample",
         "cv_contact_error", "cv_statement_sample", "cv_qualifications_open", "cv_skills_sample",
         "cv_references_names",
         # Explore careers: the list, a career, the young people's page; ways in, read aloud, the page's end.
         "careers", "career", "careers_young", "career_ons", "career_security", "career_hgv", "career_reading",
         "career_end", "careers_found", "careers_found_none", "career_ons_end"]
# "Help near you" (issue #19 point 3): its two screens, then one kind of help read aloud, printed, and two others.
VIEWS += ["local_help", "local_help_group", "local_help_health", "local_help_other", "local_help_reading",
          "local_help_printed"]
# "Something has changed" (issue #19 point 4): the list, a checklist, and more of them (tour_life_events.py).
VIEWS += ["life_events", "life_event", "life_event_lost_job", "life_event_baby", "life_event_reading",
          "life_event_end_reading", "life_event_check_given", "life_event_new_check"]
#: Every screen of the app and every panel: what the representative set shows.
REPRESENTATIVE = ["attract", "home", "jobs", "jobs_results", "jobs_filters", "job_detail", "shortlist", "benefits",
                  "benefits_question", "benefits_answers", "benefits_results", "cv", "cv_contact", "cv_statement",
                  "cv_work", "cv_work_edit", "cv_education", "cv_education_edit", "cv_qualifications", "cv_skills",
                  "cv_interests", "cv_references", "cv_preview", "cv_matches", "about", "privacy", "accessibility_statement",
                  "careers", "career", "careers_young", "career_ons",
                  "phone", "print", "accessibility", "help", "confirm_finish", "idle_warning", "out_of_service", "staff_pin"]
REPRESENTATIVE += ["local_help", "local_help_group", "life_events", "life_event"]
SIZES = {"landscape": (1920, 1080), "portrait": (1080, 1920)}
#: Every view is shown in these too; home also at 150 % text.
VARIANTS = ["high_contrast", "text200", "reach"]
#: The representative set (174 pictures) takes about a minute of CPU, in two processes on two cores: 37 s on idle
#: cores; with 136 pictures it took 116 s niced while other test runs kept the load average near 10.
TOUR_TIMEOUT_S = 400


def pictures(views_shown, variants=VARIANTS):
    """The file names of these views in both languages and orientations, in the standard look and each variant."""
    looks = [""] + [f"-{variant}" for variant in variants]
    return {f"{view}-{lang}-{orientation}{look}.png" for view in views_shown for lang in ("en", "cy")
            for orientation in SIZES for look in looks + (["-text150"] if view == "home" and variants else [])}


def test_the_full_tour_plans_every_view_and_every_question_in_both_languages_and_orientations():
    from kiosk.benefits.flow import QUESTIONS
    # Every question of the benefits questionnaire; a question asked once per child (child_sex_1 .. _12) has the
    # same words for each child, so its first page stands for the rest.
    per_child = {key: question for key, question in QUESTIONS.items() if question.words}
    firsts = {key.rsplit("_", 1)[0]: question.words for key, question in per_child.items() if key.endswith("_1")}
    assert all(question.words == firsts[key.rsplit("_", 1)[0]] for key, question in per_child.items())
    every_view = VIEWS + [f"benefits_q_{key}" for key in QUESTIONS if key not in per_child or key.endswith("_1")]
    shots = plan_shots([name for name, _set_up in views(None)])
    names = [f"{shot.name}.png" for shot in shots]
    assert len(names) == len(set(names)) and set(names) == pictures(every_view)


def representative_pictures():
    """Every screen and panel in both languages and orientations, and every other view (one question standing
    for all) once, in English and landscape."""
    others = [view for view in VIEWS if view not in REPRESENTATIVE] + ["benefits_q_nation"]
    return pictures(REPRESENTATIVE, variants=()) | {f"{view}-en-landscape.png" for view in others}


def test_the_representative_set_is_every_screen_and_panel_and_each_other_view_once():
    every = plan_shots([name for name, _set_up in views(None)])
    chosen = plan_shots([name for name, _set_up in views(None)], chosen_set="representative", variants=())
    assert [f"{shot.name}.png" for shot in chosen if shot.view.startswith("benefits_q_")] == \
        ["benefits_q_nation-en-landscape.png"], "the first question stands for all of them"
    assert {f"{shot.name}.png" for shot in chosen} == representative_pictures()
    assert len(chosen) < len(every) / 8
    with_variants = plan_shots([name for name, _set_up in views(None)], chosen_set="representative")
    assert {f"{shot.name}.png" for shot in with_variants} == \
        pictures(REPRESENTATIVE) | (representative_pictures() - pictures(REPRESENTATIVE, variants=()))


def test_the_plan_changes_orientation_look_and_language_as_seldom_as_it_can():
    # Each change redraws every screen built: the plan makes each once per orientation (and look), and the
    # processes' shares keep that order.
    from screens.tools.tour import share
    every = plan_shots([name for name, _set_up in views(None)])
    for shots in (every, share(every, 1, 2)):
        settings = [(shot.orientation, shot.variant, shot.language) for shot in shots]
        changes = sum(1 for before, after in itertools.pairwise(settings) if before != after)
        # Each orientation, look (standard, 3 variants and home's 150 % text) and language in one run of pictures.
        assert changes == len(set(settings)) - 1
    assert len({(shot.orientation, shot.variant, shot.language) for shot in every}) == 2 * 5 * 2
    assert sorted(share(every, 0, 2) + share(every, 1, 2)) == sorted(every)


def render_tour(out: Path, *arguments: str, timeout: float = TOUR_TIMEOUT_S, statuses=(0,)) -> list[str]:
    """Run ``kiosk tour`` and return the lines it printed; on a timeout, kill its rendering processes too.

    :param statuses: the exit statuses that are not a failure of the tour itself.
    """
    run = subprocess.Popen([sys.executable, "-m", "kiosk", "tour", "--out", str(out), *arguments],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={"PATH": "/usr/bin:/bin"},
                           start_new_session=True)
    try:
        stdout, stderr = run.communicate(timeout=timeout)
    finally:
        if run.poll() is None:
            os.killpg(run.pid, signal.SIGKILL)
            run.communicate()
    assert run.returncode in statuses, stdout[-3000:] + stderr[-3000:]
    return stdout.splitlines()


@pytest.mark.timeout(TOUR_TIMEOUT_S + 60)
def test_tour_writes_every_screen_and_panel_and_prints_the_list(tmp_path):
    out = tmp_path / "tour"
    printed = {Path(line).name for line in render_tour(out, "--set", "representative", "--variants", "none")
               if line.endswith(".png")}
    written = {p.name for p in out.glob("*.png")}
    assert written == representative_pictures() and printed == written

    for name in written:
        orientation = "portrait" if "-portrait" in name else "landscape"
        assert Image.open(out / name).size == SIZES[orientation], name

    def image(name):
        return Image.open(out / name).convert("RGB")

    # Welsh really is drawn: the same screen differs between the languages, and not only in the header.
    for view in ("home", "idle_warning", "out_of_service"):
        english, welsh = image(f"{view}-en-landscape.png"), image(f"{view}-cy-landscape.png")
        body = (0, 300, 1920, 1080)
        assert ImageChops.difference(english.crop(body), welsh.crop(body)).getbbox() is not None, view


def test_a_tour_split_over_processes_writes_each_picture_once_at_every_setting(tmp_path):
    lines = render_tour(tmp_path, "--only", "home,help_offline", "--jobs", "3", timeout=200)
    printed = [Path(line).name for line in lines if line.endswith(".png")]
    assert sorted(printed) == sorted(pictures(["home", "help_offline"]))
    assert lines[-1].startswith(f"tour: {len(printed)} views in ") and "in 3 process(es)" in lines[-1]

    def image(name):
        return Image.open(tmp_path / name).convert("RGB")

    # High contrast: the page is dark; standard: white.
    assert image("home-en-landscape-high_contrast.png").getpixel((1900, 900)) == (0x0b, 0x0c, 0x0c)
    assert image("home-en-landscape.png").getpixel((1900, 900)) == (255, 255, 255)
    # The whole page, not only the view it was switched on in: help opened in high contrast is dark too.
    assert image("help_offline-cy-portrait-high_contrast.png").getpixel((1000, 1800)) == (0x0b, 0x0c, 0x0c)
    # "Move everything lower" on a tall screen: no (grey) button in the top third any more.
    def has_button_in_top_third(picture):
        top = picture.crop((0, 0, 1080, 640)).getcolors(maxcolors=1 << 20)
        return any(colour == (0xf3, 0xf2, 0xf1) for _count, colour in top)

    assert has_button_in_top_third(image("home-en-portrait.png"))
    assert not has_button_in_top_third(image("home-en-portrait-reach.png"))


