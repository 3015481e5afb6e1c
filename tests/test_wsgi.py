"""The production entry point builds the app from the environment and has the model loaded before serving."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from intake.migrations import upgrade

CHECK = """
import sys
import intake.nlu.model as model
from intake.wsgi import app
print(model._load.cache_info().currsize, app.test_client().get("/").status_code)
"""


def test_the_wsgi_app_loads_the_model_at_start_and_serves(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'intake.db'}"
    upgrade(url)
    env = {**os.environ, "DATABASE_URL": url, "SECRET_KEY": "test", "INTAKE_INSTANCE_DIR": str(tmp_path)}
    result = subprocess.run([sys.executable, "-c", CHECK], env=env, capture_output=True, text=True, timeout=120,
                            cwd=Path(__file__).resolve().parent.parent)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["1", "200"]
