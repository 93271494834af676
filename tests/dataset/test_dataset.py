"""The versioned dataset: what the zip holds, how versions move, the /data/ page, the command."""

import csv
import io
import json
import zipfile

import pytest
from django.core.cache import cache
from django.core.management import call_command

from rounds.dataset import releases
from rounds.dataset.tables import TABLES
from rounds.models import DatasetRelease, RoundStatus
from tests.factories import (
    make_agreement,
    make_communique,
    make_delegate,
    make_delegation,
    make_dialogue,
    make_person,
    make_request,
    make_round,
    make_statement,
    make_topic,
    make_update,
)

pytestmark = pytest.mark.django_db

SECRET = "DRAFT-ONLY"


@pytest.fixture(autouse=True)
def _no_build_running():
    cache.clear()


@pytest.fixture
def record():
    dialogue = make_dialogue(slug="d")
    topic = make_topic(slug="cybercrime", name="cybercrime")
    public = make_round(
        dialogue=dialogue, number=1, topics=[topic], source_urls="https://r.example/"
    )
    delegation = make_delegation(round=public, source_urls="https://del.example/")
    make_delegate(delegation=delegation, person=make_person(name="Public Person"), title="Minister")
    communique = make_communique(round=public, title="Note", url="https://n.example/")
    make_statement(round=public, text="Said, with a comma", communique=communique)
    make_agreement(round=public, text="Agreed\nover two lines")
    request = make_request(opened_in=public, description="Public request")
    draft = make_round(dialogue=dialogue, number=2, status=RoundStatus.DRAFT, summary=SECRET)
    make_delegate(delegation=make_delegation(round=draft), person=make_person(name=SECRET))
    make_statement(round=draft, text=SECRET)
    make_request(opened_in=draft, description=SECRET)
    make_update(request=request, round=draft, status="withdrawn", note=SECRET)
    make_round(dialogue=make_dialogue(slug="drafts", name=SECRET), status=RoundStatus.DRAFT)
    return public


def files_of(release: DatasetRelease) -> dict[str, str]:
    with releases.open_file(release) as handle, zipfile.ZipFile(handle) as archive:
        return {
            name.split("/", 1)[1]: archive.read(name).decode("utf-8") for name in archive.namelist()
        }


def test_the_zip_holds_json_a_csv_per_table_a_datapackage_and_a_codebook(record):
    release = releases.refresh()
    files = files_of(release)
    assert set(files) == {
        "diplotrack.json",
        "datapackage.json",
        "CODEBOOK.md",
        *(t.path for t in TABLES),
    }
    assert release.filename.startswith("diplotrack-dataset-v1-")
    data = json.loads(files["diplotrack.json"])
    assert data["dataset"]["version"] == 1 and data["format"] == "diplotrack-rounds/1"
    package = json.loads(files["datapackage.json"])
    assert package["version"] == "1.0.0" and package["profile"] == "tabular-data-package"
    assert "Version 1" in files["CODEBOOK.md"]


def test_no_draft_is_anywhere_in_the_dataset(record):
    files = files_of(releases.refresh())
    for name, text in files.items():
        assert SECRET not in text, name
        assert '"withdrawn"' not in text and ",withdrawn," not in text, name


def test_datapackage_describes_every_column_of_every_csv_and_the_keys_hold(record):
    files = files_of(releases.refresh())
    package = json.loads(files["datapackage.json"])
    tables = {}
    for resource in package["resources"][1:]:
        rows = list(csv.DictReader(io.StringIO(files[resource["path"]])))
        header = next(csv.reader(io.StringIO(files[resource["path"]])))
        fields = resource["schema"]["fields"]
        assert header == [field["name"] for field in fields], resource["name"]
        assert all(field["description"] for field in fields)
        for field in fields:
            for row in rows:
                value = row[field["name"]]
                if field.get("constraints", {}).get("required"):
                    assert value != "", (resource["name"], field["name"])
                if value and field["type"] == "integer":
                    int(value)
        tables[resource["name"]] = rows
    for resource in package["resources"][1:]:
        for key in resource["schema"].get("foreignKeys", []):
            targets = {
                row[key["reference"]["fields"]] for row in tables[key["reference"]["resource"]]
            }
            for row in tables[resource["name"]]:
                assert row[key["fields"]] in targets or row[key["fields"]] == "", (resource, key)
    assert tables["agreements"][0]["text"] == "Agreed\nover two lines"  # quoted, not split
    assert {row["url"] for row in tables["sources"]} >= {
        "https://r.example/",
        "https://del.example/",
    }


def test_a_new_version_only_when_the_public_record_changes(record):
    first = releases.refresh()
    assert releases.refresh().version == first.version  # nothing changed
    draft = record.dialogue.rounds.get(number=2)
    draft.summary = "still a draft, still not public"
    draft.save()
    assert releases.refresh().version == first.version
    record.summary = "A public change"
    record.save()
    second = releases.refresh()
    assert second.version == first.version + 1
    assert second.filename != first.filename
    assert releases.refresh(force=True).version == second.version + 1


def test_a_save_marks_the_dataset_stale_after_its_commit(
    record, django_capture_on_commit_callbacks
):
    releases.refresh()
    assert not releases.is_stale()
    with django_capture_on_commit_callbacks(execute=True):
        record.summary = "Changed"
        record.save()
    assert releases.is_stale()


def test_the_data_page_offers_the_latest_version_and_rebuilds_when_stale(client, record):
    html = client.get("/data/").content.decode()
    release = DatasetRelease.objects.get()
    assert release.get_absolute_url() in html and "Version 1" in html
    assert "rounds.csv" in html and "round_id" in html  # the codebook
    cache.set(releases.STALE_KEY, True)
    record.summary = "Changed"
    record.save()
    assert "Version 2" in client.get("/data/").content.decode()


def test_the_download_is_the_zip_and_latest_redirects_to_it(client, record):
    client.get("/data/")
    release = DatasetRelease.objects.get()
    response = client.get("/data/latest.zip")
    assert response.status_code == 302 and response["Location"] == release.get_absolute_url()
    download = client.get(release.get_absolute_url())
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")
    assert zipfile.is_zipfile(io.BytesIO(b"".join(download.streaming_content)))
    assert client.get("/data/nothing-like-it.zip").status_code == 404
    assert client.get("/data/..%2Fsettings.py").status_code == 404


def test_export_dataset_builds_once_and_copies_where_asked(record, tmp_path, capsys):
    target = tmp_path / "copy.zip"
    call_command("export_dataset", "--output", str(target))
    assert "Built version 1" in capsys.readouterr().out
    assert zipfile.is_zipfile(target)
    call_command("export_dataset")
    assert "Unchanged: version 1" in capsys.readouterr().out
