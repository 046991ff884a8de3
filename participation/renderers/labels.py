"""Dutch names of channels and trust levels in files (CSV, Excel, PDF, charts), which are
always Dutch; pages use the translated names in their templates."""

CHANNEL_NAMES = {"qr": "QR-code", "web": "weblink", "stand": "standtablet", "paper": "papier"}
TRUST_NAMES = {"stand": "stand", "code": "stemcode", "device": "telefoon"}
GROUP_NAMES = {
    "council": "gemeenteraad",
    "association": "dorpsbelang",
    "watch": "buurtpreventie",
    "police": "politie",
    "staff": "gemeente",
}
TREND_NAMES = {"rising": "stijgend", "falling": "dalend", "stable": "stabiel"}
SAFETY_FIELDS = {
    1: "Veilige woon- en leefomgeving",
    2: "Bedrijvigheid en veiligheid",
    3: "Jeugd en veiligheid",
    4: "Fysieke veiligheid",
    5: "Integriteit en veiligheid",
}
