"""pandas and matplotlib, pinned in the grading venv (tools/setup-sandbox.sh), work inside the sandbox.

The AI course reads CSV files with pandas and checks the data of a learner's figure: both must run
offline in a case, and matplotlib must draw without a display (Agg) into a writable config folder.
"""

from __future__ import annotations

from lms.sandbox import CaseSpec

from .conftest import only_value


def test_pandas_reads_a_data_file_and_groups_it(run):
    code = (
        "import pandas as pd\n"
        "def resume():\n"
        "    df = pd.read_csv('notes.csv')\n"
        "    return df.groupby('ville')['note'].mean().round(2).to_dict()\n"
    )
    files = {"notes.csv": "ville,note\nFès,12\nFès,15\nOujda,9.5\n".encode()}
    assert only_value(run(code, "resume()", files=files)) == {"Fès": 13.5, "Oujda": 9.5}


def test_matplotlib_draws_without_a_display_and_saves_a_png(run):
    code = (
        "import os\n"
        "import matplotlib\n"
        "import matplotlib.pyplot as plt\n"
        "def dessiner():\n"
        "    fig, ax = plt.subplots()\n"
        "    barres = ax.bar(['Rabat', 'Fès'], [3, 4])\n"
        "    ax.set_title('Élèves')\n"
        "    fig.savefig('figure.png')\n"
        "    with open('figure.png', 'rb') as f:\n"
        "        entete = f.read(8)\n"
        "    hauteurs = [float(b.get_height()) for b in barres]\n"
        "    return (matplotlib.get_backend().lower(), entete, hauteurs, ax.get_title(),\n"
        "            matplotlib.get_configdir().startswith(os.environ['HOME']))\n"
    )
    backend, header, heights, title, config_inside = only_value(run(code, "dessiner()"))
    assert backend == "agg"
    assert header == b"\x89PNG\r\n\x1a\n"
    assert heights == [3, 4] and title == "Élèves"
    assert config_inside  # MPLCONFIGDIR defaults under HOME, the case's writable folder


def test_a_figure_is_built_fresh_in_every_case(run):
    code = "import matplotlib.pyplot as plt\ndef figures():\n    plt.plot([1, 2])\n    return len(plt.get_fignums())\n"
    outcome = run(code, CaseSpec(call="figures()"), CaseSpec(call="figures()"))
    assert outcome.status == "ok"
    assert [case.value for case in outcome.cases] == [1, 1]
