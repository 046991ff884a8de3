"""Forms for themes in bulk and their order."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import SelectField, TextAreaField

from participation.web.choices import SelectChoice


class ThemeImportForm(FlaskForm):
    """A pasted list (`text`) or a CSV file (`file`); a file, when chosen, is read instead."""

    text = TextAreaField(
        _l("Themes, one per line"),
        description=_l("Title, explanation and VNG field, separated by a tab, | or ;."),
        render_kw={"rows": 14, "spellcheck": "false"},
    )
    file = FileField(
        _l("Or choose a CSV file"),
        description=_l(
            "UTF-8 (in Excel: 'CSV UTF-8'), columns title, explanation and field, separated "
            "by a comma or ;. When you choose a file, the text above is not used."
        ),
        render_kw={"accept": ".csv,text/csv,text/plain"},
    )


class ThemeMoveForm(FlaskForm):
    direction = SelectField(
        _l("Direction"),
        choices=[SelectChoice("up", _l("Up")), SelectChoice("down", _l("Down"))],
    )
