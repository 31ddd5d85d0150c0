"""Fill the English catalogue: msgids are English, so each msgstr is its msgid (plural forms too).

Keeping an explicit ``en`` catalogue means the missing-translation test treats all three languages alike.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

CATALOGUE = Path(__file__).resolve().parent.parent / "lms/translations/en/LC_MESSAGES/messages.po"


def main() -> int:
    with CATALOGUE.open("rb") as handle:
        catalog = read_po(handle, locale="en")
    catalog.fuzzy = False  # a fuzzy header makes pybabel skip the whole catalogue
    for message in catalog:
        if not message.id:
            continue
        if isinstance(message.id, tuple | list):
            message.string = (message.id[0], message.id[1])
        else:
            message.string = message.id
        message.flags.discard("fuzzy")
    with CATALOGUE.open("wb") as handle:
        write_po(handle, catalog, omit_header=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
