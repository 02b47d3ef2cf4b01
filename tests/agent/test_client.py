"""ChatClient against the scripted server process: replies, retries, faults and budgets."""

from __future__ import annotations

import time

import pytest

from recode_dsl.agent.client import Budget, ChatClient
from recode_dsl.errors import AgentError
from tests.agent.conftest import Scripted

MESSAGES = [{"role": "user", "content": "draw"}]


def _client(srv: Scripted, **kw: object) -> ChatClient:
    kw.setdefault("max_retries", 0)
    kw.setdefault("timeout", 10.0)
    kw.setdefault("backoff", 0.05)
    return ChatClient("m", srv.url, **kw)  # type: ignore[arg-type]


def _e090(info: pytest.ExceptionInfo[AgentError]) -> str:
    diag = info.value.diagnostics[0]
    assert diag.code == "E090"
    return diag.message


def test_asks_for_n_candidates_in_one_request(server: Scripted) -> None:
    server.script({"replies": ["a", "b", "c"]})
    replies = _client(server, api_key="k").complete(MESSAGES, n=3, temperature=0.5)
    assert replies == ["a", "b", "c"]
    log = server.log()
    assert len(log) == 1 and log[0]["path"] == "/v1/chat/completions"
    body = log[0]["body"]
    assert body["n"] == 3 and body["temperature"] == 0.5 and body["model"] == "m"
    assert log[0]["authorization"] == "Bearer k"
    assert "grammar" not in body and "guided_grammar" not in body


def test_servers_that_ignore_n_are_asked_again(server: Scripted) -> None:
    server.script({"replies": ["one"], "honour_n": False})
    replies = _client(server).complete(MESSAGES, n=3, temperature=0.0)
    assert replies == ["one", "one", "one"]
    assert [b["n"] for b in server.bodies()] == [3, 2, 1]


@pytest.mark.parametrize("kind, fields", [
    ("vllm", {"structured_outputs": {"grammar": "root ::= \"x\""}, "guided_grammar": "root ::= \"x\""}),
    ("llamacpp", {"grammar": "root ::= \"x\""}),
    ("openai", {}),
])
def test_grammar_fields_per_server_kind(server: Scripted, kind: str, fields: dict[str, object]) -> None:
    server.script({"replies": ["x"]})
    _client(server, server=kind, grammar='root ::= "x"').complete(MESSAGES, 1, 0.0)
    body = server.bodies()[0]
    for key in ("structured_outputs", "guided_grammar", "grammar"):
        assert body.get(key) == fields.get(key)


def test_429_waits_as_retry_after_says(server: Scripted) -> None:
    server.script({"status": 429, "retry_after": "1"}, {"replies": ["fine"]})
    start = time.monotonic()
    replies = _client(server, max_retries=2).complete(MESSAGES, 1, 0.0)
    waited = time.monotonic() - start
    assert replies == ["fine"]
    assert len(server.log()) == 2
    assert 1.0 <= waited < 5.0


def test_retry_after_past_the_deadline_gives_up_at_once(server: Scripted) -> None:
    server.script({"status": 429, "retry_after": "30"}, {"replies": ["late"]})
    start = time.monotonic()
    with pytest.raises(AgentError) as info:
        _client(server, max_retries=3, budget=Budget.start(seconds=5)).complete(MESSAGES, 1, 0.0)
    assert time.monotonic() - start < 3
    assert "30 s" in _e090(info)


def test_500_is_retried_with_backoff(server: Scripted) -> None:
    server.script({"status": 500}, {"status": 503}, {"replies": ["ok"]})
    assert _client(server, max_retries=3).complete(MESSAGES, 1, 0.0) == ["ok"]
    assert len(server.log()) == 3


def test_500_every_time_is_e090_after_the_retries(server: Scripted) -> None:
    server.script({"status": 500})
    with pytest.raises(AgentError) as info:
        _client(server, max_retries=2).complete(MESSAGES, 1, 0.0)
    assert "HTTP 500" in _e090(info) and "3 attempts" in _e090(info)
    assert len(server.log()) == 3


def test_a_400_is_not_retried(server: Scripted) -> None:
    server.script({"status": 400})
    with pytest.raises(AgentError) as info:
        _client(server, max_retries=3).complete(MESSAGES, 1, 0.0)
    assert "HTTP 400" in _e090(info)
    assert len(server.log()) == 1


@pytest.mark.parametrize("raw, reason", [
    ("{not json", "not JSON: Expecting property name enclosed in double quotes at line 1, column 2"),
    ("", "empty"),
    ('{"choices": []}', "'choices' is empty or not a list at line 1, column 2"),
    ('{"object": "chat.completion"}', "no 'choices'"),
    ('{"id": 1,\n "choices": [{"message": {"role": "assistant"}}]}',
     "choices[0].message.content is missing or not text (field 'content') at line 2, column 2"),
    ("[1, 2]", "JSON list"),
])
def test_malformed_200_is_e090_and_retried(server: Scripted, raw: str, reason: str) -> None:
    server.script({"raw": raw}, {"replies": ["recovered"]})
    assert _client(server, max_retries=1).complete(MESSAGES, 1, 0.0) == ["recovered"]
    server.script({"raw": raw})
    with pytest.raises(AgentError) as info:
        _client(server, max_retries=1).complete(MESSAGES, 1, 0.0)
    assert "malformed" in _e090(info) and reason in _e090(info)
    assert len(server.log()) == 2


def test_a_stall_past_the_deadline_ends_at_the_deadline(server: Scripted) -> None:
    server.script({"stall": 20, "replies": ["too late"]})
    start = time.monotonic()
    with pytest.raises(AgentError) as info:
        _client(server, max_retries=3, timeout=60, budget=Budget.start(seconds=1.5)).complete(MESSAGES, 1, 0.0)
    assert time.monotonic() - start < 4
    assert "deadline" in _e090(info)


def test_a_trickling_reply_is_cut_at_the_deadline(server: Scripted) -> None:
    # one byte every 0.1 s: no single read times out, the whole request does
    server.script({"trickle": 20})
    start = time.monotonic()
    with pytest.raises(AgentError) as info:
        _client(server, timeout=60, budget=Budget.start(seconds=1.5)).complete(MESSAGES, 1, 0.0)
    assert time.monotonic() - start < 4
    assert "deadline" in _e090(info)


def test_an_enormous_reply_is_dropped_not_held(server: Scripted) -> None:
    server.script({"size": 50_000_000}, {"replies": ["small"]})
    start = time.monotonic()
    assert _client(server, max_retries=1, max_reply_bytes=1_000_000).complete(MESSAGES, 1, 0.0) == ["small"]
    assert time.monotonic() - start < 10
    server.script({"size": 50_000_000})
    with pytest.raises(AgentError) as info:
        _client(server, max_reply_bytes=1_000_000).complete(MESSAGES, 1, 0.0)
    assert "larger than 1000000 bytes" in _e090(info)
    assert len(_e090(info)) < 400  # the reply is not echoed


def test_request_budget_is_shared_and_enforced(server: Scripted) -> None:
    server.script({"replies": ["r"]})
    budget = Budget.start(max_requests=2)
    a, b = _client(server, budget=budget), _client(server, budget=budget)
    a.complete(MESSAGES, 1, 0.0)
    b.complete(MESSAGES, 1, 0.0)
    with pytest.raises(AgentError) as info:
        a.complete(MESSAGES, 1, 0.0)
    assert "2 requests" in _e090(info)
    assert len(server.log()) == 2


def test_token_budget_caps_max_tokens_and_stops(server: Scripted) -> None:
    server.script({"replies": ["r"]})  # the server reports 10 tokens a choice
    client = _client(server, budget=Budget.start(max_tokens=25))
    client.complete(MESSAGES, 2, 0.0)
    client.complete(MESSAGES, 1, 0.0)
    assert [b["max_tokens"] for b in server.bodies()] == [25, 5]
    with pytest.raises(AgentError) as info:
        client.complete(MESSAGES, 1, 0.0)
    assert "25 tokens" in _e090(info)


def test_server_text_in_errors_is_stripped_of_escapes(server: Scripted) -> None:
    server.script({"status": 400, "raw": '{"error": {"message": "bad \\u001b[31mred\\u001b[0m \\u0007"}}'})
    with pytest.raises(AgentError) as info:
        _client(server).complete(MESSAGES, 1, 0.0)
    assert "\x1b" not in _e090(info) and "\x07" not in _e090(info) and "bad red" in _e090(info)


def test_unreachable_endpoint_is_an_agent_error() -> None:
    with pytest.raises(AgentError) as info:
        ChatClient("m", "http://127.0.0.1:9/v1", max_retries=0, timeout=2).complete(MESSAGES, 1, 0.0)
    assert "cannot be reached" in _e090(info)


def test_every_attempt_of_the_openai_client_counts_against_the_request_budget(server: Scripted) -> None:
    server.script({"status": 500})
    with pytest.raises(AgentError) as info:
        _client(server, max_retries=3, budget=Budget.start(max_requests=2)).complete(MESSAGES, 1, 0.0)
    assert "2 requests" in _e090(info)
    assert len(server.log()) == 2


def test_a_retry_that_would_start_past_the_deadline_is_not_waited_for(server: Scripted) -> None:
    server.script({"replies": ["warm"]})
    client = _client(server, max_retries=3)
    assert client.complete(MESSAGES, 1, 0.0) == ["warm"]  # the HTTP libraries are loaded now
    server.script({"status": 503})
    client.budget = Budget.start(seconds=0.3)  # shorter than the client's first backoff (0.375 s at least)
    start = time.monotonic()
    with pytest.raises(AgentError) as info:
        client.complete(MESSAGES, 1, 0.0)
    assert time.monotonic() - start < 0.3
    assert "HTTP 503" in _e090(info) and info.value.diagnostics[0].hint and "deadline" in info.value.diagnostics[0].hint
    assert len(server.log()) == 1
