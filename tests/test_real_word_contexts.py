"""Real-word errors (T002) only where the context leaves no doubt: each confusable's right uses
in registry prose give no finding, and the wrong uses its narrowed context still reads are
reported with the right correction."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from trialint.config import Config
from trialint.lint.engine import Context
from trialint.lint.runner import Linter

from conftest import TODAY, codes, mutate, position_of

SUMMARY = (
    "      Adults who had a total knee replacement are randomly assigned to supervised exercise\n"
    "      training or usual care, and their walking is compared after 12 weeks."
)


def with_summary(text: str) -> str:
    return mutate((SUMMARY, f"      {text}"))


@pytest.fixture(scope="module")
def real_word_errors(tmp_path_factory):
    """The T002 findings of a record with the default rules."""
    linter = Linter(Context(today=TODAY), Config())
    path: Path = tmp_path_factory.mktemp("t002") / "NCT01234567.yaml"

    def run(text: str) -> list:
        path.write_text(text, encoding="utf-8")
        result = linter.lint_paths([str(path)])
        assert result.errors == []
        return [f for f in result.findings if f.rule.code == "T002"]

    return run


@pytest.mark.parametrize(
    "sentence",
    [
        # a name, an abbreviation or a term
        "Children with Sever's disease of the heel are included.",
        "The PRO day 1 questionnaire is completed at home.",
        "Recruits of the Army Training Regiment are enrolled.",
        "A whole exon deletion of the DMD gene is required.",
        "Donors with a lineal relationship to the patient are excluded.",
        "Asses' milk is given to infants with cow's milk allergy.",
        "Plasma creatine clearance after oral loading is measured.",
        "Adults with (a) renal (b) hepatic (c) cardiac impairment are excluded.",
        "Expression of hepatic c-Met is measured in the biopsy.",
        "Adults with acute FLAIR lesions on MRI are excluded.",
        "Overt HE patients are randomised to rifaximin or placebo.",
        "The HE treatment is lactulose and rifaximin.",
        "The West Haven HE score is recorded at each visit.",
        # a verb, its subject or an adjective in a clause
        "If the score is 10 or higher then they are referred to a psychiatrist.",
        "Transcription factors drive gene expression in the tumour.",
        "It is rational for clinicians to prescribe the cheaper drug.",
        "Change in negative affect on the PANAS is compared between arms.",
        "Weakness on one side affects balance and gait.",
        "The mesh is preformed into the shape of the pelvic floor.",
        "In hot weather patients are advised to drink more water.",
        "The effect of weather or season on pain is studied.",
        "Does your child have asthma?",
        "Mother and child are followed up for 12 months.",
        "Whether the booster does induce antibodies is tested.",
        "Adults of normal weight lose less bone than obese adults.",
        "Cues that elicit drug craving are shown on a screen.",
        "Blood lead by inductively coupled plasma mass spectrometry is measured.",
        "It is important that the scores calculated be given to the patient.",
        "Samples may be used for another purpose if the participant agrees.",
        "Dressings that heal ulcers faster are compared.",
        "Participants and the study team each devise their own plan.",
        # a noun phrase
        "If a visit is missed, an alternative day is offered.",
        "Two alternative weekly schedules are compared.",
        "Daily dairy servings are counted with a food frequency questionnaire.",
        "A trained personal trainer supervises each session.",
        "Medical personal protective equipment is worn during the procedure.",
        "The resulting form of the drug is tested.",
        "Participants complete the follow-up form day 30.",
        "Patients are enrolled in the including centres across the region.",
        "Toxicity is managed per protocol, including criteria for dose reduction.",
        "A loss of weight due to loss of appetite is recorded.",
        "Adults of older age, with or without pain, are included because of the trial.",
        "The programme consists on average of three sessions; one of more than 20 sites.",
        "The drug is given instead or in addition to the usual care.",
        "Treat patients where possible; patients where indicated receive it.",
        "Patients keep quiet a moment in a quiet room.",
        "Recruitment ended in May; in May analysis of the samples began.",
        "Patients breathe in through the mouthpiece, and breath samples are taken.",
        "The analysis of pain will be done; the analysis plan is written.",
        "Access to advice is given; we will further advise patients by phone.",
        "The app delivers trauma-informed content on stress.",
        "Any spilt dose is recorded in the drug log.",
        "Systematic antibiotic prophylaxis is compared with no prophylaxis.",
        "The systematic administration of questionnaires is compared with usual practice.",
        "A multidisciplinary broad approach is used.",
        "A musculoskeletal complaint with onset within 3 months is required.",
        "Participants discuss various health subjects with a nurse.",
        "Progression on immediate prior therapy is required.",
        "Adults with central nervous system lupus are included.",
        "The DSMB will access safety data every 6 months.",
        "Nurses will access vaccination status in the immunization registry.",
        "Patient perspective data are collected in interviews.",
        "A multi-perspective study of care is done.",
        "Plague control programs are compared in two districts.",
        "Please pour oral rinse into the cup.",
        "A mobility aide who walks with the patient is assigned.",
        "The strength of each weak muscle is graded.",
        "The method described in edition 3 of the manual is used.",
        "Participants eat everyday foods during the study.",
        "The cardiac palpation is done at each visit.",
        "The mucous layer of the colon is sampled.",
        "The investigator holds patents with the sponsor.",
        "The number of teeth lost of each participant is counted.",
        "The most compromised of the patients are treated first.",
        "Adults with a moth allergy are excluded.",
        "Patients in pain relieve it with rest.",
        "Adults in the full-thickness hole study are seen weekly.",
        "The more that patients walk, the less pain they report.",
        "Children who have lead poisoning are excluded.",
    ],
)
def test_a_confusable_in_its_right_use_is_not_reported(real_word_errors, sentence):
    assert real_word_errors(with_summary(sentence)) == []


@pytest.mark.parametrize(
    ("sentence", "wrong", "right"),
    [
        ("Adults with moderate to sever pain are included.", "sever", "severe"),
        ("Insulin resistance over 1.5 U/kg insulin pro day.", "pro", "per"),
        ("A conditioning chemotherapy regiment is given.", "regiment", "regimen"),
        ("Tumour DNA is read by whole exon sequencing.", "exon", "exome"),
        ("Scores are adjusted by lineal regression.", "lineal", "linear"),
        (
            "Adults with estimated creatine clearance below 30 mL/min are excluded.",
            "creatine",
            "creatinine",
        ),
        ("Adults with hepatic C or B are excluded.", "hepatic", "hepatitis"),
        ("Adults with chronic hepatic B infection are included.", "hepatic", "hepatitis"),
        ("Adults with a lupus flair are included.", "flair", "flare"),
        ("He adverse events are recorded.", "He", "The"),
        ("Patients older then 65 years are included.", "then", "than"),
        ("Lung cancer drive genes are sequenced.", "drive", "driver"),
        ("The rational for this study is weak.", "rational", "rationale"),
        ("The drug has a positive affect on pain.", "affect", "effect"),
        ("Side affects are recorded.", "affects", "effects"),
        ("Surgery will be preformed under anaesthesia.", "preformed", "performed"),
        ("It is unclear weather or not the drug works.", "weather", "whether"),
        ("Woman who are pregnant are excluded.", "Woman", "Women"),
        ("A single does of the drug is given.", "does", "dose"),
        ("A weight lose of 5% is the goal.", "lose", "loss"),
        ("Adults with elicit drug use are excluded.", "elicit", "illicit"),
        ("Retreats lead by an instructor are held.", "lead by", "led by"),
        ("Mood measured be the POMS.", "be", "by"),
        ("The purpose if this study is to assess pain.", "purpose if", "purpose of"),
        ("Adults with a heal ulcer are included.", "heal", "heel"),
        ("The study devise is worn on the wrist.", "devise", "device"),
        ("Traction is applied for 3 alternative days.", "alternative", "alternate"),
        ("Adults fill in a sleep dairy every evening.", "dairy", "diary"),
        ("Medical personal will be trained.", "personal", "personnel"),
        ("Change form baseline to week 12 is compared.", "form", "from"),
        ("Patients meeting the including criteria are enrolled.", "including", "inclusion"),
        # a noun for its verb after a modal, a verb for its noun where only a noun stands
        ("For the AP study, we will analysis the change in pain.", "analysis", "analyse"),
        ("Patients who might loss weight are weighed weekly.", "loss", "lose"),
        ("Adults unable to breath without support are excluded.", "breath", "breathe"),
        ("Adults with shortness of breathe at rest are excluded.", "breathe", "breath"),
        ("The nurse will advice patients on their diet.", "advice", "advise"),
        ("Patients follow the advise of the dietitian.", "advise", "advice"),
        # two function words a key apart, where the words around allow only the other
        ("Adults aged 18 years of older are included.", "of", "or"),
        ("Adults with of without pain are included.", "of", "or"),
        ("Visits are missed because or the weather.", "or", "of"),
        ("The programme consists on walking and stretching.", "on", "of"),
        ("Patients where randomized to two arms.", "where", "were"),
        ("Pain after surgery is quiet common.", "quiet", "quite"),
        # in small letters 'he' is the pronoun or a slip, whatever HE in capitals is
        ("At baseline he patients are weighed and measured.", "he", "the"),
        ("At baseline he study nurse weighs the patients.", "he", "the"),
        ("Including criteria: adults aged 18 or older.", "Including", "Inclusion"),
        ("Signed informed content is obtained.", "content", "consent"),
        ("Informed content is obtained before screening.", "content", "consent"),
        ("The informed content form is signed.", "content", "consent"),
        ("A single dose is given as spilt fractions.", "spilt", "split"),
        ("Adults with systematic lupus are included.", "systematic", "systemic"),
        ("Any systematic or local disease.", "systematic", "systemic"),
        ("High-risk cases are discussed by the tumor broad.", "broad", "board"),
        ("Patients who are not complaint with the diet are excluded.", "complaint", "compliant"),
        ("Health volunteers are enrolled as controls.", "Health", "Healthy"),
        ("Blood is drawn immediate prior to the infusion.", "immediate", "immediately"),
        ("Adults on system corticosteroids are excluded.", "system", "systemic"),
        ("Adults with active local or system infection are excluded.", "system", "systemic"),
        ("The aim is to access whether pain improves.", "access", "assess"),
        ("This perspective cohort study follows adults.", "perspective", "prospective"),
        ("The plague index is measured at each visit.", "plague", "plaque"),
        ("Adults with pour adherence are excluded.", "pour", "poor"),
        ("Patients use a mobility aide such as a cane.", "aide", "aid"),
        ("Three visits per weak are planned.", "weak", "week"),
        ("In edition to the drug, adults exercise.", "edition", "addition"),
        ("Adults take the drug orally everyday for 12 weeks.", "everyday", "every day"),
        ("Adults with heart palpation are included.", "palpation", "palpitation"),
        ("A mucous plug is removed at baseline.", "mucous", "mucus"),
        ("The number of patents with diabetes is counted.", "patents", "patients"),
        ("Death or lost of follow-up is an event.", "lost", "loss"),
        ("A front part is compromised of lycra.", "compromised", "comprised"),
        ("Relapse within one moth of the infusion is counted.", "moth", "month"),
        ("The long term pain relieve is not satisfying.", "relieve", "relief"),
        ("A hole body scan is done at week 12.", "hole", "whole"),
        ("Adults aged greater that or equal to 18 are included.", "that", "than"),
        ("Adults who walk more that 3 times a week are excluded.", "that", "than"),
        ("Advances in care have lead to lower mortality.", "lead to", "led to"),
    ],
)
def test_a_confusable_in_its_narrowed_context_is_still_reported(
    real_word_errors, sentence, wrong, right
):
    text = with_summary(sentence)
    [finding] = real_word_errors(text)
    line, column = position_of(text, sentence)  # the word in the sentence, not in a key
    at = re.search(rf"\b{re.escape(wrong)}\b", sentence)  # the word, not inside one
    assert at is not None
    assert codes([finding]) == [("T002", line, column + at.start())]
    assert finding.fix.new == right and finding.fix.safe is False
