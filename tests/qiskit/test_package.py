"""Qiskit stays optional: only `qsession_jupyter.qiskit` imports it."""

from __future__ import annotations

import json
import subprocess
import sys

PROBE = (
    "import sys, json\n"
    "import qsession_jupyter\n"
    "before = 'qiskit' in sys.modules\n"
    "from qsession_jupyter.qiskit import EstimatorV2, SamplerV2\n"
    "from qiskit.primitives import BaseEstimatorV2, BaseSamplerV2\n"
    "print(json.dumps({'before': before,"
    " 'estimator': issubclass(EstimatorV2, BaseEstimatorV2),"
    " 'sampler': issubclass(SamplerV2, BaseSamplerV2)}))\n"
)


def test_importing_the_package_does_not_import_qiskit_and_the_primitives_are_qiskits():
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True)
    found = json.loads(out.stdout.strip().splitlines()[-1])
    assert found == {"before": False, "estimator": True, "sampler": True}
