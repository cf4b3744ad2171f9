# Reads one JSON-encoded target per line on stdin and prints, per line, graphite-web's parse of it as one canonical
# JSON line, the shape TargetGrammarInteropTest renders Plumbago's Target in. Run with Debian's /usr/bin/python3.
import json
import sys

from django.conf import settings

settings.configure(UTF8_METRICS=False)

from graphite.render.grammar_unsafe import grammar  # noqa: E402


def scalar(tokens):
    # The order evaluator.evaluateScalarTokens tests the named results in.
    if tokens.number:
        number = tokens.number
        if number.integer:
            return {"int": str(int(number.integer))}
        if number.float:
            return {"float": float(number.float)}
        if number.scientific:
            return {"float": float(number.scientific[0])}
        raise ValueError("unknown number")
    if tokens.string:
        return {"str": tokens.string[1:-1]}
    if tokens.boolean:
        return {"bool": tokens.boolean[0] == "true"}
    if tokens.none:
        return {"none": None}
    if tokens.infinity:
        return {"inf": None}
    raise ValueError("unknown token")


def call(tokens, piped=None):
    args = [arg(a) for a in (tokens.args or [])]
    if piped is not None:
        args.insert(0, piped)
    kwargs = [[k.argname, arg(k.args[0])] for k in (tokens.kwargs or [])]
    return {"call": tokens.funcname, "args": args, "kwargs": kwargs}


def template(tokens):
    inner = call(tokens.call) if tokens.call else {"path": tokens.pathExpression}
    args = [scalar(a) for a in (tokens.args or [])]
    kwargs = [[k.argname, scalar(k.args[0])] for k in (tokens.kwargs or [])]
    return {"template": inner, "args": args, "kwargs": kwargs}


def expression(tokens):
    if tokens.template:
        head = template(tokens.template)
    elif tokens.call:
        head = call(tokens.call)
    else:
        head = {"path": tokens.pathExpression}
    # a | f(x) | g(y) is g(f(a, x), y): evaluator pops the right-most piped call and passes the rest in front.
    for piped in tokens.pipedCalls:
        head = call(piped.call, head)
    return head


def arg(tokens):
    if tokens.expression:
        return expression(tokens.expression)
    return scalar(tokens)


def canonical(target):
    try:
        result = grammar.parseString(target)
    except Exception:  # pyparsing.ParseException, or RecursionError on absurd nesting
        return {"error": True}
    try:
        grammar.parseString(target, parseAll=True)
        full = True
    except Exception:
        full = False
    return {"target": expression(result.expression), "full": full}


for line in sys.stdin.buffer:
    text = json.loads(line.decode("utf-8"))
    sys.stdout.write(json.dumps(canonical(text), separators=(",", ":")) + "\n")
sys.stdout.flush()
