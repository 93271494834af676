"""The settings module fails fast in production and is clean under check --deploy."""

from tests.processes import run_manage


def test_missing_secret_key_fails_fast_with_a_message():
    result = run_manage("check", DJANGO_ALLOWED_HOSTS="example.org")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_missing_allowed_hosts_fails_fast_with_a_message():
    result = run_manage("check", DJANGO_SECRET_KEY="x" * 60)
    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS is not set" in result.stderr


def test_unexpected_boolean_is_refused():
    result = run_manage("check", DJANGO_DEBUG="maybe")
    assert result.returncode != 0
    assert "DJANGO_DEBUG must be one of" in result.stderr


def test_check_deploy_is_clean_with_production_values():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SECRET_KEY="k3y-" + "a1B2c3D4e5" * 6,
        DJANGO_ALLOWED_HOSTS="diplotrack.example.org",
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_debug_runs_without_any_configuration():
    result = run_manage("check", DJANGO_DEBUG="1")
    assert result.returncode == 0, result.stderr


def test_a_malformed_number_is_a_clear_configuration_error():
    result = run_manage("check", DJANGO_DEBUG="1", DJANGO_CONN_MAX_AGE="ten")
    assert result.returncode != 0
    assert "DJANGO_CONN_MAX_AGE must be a whole number, not 'ten'" in result.stderr


def test_a_local_env_file_configures_a_working_tree(tmp_path):
    env_file = tmp_path / ".env"
    env_file.write_text(
        "# local\nDJANGO_SECRET_KEY=" + "f" * 60 + "\nDJANGO_ALLOWED_HOSTS=localhost\n",
        encoding="utf-8",
    )
    assert run_manage("check", DJANGO_ENV_FILE=str(env_file)).returncode == 0


def test_environment_variables_win_over_the_env_file(tmp_path):
    env_file = tmp_path / ".env"
    env_file.write_text("DJANGO_DEBUG=1\n", encoding="utf-8")
    result = run_manage("check", DJANGO_ENV_FILE=str(env_file), DJANGO_DEBUG="0")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr
