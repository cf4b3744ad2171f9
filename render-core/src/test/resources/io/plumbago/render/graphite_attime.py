# Reads one JSON array per line on stdin and prints one answer line per line, graphite-web 1.1.8's reading of it, for
# TimeParserInteropTest. Run with Debian's /usr/bin/python3.
#   ["t", text, tz, now]        parseATTime(text, pytz.timezone(tz), now as an aware datetime): epoch seconds, or ERR
#   ["z", tz, now, text, ...]   UNKNOWN if pytz.timezone(tz) raises, else each text's epoch seconds (or ERR), spaced
import json
import sys
from datetime import datetime

from django.conf import settings

settings.configure(TIME_ZONE="UTC")

import pytz  # noqa: E402
from graphite.render.attime import parseATTime  # noqa: E402

EPOCH = datetime(1970, 1, 1)


def epoch(text, tzinfo, now):
    try:
        result = parseATTime(text, tzinfo, datetime.fromtimestamp(now, tzinfo))
    except Exception:  # ValueError, OverflowError, KeyError...: graphite-web answers each with an error
        return "ERR"
    # Whole seconds: now is whole and every offset is whole seconds. No datetime arithmetic that could overflow.
    wall = result.replace(tzinfo=None) - EPOCH
    offset = result.utcoffset()
    return str(wall.days * 86400 + wall.seconds - (offset.days * 86400 + offset.seconds))


for line in sys.stdin.buffer:
    request = json.loads(line.decode("utf-8"))
    if request[0] == "t":
        answer = epoch(request[1], pytz.timezone(request[2]), request[3])
    else:
        try:
            tzinfo = pytz.timezone(request[1])
        except pytz.UnknownTimeZoneError:
            tzinfo = None
        answer = "UNKNOWN" if tzinfo is None else " ".join(epoch(t, tzinfo, request[2]) for t in request[3:])
    sys.stdout.write(answer + "\n")
sys.stdout.flush()
