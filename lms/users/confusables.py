"""Email addresses that look like another account's: a Cyrillic "а" for a Latin "a", a zero-width space.

``аdmin@demo.maharat.ma`` (Cyrillic а) is a different address from ``admin@demo.maharat.ma`` and used
to register, so a pupil could pass for staff in lists and mails (issue 16, finding 6). A new address
is reduced to a *skeleton* in the spirit of Unicode TR39: NFKC (full-width and mathematical letters
become plain ones), case folding, invisible characters dropped, and the Cyrillic, Greek and Latin
look-alikes of Latin letters replaced by those letters. An address whose skeleton differs from itself
and names an existing account is refused. The table below is the part of TR39's confusables that maps
to the Latin letters a–z; addresses at a Moroccan school are Latin, so nothing legitimate is lost.
"""

from __future__ import annotations

import unicodedata

#: look-alike → the Latin letter it passes for (after case folding)
LOOKALIKES = {
    # Cyrillic
    "а": "a", "в": "b", "ь": "b", "с": "c", "ԁ": "d", "е": "e", "ё": "e", "һ": "h", "н": "h", "і": "i",
    "ї": "i", "ј": "j", "к": "k", "ӏ": "l", "м": "m", "п": "n", "о": "o", "р": "p", "ԛ": "q", "г": "r",
    "ѕ": "s", "т": "t", "ц": "u", "ѵ": "v", "ԝ": "w", "х": "x", "у": "y", "ү": "y", "ԍ": "g", "ɡ": "g",
    # Greek
    "α": "a", "β": "b", "ϲ": "c", "ε": "e", "η": "n", "ι": "i", "ϳ": "j", "κ": "k", "ν": "v", "ο": "o",
    "ρ": "p", "τ": "t", "υ": "u", "χ": "x", "γ": "y", "ω": "w", "ζ": "z", "μ": "u",
    # Latin letters that pass for others
    "ı": "i", "ɩ": "i", "ɑ": "a", "ʟ": "l", "ǀ": "l", "ꞓ": "c", "ᴏ": "o", "ѐ": "e",
}  # fmt: skip

#: characters that show as nothing (TR39 "default ignorable"): removed from the skeleton
INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b\u200c\u200d"
                                   "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2061\u2062\u2063"
                                   "\u2064\u2066\u2067\u2068\u2069\ufeff"))  # fmt: skip


def skeleton(text: str) -> str:
    """Reduce a string to what it looks like: NFKC, case folded, invisibles dropped, look-alikes mapped."""
    folded = unicodedata.normalize("NFKC", text).casefold().translate(INVISIBLE)
    decomposed = unicodedata.normalize("NFD", folded)
    mapped = "".join(LOOKALIKES.get(c, c) for c in decomposed)
    return unicodedata.normalize("NFC", mapped).strip()


def is_disguised(email: str) -> bool:
    """Tell whether an address contains look-alike or invisible characters (it differs from its skeleton)."""
    return skeleton(email) != unicodedata.normalize("NFKC", email).strip().casefold()
