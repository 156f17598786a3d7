"""The finder: its index, result documents, page and words.

lunr.py looks for nltk when it is imported (lunr.languages, for its own multi-language builder, which the finder
does not use: it builds with lunr.builder.Builder and its own stemmers). nltk is in the environment only for
the readability tests (textstat needs it), and importing it took about 0.35 s of every `ccci validate` and
`ccci build` (issue 15: one changed record re-validated in under 1 s). So lunr is imported here, before any
module of this package imports it, with that lookup answered "not installed". nltk itself stays importable, and
when something has imported it already, lunr is imported as usual: the finder's output is the same either way.
"""

from __future__ import annotations

import sys

if "lunr" not in sys.modules and "nltk" not in sys.modules:
    sys.modules["nltk"] = None  # type: ignore[assignment]  # `import nltk` raises ImportError while this stands
    try:
        import lunr  # noqa: F401
    finally:
        del sys.modules["nltk"]
