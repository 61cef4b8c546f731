"""Stop early, with a clear message, when python3 is older than the project supports.

Run before the virtual environment is made (the README's first step). Written for any
Python 3 (no f-strings, no annotations), so that an old interpreter reaches the message
instead of a syntax error. pip's own refusal would come only later, after a long install of
the pinned requirements, and read "requires a different Python".
"""

import sys

OLDEST = (3, 11)
NEWEST_TESTED = (3, 13)


def main():
    found = sys.version_info[:2]
    if found < OLDEST:
        sys.stderr.write(
            "Katalog SOP memerlukan Python {0}.{1} atau lebih baru (diuji pada {0}.{1} sampai "
            "{2}.{3}); python3 di komputer ini versi {4}.{5}.\n"
            "Pasang Python yang lebih baru (misalnya paket python3 dari distribusi Linux "
            "terbaru), lalu jalankan perintah ini lagi.\n".format(
                OLDEST[0], OLDEST[1], NEWEST_TESTED[0], NEWEST_TESTED[1], found[0], found[1]))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
