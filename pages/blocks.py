"""StreamField blocks: the convenant's articles and the referentiekader's criteria as structured data."""

from __future__ import annotations

from wagtail import blocks
from wagtail.blocks.stream_block import StreamBlockValidationError


class SubItemBlock(blocks.StructBlock):
    label = blocks.CharBlock(
        label="nummering", required=False, max_length=8, help_text="Leeg voor een opsommingsteken."
    )
    text = blocks.TextBlock(label="tekst")

    class Meta:
        label = "subonderdeel"


class ItemBlock(blocks.StructBlock):
    label = blocks.CharBlock(
        label="nummering",
        required=False,
        max_length=8,
        help_text="Bijvoorbeeld “a)”, “a.” of “1)”; leeg voor een opsommingsteken.",
    )
    text = blocks.TextBlock(label="tekst")
    subitems = blocks.ListBlock(SubItemBlock(), label="subonderdelen", default=[])

    class Meta:
        label = "onderdeel"


class LidBlock(blocks.StructBlock):
    number = blocks.IntegerBlock(label="lid", min_value=1)
    text = blocks.TextBlock(label="tekst")
    items = blocks.ListBlock(ItemBlock(), label="onderdelen", default=[])

    class Meta:
        label = "lid"


class ArticleBodyBlock(blocks.StreamBlock):
    paragraph = blocks.TextBlock(label="alinea")
    items = blocks.ListBlock(ItemBlock(), label="opsomming")
    lid = LidBlock()


class ArticleBlock(blocks.StructBlock):
    number = blocks.IntegerBlock(label="artikelnummer", min_value=1)
    title = blocks.CharBlock(label="titel", max_length=200)
    body = ArticleBodyBlock(label="inhoud")

    class Meta:
        label = "artikel"


class SectionBodyBlock(blocks.StreamBlock):
    paragraph = blocks.TextBlock(label="alinea")
    items = blocks.ListBlock(ItemBlock(), label="opsomming")


class SectionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label="kop", max_length=200)
    body = SectionBodyBlock(label="inhoud")

    class Meta:
        label = "onderdeel van de aanhef"


class SignatureBlock(blocks.StructBlock):
    party = blocks.CharBlock(label="partij", max_length=200)
    representative = blocks.CharBlock(label="vertegenwoordigd door", max_length=200)
    date = blocks.DateBlock(label="datum")

    class Meta:
        label = "ondertekening"


class FootnoteBlock(blocks.StructBlock):
    number = blocks.IntegerBlock(label="nummer", min_value=1)
    text = blocks.TextBlock(label="tekst")

    class Meta:
        label = "voetnoot"


class CriterionBlock(blocks.StructBlock):
    code = blocks.RegexBlock(
        label="code",
        regex=r"^[A-Z]{1,3}-\d{1,3}$",
        error_messages={"invalid": "Gebruik een code als “ID-1”: hoofdletters, een streepje en een nummer."},
        max_length=10,
    )
    title = blocks.CharBlock(label="criterium", max_length=200)
    guidance = blocks.TextBlock(label="toelichting voor de weegploeg")

    class Meta:
        label = "criterium"


class ThemeBlock(blocks.StructBlock):
    title = blocks.CharBlock(label="thema", max_length=120)
    description = blocks.TextBlock(label="omschrijving", required=False)
    criteria = blocks.ListBlock(CriterionBlock(), label="criteria", min_num=1)

    class Meta:
        label = "thema"


class CriteriaBlock(blocks.StreamBlock):
    theme = ThemeBlock()

    def clean(self, value):
        value = super().clean(value)
        seen: set[str] = set()
        for child in value:
            for criterion in child.value["criteria"]:
                code = criterion["code"]
                if code in seen:
                    raise StreamBlockValidationError(
                        non_block_errors=[f"De code “{code}” komt meer dan één keer voor; elke code moet uniek zijn."]
                    )
                seen.add(code)
        return value


class AnnexBodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(label="tussenkop", max_length=200, form_classname="title")
    paragraph = blocks.RichTextBlock(label="tekst", features=["bold", "italic", "ol", "ul", "link"])
