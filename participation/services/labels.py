"""Dutch names of channels and trust levels in files (CSV, Excel, PDF, charts), which are
always Dutch; pages use the translated names in their templates."""

CHANNEL_NAMES = {"qr": "QR-code", "web": "weblink", "stand": "standtablet", "paper": "papier"}
TRUST_NAMES = {"stand": "stand", "code": "stemcode", "device": "telefoon"}
