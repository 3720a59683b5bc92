"""Which works a recording belongs to, from its links' sources."""

from decimal import Decimal

from recordings.rules.links import Claim, claims_by_source, links_decide

ONE = Decimal(1)


def test_no_links_no_works():
    assert links_decide(claims=[]).shares == {}


def test_one_source_several_works_is_a_medley_split_equally():
    decision = links_decide(claims=[Claim("T1", "works:a"), Claim("T2", "works:a")])
    assert decision.shares == {"T1": ONE, "T2": ONE}
    assert not decision.conflict


def test_sources_that_agree_are_one_answer():
    decision = links_decide(claims=[Claim("T1", "works:a"), Claim("T1", "cwr:b")])
    assert decision.shares == {"T1": ONE}


def test_sources_that_disagree_are_a_conflict_with_no_works():
    claims = [Claim("T1", "works:a"), Claim("T2", "cwr:b")]
    decision = links_decide(claims=claims)
    assert decision.conflict and decision.shares == {}
    assert claims_by_source(claims=claims) == {"cwr:b": ["T2"], "works:a": ["T1"]}


def test_staff_links_decide_over_other_sources():
    claims = [Claim("T1", "works:a"), Claim("T2", "cwr:b"), Claim("T2", "admin")]
    assert links_decide(claims=claims).shares == {"T2": ONE}


def test_shares_count_only_when_every_work_has_one():
    given = [Claim("T1", "cwr:b", Decimal("0.7")), Claim("T2", "cwr:b", Decimal("0.3"))]
    assert links_decide(claims=given).shares == {
        "T1": Decimal("0.7"),
        "T2": Decimal("0.3"),
    }
    partial = [Claim("T1", "cwr:b", Decimal("0.7")), Claim("T2", "cwr:b")]
    assert links_decide(claims=partial).shares == {"T1": ONE, "T2": ONE}
