"""Survey templates staff start from, as plain data.

'veiligheidsvragenlijst' follows De Wolden's questionnaire (IVP 2020-2023: 366 residents,
online and on location); 'veiligheidsbeleving' is a short pair of rapportcijfers.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from participation.domain.surveys import QuestionKind


@dataclass(frozen=True)
class OptionTemplate:
    value: str
    label: str
    exclusive: bool = False


@dataclass(frozen=True)
class QuestionTemplate:
    key: str  # names the question within the template, for conditions
    kind: QuestionKind
    text: str
    help: str = ""
    required: bool = False
    options: tuple[OptionTemplate, ...] = ()
    max_choices: int | None = None
    show_if: str | None = None  # key of an earlier question
    show_values: tuple[str, ...] = ()


@dataclass(frozen=True)
class SurveyTemplate:
    slug: str
    title: str
    intro: str
    questions: tuple[QuestionTemplate, ...] = field(default_factory=tuple)
    one_page: bool = True


def _options(*pairs: str) -> tuple[OptionTemplate, ...]:
    return tuple(OptionTemplate(pairs[i], pairs[i + 1]) for i in range(0, len(pairs), 2))


SAFETY_QUESTIONNAIRE = SurveyTemplate(
    slug="veiligheidsvragenlijst",
    title="Vragenlijst veiligheid in uw buurt",
    intro=(
        "De gemeente wil weten hoe veilig u zich voelt en wat er als eerste aangepakt moet "
        "worden. Het invullen duurt ongeveer 3 minuten. Uw antwoorden zijn anoniem."
    ),
    questions=(
        QuestionTemplate(
            "veilig",
            QuestionKind.SINGLE,
            "Voelt u zich veilig in uw buurt?",
            required=True,
            options=_options("ja", "Ja", "neutraal", "Neutraal", "nee", "Nee"),
        ),
        QuestionTemplate(
            "aanpakken",
            QuestionKind.MULTIPLE,
            "Welke veiligheidsproblemen moeten als eerste worden aangepakt?",
            help="Kies er hoogstens 3.",
            required=True,
            max_choices=3,
            options=_options(
                "woninginbraak",
                "Woninginbraak",
                "geweld-hulpverleners",
                "Geweld tegen hulpverleners",
                "verkeersveiligheid",
                "Verkeersveiligheid",
                "huiselijk-geweld",
                "Huiselijk geweld",
                "diefstal",
                "Diefstal",
                "drugs",
                "Drugsoverlast en drugshandel",
                "vandalisme",
                "Vandalisme",
                "brandveiligheid",
                "Brandveiligheid",
                "online",
                "Online oplichting en fraude",
            ),
        ),
        QuestionTemplate(
            "overlast",
            QuestionKind.SINGLE,
            "Ervaart u overlast in uw buurt?",
            required=True,
            options=_options("ja", "Ja", "soms", "Soms", "nee", "Nee", "weet-niet", "Weet ik niet"),
        ),
        QuestionTemplate(
            "overlast-vorm",
            QuestionKind.SINGLE,
            "Van welke vorm van overlast heeft u het meeste last?",
            show_if="overlast",
            show_values=("ja", "soms"),
            options=_options(
                "jongeren",
                "Overlast door jongeren",
                "hondenpoep",
                "Hondenpoep",
                "parkeren",
                "Parkeerproblemen",
                "rommel",
                "Rommel op straat",
                "vernieling",
                "Vernieling",
                "anders",
                "Iets anders",
            ),
        ),
        QuestionTemplate(
            "bijdragen",
            QuestionKind.SINGLE,
            "Wilt u zelf een actieve bijdrage leveren om de veiligheid en leefbaarheid in uw "
            "buurt te verbeteren?",
            options=_options("ja", "Ja", "misschien", "Misschien", "nee", "Nee"),
        ),
        QuestionTemplate(
            "dorp",
            QuestionKind.VILLAGE,
            "In welk dorp woont u?",
            help="Zo kunnen we de antwoorden per dorp bekijken.",
        ),
        QuestionTemplate(
            "opmerking",
            QuestionKind.TEXT,
            "Wilt u nog iets kwijt over veiligheid in uw buurt?",
            help="Noem geen namen of adressen.",
        ),
    ),
)

SAFETY_FEELING = SurveyTemplate(
    slug="veiligheidsbeleving",
    title="Hoe veilig en leefbaar is uw buurt?",
    intro="Twee korte vragen. Geef een rapportcijfer van 1 (heel slecht) tot 10 (uitstekend).",
    questions=(
        QuestionTemplate(
            "cijfer-veiligheid",
            QuestionKind.SCORE,
            "Welk rapportcijfer geeft u de veiligheid in uw buurt?",
            required=True,
        ),
        QuestionTemplate(
            "cijfer-leefbaarheid",
            QuestionKind.SCORE,
            "Welk rapportcijfer geeft u de leefbaarheid in uw buurt?",
            required=True,
        ),
        QuestionTemplate(
            "postcode",
            QuestionKind.POSTCODE,
            "Wat zijn de 4 cijfers van uw postcode?",
            help="Alleen de cijfers; we bewaren alleen het dorp, niet de postcode.",
        ),
    ),
)

EMPTY = SurveyTemplate(slug="leeg", title="Nieuwe vragenlijst", intro="")

TEMPLATES = {template.slug: template for template in (SAFETY_QUESTIONNAIRE, SAFETY_FEELING, EMPTY)}
