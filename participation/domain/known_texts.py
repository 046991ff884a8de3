"""English and Polish for the Dutch texts the project ships: the demo themes and survey templates.

Keyed by the Dutch text, so a theme or question made from a template gets its other
languages at once; staff can change them like any other translation.
"""

from __future__ import annotations

# Dutch text -> (English, Polish)
_KNOWN: dict[str, tuple[str, str]] = {
    # The demo campaign
    "Wat vindt u belangrijk voor de veiligheid in uw dorp?": (
        "What matters most to you for safety in your village?",
        "Co jest dla Ciebie najważniejsze dla bezpieczeństwa w Twojej miejscowości?",
    ),
    "De gemeente maakt een nieuw veiligheidsplan voor 2027–2030. Kies de 6 thema's die u het "
    "belangrijkst vindt. Uw stem is anoniem.": (
        "The municipality is making a new safety plan for 2027–2030. Choose the 6 themes you "
        "find most important. Your vote is anonymous.",
        "Gmina przygotowuje nowy plan bezpieczeństwa na lata 2027–2030. Wybierz 6 tematów, "
        "które uważasz za najważniejsze. Twój głos jest anonimowy.",
    ),
    "Verkeersveiligheid": ("Road safety", "Bezpieczeństwo na drogach"),
    "Te hard rijden, gevaarlijke kruisingen en onveilige fietspaden.": (
        "Speeding, dangerous crossings and unsafe cycle paths.",
        "Zbyt szybka jazda, niebezpieczne skrzyżowania i niebezpieczne ścieżki rowerowe.",
    ),
    "Woninginbraken": ("Burglary", "Włamania do domów"),
    "Inbrekers die in huizen, schuren of garages inbreken.": (
        "Burglars breaking into homes, sheds or garages.",
        "Włamywacze, którzy włamują się do domów, szop lub garaży.",
    ),
    "Vandalisme en vernielingen": ("Vandalism and damage", "Wandalizm i niszczenie mienia"),
    "Dingen op straat die kapot worden gemaakt of beklad.": (
        "Things in the street that are broken or covered in graffiti.",
        "Rzeczy na ulicy, które są niszczone lub pomazane.",
    ),
    "Alcohol- en drugsoverlast": (
        "Nuisance from alcohol and drugs",
        "Uciążliwości związane z alkoholem i narkotykami",
    ),
    "Last van mensen die te veel drinken of drugs gebruiken.": (
        "Trouble from people who drink too much or use drugs.",
        "Kłopoty z ludźmi, którzy za dużo piją lub biorą narkotyki.",
    ),
    "Handel in drugs": ("Drug dealing", "Handel narkotykami"),
    "Mensen die drugs verkopen in de buurt.": (
        "People selling drugs in the neighbourhood.",
        "Ludzie, którzy sprzedają narkotyki w okolicy.",
    ),
    "Ondermijnende criminaliteit": ("Organised crime", "Przestępczość zorganizowana"),
    "Criminelen die legale bedrijven of panden misbruiken.": (
        "Criminals who misuse legal businesses or buildings.",
        "Przestępcy, którzy wykorzystują legalne firmy lub budynki.",
    ),
    "Sociale wijkproblematiek en woonoverlast": (
        "Neighbourhood problems and nuisance from neighbours",
        "Problemy w sąsiedztwie i uciążliwi sąsiedzi",
    ),
    "Ruzie, lawaai of problemen achter de voordeur bij buren.": (
        "Quarrels, noise or problems behind the neighbours' front door.",
        "Kłótnie, hałas lub problemy za drzwiami u sąsiadów.",
    ),
    "Jeugdoverlast": ("Nuisance from young people", "Uciążliwa młodzież"),
    "Groepen jongeren die voor last of een onveilig gevoel zorgen.": (
        "Groups of young people who cause trouble or make people feel unsafe.",
        "Grupy młodzieży, które sprawiają kłopoty lub budzą poczucie zagrożenia.",
    ),
    "Digitale criminaliteit (online oplichting, phishing)": (
        "Online crime (online fraud, phishing)",
        "Przestępczość internetowa (oszustwa w sieci, phishing)",
    ),
    "Oplichting via internet, e-mail, sms of WhatsApp.": (
        "Fraud by internet, e-mail, text message or WhatsApp.",
        "Oszustwa przez internet, e-mail, SMS lub WhatsApp.",
    ),
    "Huiselijk geweld": ("Domestic violence", "Przemoc domowa"),
    "Geweld of dreiging thuis, tussen partners, ouders of kinderen.": (
        "Violence or threats at home, between partners, parents or children.",
        "Przemoc lub groźby w domu, między partnerami, rodzicami lub dziećmi.",
    ),
    "Personen met onbegrepen gedrag": (
        "People with confused behaviour",
        "Osoby o niezrozumiałym zachowaniu",
    ),
    "Mensen die in de war zijn en zich vreemd of bedreigend gedragen.": (
        "People who are confused and behave strangely or threateningly.",
        "Ludzie, którzy są zdezorientowani i zachowują się dziwnie lub groźnie.",
    ),
    "Brandveiligheid": ("Fire safety", "Bezpieczeństwo pożarowe"),
    "Brand voorkomen en veilig wonen, ook in oude huizen en boerderijen.": (
        "Preventing fire and living safely, also in old houses and farms.",
        "Zapobieganie pożarom i bezpieczne mieszkanie, także w starych domach i gospodarstwach.",
    ),
    # Survey templates
    "Vragenlijst veiligheid in uw buurt": (
        "Questionnaire: safety in your neighbourhood",
        "Ankieta: bezpieczeństwo w Twojej okolicy",
    ),
    "De gemeente wil weten hoe veilig u zich voelt en wat er als eerste aangepakt moet "
    "worden. Het invullen duurt ongeveer 3 minuten. Uw antwoorden zijn anoniem.": (
        "The municipality wants to know how safe you feel and what should be tackled first. "
        "It takes about 3 minutes. Your answers are anonymous.",
        "Gmina chce wiedzieć, jak bezpiecznie się czujesz i czym należy zająć się najpierw. "
        "Wypełnienie zajmuje około 3 minut. Twoje odpowiedzi są anonimowe.",
    ),
    "Voelt u zich veilig in uw buurt?": (
        "Do you feel safe in your neighbourhood?",
        "Czy czujesz się bezpiecznie w swojej okolicy?",
    ),
    "Ja": ("Yes", "Tak"),
    "Neutraal": ("Neutral", "Neutralnie"),
    "Nee": ("No", "Nie"),
    "Soms": ("Sometimes", "Czasami"),
    "Weet ik niet": ("I don't know", "Nie wiem"),
    "Misschien": ("Maybe", "Może"),
    "Welke veiligheidsproblemen moeten als eerste worden aangepakt?": (
        "Which safety problems should be tackled first?",
        "Którymi problemami bezpieczeństwa należy zająć się najpierw?",
    ),
    "Kies er hoogstens 3.": ("Choose at most 3.", "Wybierz najwyżej 3."),
    "Woninginbraak": ("Burglary", "Włamania do domów"),
    "Geweld tegen hulpverleners": (
        "Violence against emergency workers",
        "Przemoc wobec służb ratunkowych",
    ),
    "Diefstal": ("Theft", "Kradzieże"),
    "Drugsoverlast en drugshandel": (
        "Drug nuisance and drug dealing",
        "Uciążliwości narkotykowe i handel narkotykami",
    ),
    "Vandalisme": ("Vandalism", "Wandalizm"),
    "Online oplichting en fraude": ("Online scams and fraud", "Oszustwa internetowe"),
    "Ervaart u overlast in uw buurt?": (
        "Do you experience nuisance in your neighbourhood?",
        "Czy doświadczasz uciążliwości w swojej okolicy?",
    ),
    "Van welke vorm van overlast heeft u het meeste last?": (
        "Which kind of nuisance bothers you most?",
        "Jaki rodzaj uciążliwości przeszkadza Ci najbardziej?",
    ),
    "Overlast door jongeren": ("Nuisance from young people", "Uciążliwa młodzież"),
    "Hondenpoep": ("Dog mess", "Psie odchody"),
    "Parkeerproblemen": ("Parking problems", "Problemy z parkowaniem"),
    "Rommel op straat": ("Litter in the street", "Śmieci na ulicy"),
    "Vernieling": ("Damage to property", "Niszczenie mienia"),
    "Iets anders": ("Something else", "Coś innego"),
    "Wilt u zelf een actieve bijdrage leveren om de veiligheid en leefbaarheid in uw buurt te "
    "verbeteren?": (
        "Would you like to help make your neighbourhood safer and more pleasant to live in?",
        "Czy chcesz sam(a) pomóc poprawić bezpieczeństwo i jakość życia w swojej okolicy?",
    ),
    "In welk dorp woont u?": ("Which village do you live in?", "W której miejscowości mieszkasz?"),
    "Zo kunnen we de antwoorden per dorp bekijken.": (
        "So we can look at the answers per village.",
        "Dzięki temu możemy zobaczyć odpowiedzi dla każdej miejscowości.",
    ),
    "Wilt u nog iets kwijt over veiligheid in uw buurt?": (
        "Is there anything else you want to say about safety in your neighbourhood?",
        "Czy chcesz jeszcze coś powiedzieć o bezpieczeństwie w swojej okolicy?",
    ),
    "Noem geen namen of adressen.": (
        "Do not mention names or addresses.",
        "Nie podawaj nazwisk ani adresów.",
    ),
    "Hoe veilig en leefbaar is uw buurt?": (
        "How safe and pleasant is your neighbourhood?",
        "Jak bezpieczna i przyjazna do życia jest Twoja okolica?",
    ),
    "Twee korte vragen. Geef een rapportcijfer van 1 (heel slecht) tot 10 (uitstekend).": (
        "Two short questions. Give a mark from 1 (very bad) to 10 (excellent).",
        "Dwa krótkie pytania. Wystaw ocenę od 1 (bardzo źle) do 10 (doskonale).",
    ),
    "Welk rapportcijfer geeft u de veiligheid in uw buurt?": (
        "What mark do you give the safety of your neighbourhood?",
        "Jaką ocenę wystawiasz bezpieczeństwu w swojej okolicy?",
    ),
    "Welk rapportcijfer geeft u de leefbaarheid in uw buurt?": (
        "What mark do you give your neighbourhood as a place to live?",
        "Jaką ocenę wystawiasz swojej okolicy jako miejscu do życia?",
    ),
    "Wat zijn de 4 cijfers van uw postcode?": (
        "What are the 4 digits of your postcode?",
        "Jakie są 4 cyfry Twojego kodu pocztowego?",
    ),
    "Alleen de cijfers; we bewaren alleen het dorp, niet de postcode.": (
        "Only the digits; we keep only the village, not the postcode.",
        "Tylko cyfry; zapisujemy tylko miejscowość, nie kod pocztowy.",
    ),
}

LANGUAGES = ("en", "pl")


def known_translations(**dutch_fields: str) -> dict[str, dict[str, str]]:
    """The shipped translations of the given Dutch fields, e.g. known_translations(title=...)."""
    result: dict[str, dict[str, str]] = {}
    for field, dutch in dutch_fields.items():
        for language, text in zip(LANGUAGES, _KNOWN.get(dutch, ()), strict=False):
            result.setdefault(language, {})[field] = text
    return result
