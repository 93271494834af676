"""A valid import file, and helpers to import a file and to count what is stored."""

import pytest
from django.core.management import call_command

from rounds.models import (
    Agreement,
    CooperationRequest,
    Country,
    Delegate,
    Dialogue,
    Ministry,
    Round,
    Statement,
    ThreatTopic,
)

pytestmark = pytest.mark.django_db

VALID = {
    "format": "diplotrack-rounds/1",
    "countries": [
        {"code": "CU", "name": "Cuba", "aliases": ["República de Cuba"]},
        {"code": "US", "name": "United States", "aliases": ["Estados Unidos"]},
    ],
    "topics": [
        {"slug": "terrorism", "name": "terrorism", "aliases": ["terrorismo"]},
        {"slug": "cybercrime", "name": "cybercrime", "aliases": ["delitos cibernéticos"]},
    ],
    "ministries": [
        {
            "country": "CU",
            "name": "Ministry of the Interior",
            "acronym": "MININT",
            "kind": "interior",
            "aliases": ["Ministerio del Interior"],
        },
        {"country": "US", "name": "Department of Justice", "acronym": "DOJ", "kind": "justice"},
        {
            "country": "US",
            "name": "Federal Bureau of Investigation",
            "acronym": "FBI",
            "kind": "police",
            "parent": "DOJ",
        },
    ],
    "dialogues": [
        {
            "slug": "cuba-us-led",
            "name": "Cuba–United States Law Enforcement Dialogue",
            "parties": ["CU", "US"],
            "rounds": [
                {
                    "number": 3,
                    "start_date": "2017-09-15",
                    "city": "Washington, D.C.",
                    "host": "US",
                    "status": "published",
                    "summary": "Reviewed counter-terrorism and cybercrime cooperation.",
                    "topics": ["terrorism", "delitos cibernéticos"],
                    "sources": ["https://example.org/r3"],
                    "delegations": [
                        {"country": "CU", "ministries": ["Ministerio del Interior"]},
                        {
                            "country": "US",
                            "ministries": ["DOJ"],
                            "delegates": [
                                {
                                    "name": "Bruce Swartz",
                                    "role": "head",
                                    "ministry": "DOJ",
                                    "title": "Deputy Assistant Attorney General",
                                }
                            ],
                        },
                    ],
                    "requests": [
                        {
                            "ref": "fugitives",
                            "raised_by": "US",
                            "description": "Return of fugitives",
                            "status": "raised",
                        }
                    ],
                },
                {
                    "number": 4,
                    "start_date": "2018-07-10",
                    "end_date": "2018-07-10",
                    "city": "Washington, D.C.",
                    "host": "US",
                    "status": "published",
                    "summary": "Agreed to continue the dialogue.",
                    "uncertain": "The agreement text was cut off.",
                    "communiques": [
                        {
                            "ref": "minrex",
                            "issuer_country": "CU",
                            "issuer": "MININT",
                            "title": "Fourth meeting",
                            "url": "https://example.org/minrex",
                            "language": "es",
                            "text": "Cuarta reunión.",
                        }
                    ],
                    "statements": [
                        {
                            "side": "CU",
                            "kind": "urged",
                            "text": "Stop politicising.",
                            "communique": "minrex",
                        }
                    ],
                    "agreements": [{"kind": "continue", "text": "Continue the dialogue."}],
                    "request_updates": [
                        {"request": "fugitives", "status": "clarified", "note": "Clarified."}
                    ],
                },
            ],
        }
    ],
}

VALID = {
    "format": "diplotrack-rounds/1",
    "countries": [
        {"code": "CU", "name": "Cuba", "aliases": ["República de Cuba"]},
        {"code": "US", "name": "United States", "aliases": ["Estados Unidos"]},
    ],
    "topics": [
        {"slug": "terrorism", "name": "terrorism", "aliases": ["terrorismo"]},
        {"slug": "cybercrime", "name": "cybercrime", "aliases": ["delitos cibernéticos"]},
    ],
    "ministries": [
        {
            "country": "CU",
            "name": "Ministry of the Interior",
            "acronym": "MININT",
            "kind": "interior",
            "aliases": ["Ministerio del Interior"],
        },
        {"country": "US", "name": "Department of Justice", "acronym": "DOJ", "kind": "justice"},
        {
            "country": "US",
            "name": "Federal Bureau of Investigation",
            "acronym": "FBI",
            "kind": "police",
            "parent": "DOJ",
        },
    ],
    "dialogues": [
        {
            "slug": "cuba-us-led",
            "name": "Cuba–United States Law Enforcement Dialogue",
            "parties": ["CU", "US"],
            "rounds": [
                {
                    "number": 3,
                    "start_date": "2017-09-15",
                    "city": "Washington, D.C.",
                    "host": "US",
                    "status": "published",
                    "summary": "Reviewed counter-terrorism and cybercrime cooperation.",
                    "topics": ["terrorism", "delitos cibernéticos"],
                    "sources": ["https://example.org/r3"],
                    "delegations": [
                        {"country": "CU", "ministries": ["Ministerio del Interior"]},
                        {
                            "country": "US",
                            "ministries": ["DOJ"],
                            "delegates": [
                                {
                                    "name": "Bruce Swartz",
                                    "role": "head",
                                    "ministry": "DOJ",
                                    "title": "Deputy Assistant Attorney General",
                                }
                            ],
                        },
                    ],
                    "requests": [
                        {
                            "ref": "fugitives",
                            "raised_by": "US",
                            "description": "Return of fugitives",
                            "status": "raised",
                        }
                    ],
                },
                {
                    "number": 4,
                    "start_date": "2018-07-10",
                    "end_date": "2018-07-10",
                    "city": "Washington, D.C.",
                    "host": "US",
                    "status": "published",
                    "summary": "Agreed to continue the dialogue.",
                    "uncertain": "The agreement text was cut off.",
                    "communiques": [
                        {
                            "ref": "minrex",
                            "issuer_country": "CU",
                            "issuer": "MININT",
                            "title": "Fourth meeting",
                            "url": "https://example.org/minrex",
                            "language": "es",
                            "text": "Cuarta reunión.",
                        }
                    ],
                    "statements": [
                        {
                            "side": "CU",
                            "kind": "urged",
                            "text": "Stop politicising.",
                            "communique": "minrex",
                        }
                    ],
                    "agreements": [{"kind": "continue", "text": "Continue the dialogue."}],
                    "request_updates": [
                        {"request": "fugitives", "status": "clarified", "note": "Clarified."}
                    ],
                },
            ],
        }
    ],
}


def snapshot():
    return {
        model.__name__: model.objects.count()
        for model in (
            Country,
            ThreatTopic,
            Ministry,
            Dialogue,
            Round,
            Delegate,
            Statement,
            Agreement,
            CooperationRequest,
        )
    }


def run(path):
    call_command("import_rounds", path, verbosity=0)
