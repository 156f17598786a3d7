"""Tables sit in a scroll box a keyboard can reach (generator/site/tables.py), named from their first heading
cell, with nothing from the cell's markup in the name."""

import markdown


def convert(text: str) -> str:
    return markdown.Markdown(extensions=["tables", "attr_list", "generator.site.tables"]).convert(text)


def test_every_table_is_in_a_named_focusable_scroll_box():
    html = convert("Intro\n\n| Field | What |\n|---|---|\n| id | a name |\n\n> | Q | A |\n> |---|---|\n> | 1 | 2 |\n")
    assert html.count('<div aria-label="Table: ') == 2
    assert 'aria-label="Table: Field" class="md-typeset__scrollwrap" role="region" tabindex="0">' in html
    assert 'aria-label="Table: Q"' in html  # a table inside a quote too
    assert html.count('<div class="md-typeset__table"><table>') == 2
    assert html.index("<p>Intro</p>") < html.index("md-typeset__scrollwrap")


def test_markup_in_the_heading_never_reaches_the_name():
    html = convert('| <img src=x onerror="alert(1)"> **Name** "x" | B |\n|---|---|\n| 1 | 2 |\n')
    label = html.split('aria-label="', 1)[1].split('"', 1)[0]
    assert label == "Table: Name &quot;x&quot;" or label == "Table: Name"
    assert "onerror" not in label and "<" not in label


def test_the_label_is_an_option():
    md = markdown.Markdown(
        extensions=["tables", "generator.site.tables"], extension_configs={"generator.site.tables": {"label": "Tabla"}}
    )
    assert 'aria-label="Tabla: A"' in md.convert("| A | B |\n|---|---|\n| 1 | 2 |\n")
