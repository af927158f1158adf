"""The fast slug path gives exactly Pelican's slugs (URLs in reports must match the site)."""

from hypothesis import given, settings, strategies as st
from pelican.settings import DEFAULT_CONFIG
from pelican.utils import slugify

from portal.slugs import make_slug

VIETNAMESE = (
    "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ"
    "AÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬEÈÉẺẼẸÊỀẾỂỄỆIÌÍỈĨỊOÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢUÙÚỦŨỤƯỪỨỬỮỰYỲÝỶỸỴĐ"
)
TEXT = st.text(
    alphabet=st.sampled_from(VIETNAMESE + "bcdghklmnpqrstvx0123456789 -–—,.:;!?()\"'/&<>…%")
    | st.characters(),
    max_size=60,
)
SETTINGS = {"SLUG_REGEX_SUBSTITUTIONS": DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"]}


def pelican_slug(title):
    return slugify(title, regex_subs=SETTINGS["SLUG_REGEX_SUBSTITUTIONS"])


@settings(max_examples=20 * settings.default.max_examples, deadline=None)
@given(TEXT)
def test_fast_slugs_equal_pelicans(title):
    assert make_slug(title, SETTINGS) == pelican_slug(title)


def test_known_titles():
    for title in (
        "Sở tổ chức hội thảo",
        "Đường lên Mộc Châu",
        "Ấn phẩm số 3/2020",
        "🎉🎉",
        "A <b>B</b>",
        "\u0363",
        "e\u0301",
        "ǅ",
        "ﬁ",
        "Å",
    ):
        assert make_slug(title, SETTINGS) == pelican_slug(title)
