from syrcli.model import FIELDS, Category, Figure, Qualifier


def test_fields_follow_the_contract_order() -> None:
    assert FIELDS == (
        "file",
        "start",
        "end",
        "text",
        "value",
        "value_max",
        "qualifier",
        "vague",
        "category",
        "term",
        "unit",
        "location",
        "country",
        "date",
        "projection",
        "sentence",
    )


def test_fourteen_categories() -> None:
    assert len(Category) == 14


def test_record_is_plain() -> None:
    fig = Figure(
        "a.txt",
        0,
        3,
        "two",
        2,
        None,
        Qualifier.EXACT,
        False,
        Category.INJURED,
        "wounded",
        "people",
        None,
        None,
        None,
        False,
        "two were wounded",
    )
    rec = fig.as_record()
    assert rec["qualifier"] == "exact" and type(rec["qualifier"]) is str
    assert list(rec) == list(FIELDS)
