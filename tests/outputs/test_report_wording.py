"""The drafted report (рапорт) matches the case: one ground, the strongest by default, the others offered; the
wording and the provisions by ground and by the day evaluated; Russian citation order; the sender in the genitive."""

from __future__ import annotations

import shutil
from datetime import date

import pytest
import yaml

from wizard.cli import main
from wizard.errors import PackError
from wizard.outputs.content import load_outputs
from wizard.outputs.render import article, render_report
from wizard.outputs.report import draft
from wizard.outputs.summary import summary
from wizard.outputs.words import citation, cite_reference
from wizard.pack.engine import evaluate
from wizard.pack.loader import DEFAULT_RULES

ON = date(2026, 3, 1)
SOLDIER = {
    "respondent": "soldier",
    "service_kind": "contract",
    "contract_expired": "no",
    "age": 30,
    "vvk_done": "yes",
    "vvk_category": "a",
    "health_problems": "no",
    "married": "no",
    "children_count": 0,
    "family_other": "none",
    "relative_needs_care": "no",
    "violence": "no",
    "contract_violation": "no",
    "beliefs": "no",
    "other_reason": "no",
    "situation": "in_unit",
    "deployment": "not_ordered",
    "report_status": "not_filed",
}
FAMILY = {**SOLDIER, "married": "yes", "spouse_works": "no", "children_count": 1, "child_disabled": "no"}
FAMILY |= {"single_parent": "no", "income_low": "yes"}
SINGLE_PARENT = {**SOLDIER, "married": "no", "children_count": 1, "child_disabled": "no", "single_parent": "yes"}
SINGLE_PARENT |= {"income_low": "no"}
UNFIT = {**SOLDIER, "vvk_category": "d"}
BEATEN = {**SOLDIER, "violence": "yes", "violence_documented": "no"}


def make(pack, answers: dict, on: date = ON, lang: str = "ru") -> dict:
    return summary(pack, evaluate(pack, answers, on), lang, answers=answers, today=on)


# --- citations ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source_id", "ru", "en"),
    [
        ("fz53_art51_p3v", "подп. «в» п. 3 ст. 51 53-ФЗ", "53-FZ, art. 51 p. 3 subp. “v”"),
        ("decree_647_p5b", "подп. «б» п. 5 Указа № 647", "Decree No. 647, p. 5 subp. “b”"),
        ("uk_332_p2_1", "ч. 2.1 ст. 332 УК РФ", "Criminal Code, art. 332 part 2.1"),
        ("charter_art106", "ст. 106 Устава внутренней службы ВС РФ", "Internal Service Charter, art. 106"),
        ("mobilization_not_ended", "Заявление Д. Пескова 01.11.2022", "Statement by D. Peskov of 01.11.2022"),
    ],
)
def test_citations_in_the_order_of_each_language(pack, source_id, ru, en):
    """Pack sources and the content's own (the Charter) alike; an act with no provision is just its name."""
    reference = load_outputs().source(pack, source_id).reference
    assert (cite_reference(reference, "ru"), cite_reference(reference, "en")) == (ru, en)


def test_every_output_cites_an_article_the_same_way():
    risk = {"act": "УК РФ", "article": "337", "part": "2.1"}
    assert article(risk, "ru") == citation("УК РФ", "ru", article="337", part="2.1") == "ч. 2.1 ст. 337 УК РФ"
    assert citation("53-ФЗ", "ru", article="51", point="3", subpoint="в") == "подп. «в» п. 3 ст. 51 53-ФЗ"
    assert citation("Act", "en") == citation("Act", "ru") == "Act"


# --- one ground, the strongest by default ---------------------------------------------------------------


def test_the_strongest_ground_by_default_and_the_others_offered(pack):
    result = make(pack, SINGLE_PARENT)
    report = draft(result)
    assert report["ground"] == "family_hardship"
    assert [(o["id"], o["chosen"]) for o in report["options"]] == [("family_hardship", True), ("good_reason", False)]
    assert report["request"].startswith("Прошу досрочно уволить меня с военной службы по семейным обстоятельствам")
    assert "подп. «в» п. 3 ст. 51 Федерального закона от 28.03.1998 № 53-ФЗ" in report["request"]
    assert report["flags"] == []
    notes = " ".join(report["notes"])
    assert "самому сильному по вашим ответам" in notes and "Уважительные причины" in notes


def test_low_income_alone_is_drafted_with_the_warning_that_it_is_unconfirmed(pack):
    """Low income is not among the family releases reported during mobilization: the report says so."""
    report = draft(make(pack, FAMILY))
    assert report["ground"] == "family_hardship"
    assert len(report["flags"]) == 1 and report["flags"][0].startswith("[ВНИМАНИЕ: подходит, но что по нему")


def test_another_ground_on_request_is_flagged_when_closed(pack):
    report = draft(make(pack, FAMILY), ground="good_reason")
    assert report["ground"] == "good_reason"
    assert report["request"].startswith("Прошу досрочно уволить меня с военной службы по собственному желанию")
    assert "п. 6 ст. 51 Федерального закона" in report["request"]
    assert len(report["flags"]) == 1 and report["flags"][0].startswith("[ВНИМАНИЕ: ")
    assert "Самое сильное по вашим ответам — «Семейные обстоятельства»" in " ".join(report["notes"])
    assert report["flags"][0] in render_report(report, "text")


def test_a_closed_ground_only_when_nothing_better_and_then_flagged(pack):
    report = draft(make(pack, BEATEN))
    assert report["drafted"]
    assert {option["verdict"] for option in report["options"]} <= {"closed_now", "no_right", "unconfirmed"}
    assert report["flags"] and report["flags"][0].startswith("[ВНИМАНИЕ: ")


def test_only_the_chosen_grounds_documents_are_attached(pack):
    family = draft(make(pack, FAMILY))
    assert any(line.startswith("Свидетельство о браке") for line in family["attachments"])
    assert not any("побоях" in line for line in family["attachments"])


def test_a_ground_that_cannot_be_drafted_is_refused(pack):
    with pytest.raises(Exception) as raised:
        draft(make(pack, FAMILY), ground="conscience")
    assert raised.value.render("en") == (
        "no report can be drafted on the ground 'conscience'; possible: family_hardship, good_reason"
    )


# --- wording by ground and date ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answers", "on", "starts", "cited"),
    [
        (UNFIT, ON, "Прошу уволить меня с военной службы в связи с признанием", ["подп. «в» п. 1 ст. 51", "Указа"]),
        (UNFIT, date(2022, 9, 20), "Прошу уволить меня с военной службы в связи с", ["подп. «в» п. 1 ст. 51"]),
        (
            {**SOLDIER, "age": 55, "rank_group": "other", "contract_signed": date(2015, 1, 1)},
            date(2021, 6, 1),
            "Прошу уволить меня с военной службы по достижении предельного возраста",
            ["подп. «а» п. 1 ст. 51", "ст. 49"],
        ),
        (
            {**SOLDIER, "contract_expired": "yes"},
            date(2021, 6, 1),
            "Прошу уволить меня с военной службы по истечении срока контракта",
            ["подп. «б» п. 1 ст. 51"],
        ),
    ],
    ids=["unfit", "unfit_before_647", "age_limit", "contract_expiry"],
)
def test_mandatory_grounds_are_not_early_and_cite_the_law_of_the_day(pack, answers, on, starts, cited):
    report = draft(make(pack, answers, on))
    assert report["request"].startswith(starts)
    assert "досрочно" not in report["request"]
    for reference in cited:
        assert reference in report["request"]
    if on < date(2022, 9, 21):
        assert "647" not in render_report(report, "text").split("ДЛЯ ВАС")[0]


def test_decree_647_is_cited_from_its_day_on(pack):
    before = draft(make(pack, UNFIT, date(2022, 9, 20)))["request"]
    after = draft(make(pack, UNFIT, date(2022, 9, 21)))["request"]
    assert "647" not in before
    assert "подп. «б» п. 5 Указа Президента Российской Федерации от 21.09.2022 № 647" in after


def test_early_is_said_only_for_the_early_dismissal_grounds():
    """Art. 51 p. 1 (age, end of term, unfitness) is mandatory dismissal; "досрочно" is p. 3 and p. 6 only."""
    words = load_outputs().content.report
    for ground_id, wording in words.grounds.items():
        points = {(provision.article, provision.point) for provision in wording.provisions}
        early = bool(points & {("51", "3"), ("51", "6")})
        assert ("досрочно" in wording.request.ru) == early, ground_id
        assert ("early" in wording.request.en) == early, ground_id


# --- the sender -------------------------------------------------------------------------------------------


def test_the_sender_is_in_the_genitive_and_the_signature_stays_to_sign(pack):
    report = draft(make(pack, UNFIT), rank="рядового", name="Иванова И. И.")
    assert report["sender"][0] == "от рядового Иванова И. И."
    assert report["signature"] == "[воинское звание]    [подпись]    [инициалы и фамилия]"
    blank = draft(make(pack, UNFIT))
    assert "в родительном падеже" in blank["sender"][0]


# --- the command line -------------------------------------------------------------------------------------


def answers_file(tmp_path, answers: dict):
    path = tmp_path / "answers.yaml"
    path.write_text(yaml.safe_dump(answers, allow_unicode=True), encoding="utf-8")
    return str(path)


def test_command_line_drafts_on_the_ground_asked(tmp_path, capsys):
    path = answers_file(tmp_path, FAMILY)
    assert main(["report", path, "--on", "2026-03-01", "--ground", "good_reason"]) == 0
    out = capsys.readouterr().out
    assert "Прошу досрочно уволить меня с военной службы по собственному желанию" in out


@pytest.mark.parametrize("ground", ["conscience", "no_such_ground", "health_unfit"])
def test_command_line_refuses_a_ground_that_cannot_be_drafted(tmp_path, capsys, ground):
    target = tmp_path / "r.txt"
    argv = ["--lang", "en", "report", answers_file(tmp_path, FAMILY), "--ground", ground, "--output", str(target)]
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert (
        captured.err == f"no report can be drafted on the ground '{ground}'; possible: family_hardship, good_reason\n"
    )
    assert not target.exists()


# --- the content file -------------------------------------------------------------------------------------


def copied_rules(tmp_path):
    rules = tmp_path / "rules"
    shutil.copytree(DEFAULT_RULES, rules, ignore=shutil.ignore_patterns("scenarios"))
    return rules


def test_a_provision_citing_a_source_its_ground_lacks_names_its_line(tmp_path, capsys):
    rules = copied_rules(tmp_path)
    content = rules / "templates" / "content.yaml"
    lines = content.read_text(encoding="utf-8").splitlines()
    line = next(i for i, text in enumerate(lines, 1) if "subpoint: в, sources: [fz53_art51_p3v]" in text)
    lines[line - 1] = lines[line - 1].replace("[fz53_art51_p3v]", "[decree_647_p5b]")
    content.write_text("\n".join(lines) + "\n", encoding="utf-8")
    argv = ["--rules", str(rules), "--lang", "en", "report", answers_file(tmp_path, FAMILY)]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err == (
        f"{content}:{line}: a provision of the report cites sources its ground does not cite in the pack: "
        "decree_647_p5b\n"
    )


def test_a_provision_of_an_unknown_act_names_its_line(tmp_path):
    rules = copied_rules(tmp_path)
    content = rules / "templates" / "content.yaml"
    text = content.read_text(encoding="utf-8").replace(
        '{act: fz53, article: "51", point: "6"', '{act: fz99, article: "51", point: "6"'
    )
    content.write_text(text, encoding="utf-8")
    line = next(i for i, row in enumerate(text.splitlines(), 1) if "act: fz99" in row)
    with pytest.raises(PackError) as raised:
        load_outputs(rules)
    assert raised.value.render("en") == f"{content}:{line}: reference to an unknown acts: 'fz99'"


def test_the_shipped_report_wording_fits_the_shipped_pack(pack):
    load_outputs().check_report(pack)


# --- health within reach: the ВВК referral ------------------------------------------------------------------

ALBERT = {**BEATEN, "age": 25, "vvk_done": "no", "health_problems": "yes", "beliefs": "yes", "situation": "absent"}
ALBERT |= {"absence_length": "to_1_month", "deployment": "unknown"}
"""Serious health problems and no ВВК yet, absent three weeks after a beating that is not recorded."""


def test_health_within_reach_asks_for_the_vvk_referral_not_for_dismissal(pack):
    report = draft(make(pack, ALBERT))
    assert report["ground"] == "health_unfit"
    assert report["request"] == (
        "Прошу направить меня на медицинское освидетельствование военно-врачебной комиссией для определения "
        "категории годности к военной службе в связи с состоянием здоровья."
    )
    assert report["doc_title"] == "Рапорт о направлении на военно-врачебную комиссию — черновик"
    assert report["flags"] == []
    assert [line.split(" — ")[0] for line in report["attachments"]] == [
        "Медицинские документы: выписки из госпиталя, результаты обследований, справки о ранениях"
    ]
    notes = " ".join(report["notes"])
    assert "Это рапорт о направлении на ВВК, а не об увольнении" in notes
    assert "Не давайте объяснений и ничего не подписывайте без юриста" in notes
    suspended = {option["id"] for option in report["options"] if option["verdict"] == "closed_now"}
    assert "good_reason" in suspended  # violence leads to the good-reasons route (art. 51 p. 6)


def test_the_docx_of_the_vvk_referral_holds_only_what_the_answers_make_relevant(tmp_path):
    from docx import Document

    target = tmp_path / "raport.docx"
    argv = ["report", answers_file(tmp_path, ALBERT), "--on", "2026-03-01", "--format", "docx", "--output", str(target)]
    assert main(argv) == 0
    document = Document(str(target))
    assert document.sections[0].header.paragraphs[0].text.startswith("ЧЕРНОВИК")
    assert document.core_properties.title == "Рапорт о направлении на военно-врачебную комиссию — черновик"
    texts = [paragraph.text for paragraph in document.paragraphs]
    body = texts[: texts.index("Для вас — не часть рапорта")]
    assert "РАПОРТ" in body
    assert any(text.startswith("Прошу направить меня на медицинское освидетельствование") for text in body)
    attachments = body[body.index("Приложения:") + 1 :]
    assert attachments[0].startswith("1. Медицинские документы")
    assert not any(text.startswith("2.") for text in attachments)
    whole = "\n".join(body)
    for absent in ("уволить", "побоях", "невыплатах", "Копия контракта", "Заключение ВВК"):
        assert absent not in whole


def test_family_attachments_follow_the_answers(pack):
    """ "None of these" other family circumstances: no documents for them are attached."""
    report = draft(make(pack, FAMILY))
    assert not any("Документы о семейном обстоятельстве" in line for line in report["attachments"])


def test_relative_care_within_reach_is_drafted_to_file_once_the_mse_conclusion_is_obtained(pack):
    care = {**SOLDIER, "relative_needs_care": "yes", "relative_kin": "parent", "relative_mse": "no"}
    report = draft(make(pack, {**care, "relative_other_carer": "no"}))
    assert report["ground"] == "relative_care"
    assert report["request"].startswith("Прошу досрочно уволить меня с военной службы по семейным обстоятельствам")
    [flag] = report["flags"]
    assert flag.startswith("[СНАЧАЛА ПОЛУЧИТЕ: Заключение МСЭ")
    assert not any("МСЭ" in line for line in report["attachments"])
