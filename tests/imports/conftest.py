import io

import pytest
from django.core.management import call_command
from django.utils import translation

from . import exports


@pytest.fixture
def run_import(tmp_path, django_capture_on_commit_callbacks):
    """run_import("import_blogger", xml_text, *options) -> (stdout, stderr).

    Run in English, so that the tests read the messages and default section names
    whatever the state of the Thai catalogue."""

    def run(command: str, text: str, *options: str, name: str = "export.xml"):
        path = exports.write(tmp_path, text, name)
        out, err = io.StringIO(), io.StringIO()
        with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
            call_command(command, str(path), *options, stdout=out, stderr=err)
        return out.getvalue(), err.getvalue()

    return run
