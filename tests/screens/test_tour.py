"""`kiosk tour` renders every screen, in both languages and orientations, as real pictures."""

import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image, ImageChops

VIEWS = ["attract", "attract_cleared", "home", "jobs", "jobs_results", "jobs_filters", "job_detail", "shortlist",
         "benefits", "benefits_question", "benefits_answers", "benefits_results", "cv", "jobs_typing", "jobs_place_typing", "jobs_results_empty", "jobs_place_unknown",
         "jobs_unavailable", "shortlist_empty", "benefits_question_choice", "benefits_question_keypad",
         "benefits_question_money", "benefits_question_error", "phone", "phone_shortlist", "print", "accessibility", "help",
         "idle_warning", "out_of_service", "about", "staff_pin", "staff_pin_wrong", "staff_card_locked",
         "staff_not_staff_card", "staff_assisted", "staff_tools", "staff_maintenance",
         # The CV builder: every step, then the sample CV (docs/cv-sample.json) on each page that shows it.
         "cv_contact", "cv_statement", "cv_work", "cv_work_edit", "cv_education", "cv_education_edit",
         "cv_qualifications", "cv_skills", "cv_interests", "cv_references", "cv_preview", "cv_matches",
         "cv_preview_sample", "cv_preview_modern", "cv_preview_no_name", "cv_preview_phone_sent",
         "cv_preview_phone_failed", "cv_matches_sample", "cv_work_sample", "cv_work_taking_off", "cv_work_edit_sample",
         "cv_work_edit_error", "cv_education_sample", "cv_education_edit_sample", "cv_started", "cv_contact_sample",
         "cv_contact_error", "cv_statement_sample", "cv_qualifications_open", "cv_skills_sample",
         "cv_references_names"]
SIZES = {"landscape": (1920, 1080), "portrait": (1080, 1920)}
VARIANTS = ["text150", "text200", "high_contrast", "reach"]


@pytest.mark.timeout(600)  # about 500 pictures: 2 to 4 minutes on a 2-core machine, one process per orientation
def test_tour_writes_every_view_and_prints_the_list(tmp_path):
    out = tmp_path / "tour"
    runs = [subprocess.Popen([sys.executable, "-m", "kiosk", "tour", "--out", str(out), "--orientation", orientation],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={"PATH": "/usr/bin:/bin"})
            for orientation in SIZES]
    outputs = [run.communicate(timeout=580) for run in runs]
    for run, (stdout, stderr) in zip(runs, outputs):
        assert run.returncode == 0, stdout[-3000:] + stderr[-3000:]
    printed = {Path(line).name for stdout, _ in outputs for line in stdout.splitlines() if line.endswith(".png")}
    written = {p.name for p in out.glob("*.png")}
    from kiosk.benefits.flow import QUESTIONS
    views = VIEWS + [f"benefits_q_{key}" for key in QUESTIONS]  # every question of the benefits questionnaire
    expected = {f"{view}-{lang}-{orientation}.png" for view in views for lang in ("en", "cy") for orientation in SIZES}
    expected |= {f"home-en-{orientation}-{variant}.png" for orientation in SIZES for variant in VARIANTS}
    assert written == expected and printed == expected

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
    # High contrast: the page is dark; standard: white.
    assert image("home-en-landscape-high_contrast.png").getpixel((1900, 900)) == (0x0b, 0x0c, 0x0c)
    assert image("home-en-landscape.png").getpixel((1900, 900)) == (255, 255, 255)
    # "Move everything lower" on a tall screen: no blue button in the top third any more.
    def has_blue_button_in_top_third(picture):
        top = picture.crop((0, 0, 1080, 640)).getcolors(maxcolors=1 << 20)
        return any(colour == (0x1d, 0x70, 0xb8) for _count, colour in top)

    assert has_blue_button_in_top_third(image("home-en-portrait.png"))
    assert not has_blue_button_in_top_third(image("home-en-portrait-reach.png"))
