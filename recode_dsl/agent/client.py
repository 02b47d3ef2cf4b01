"""Talking to a model at any OpenAI-compatible endpoint (OpenAI, vLLM, llama.cpp, Ollama).

``ChatClient`` sends chat-completions requests through the ``openai`` client, which retries 429,
5xx, timeouts and dropped connections with exponential backoff, honouring ``Retry-After``. Under
it runs ``transport.BoundedTransport``, which bounds every attempt the ``openai`` client makes:

- one deadline for the whole command (``Budget.deadline``): a server that trickles bytes is cut
  off when it passes, not after each read's timeout, and a ``Retry-After`` pointing past it ends
  the command at once instead of sleeping;
- a cap on the reply size, checked while the body streams (a 50 MB reply is never held in memory);
- budgets for requests (every attempt counts) and tokens shared by every request of the command
  (and of a batch).

The reply is read raw (``with_raw_response``) and checked here: a malformed 200 reply, which the
``openai`` client would not retry, is retried by ``ChatClient`` itself, as is a reply too large.
Every failure is an ``AgentError`` with one E090 diagnostic that says why; server text in it is
stripped of escapes and capped. Grammar-constrained decoding sends the grammar in the field the
server kind reads (``grammar_fields``, sent as ``extra_body``). ``openai`` and the HTTP library
are imported only when a model is asked.
"""

from __future__ import annotations

import email.utils
import json
import random
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from recode_dsl.agent.text import clean
from recode_dsl.errors import AgentError, Diagnostic
from recode_dsl.messages import (
    model_budget_spent,
    model_deadline,
    model_gave_up,
    model_http_status,
    model_malformed,
    model_unreachable,
    model_wait_past_deadline,
)

if TYPE_CHECKING:
    from recode_dsl.agent.transport import Cut

Message = dict[str, Any]

SERVERS = ("openai", "vllm", "llamacpp")
DEFAULT_BASE_URL = "https://api.openai.com/v1"
HINT = "check --base-url, --model, --server and the API key"


class ModelClient(Protocol):
    """What the loop needs from a model: ``n`` replies to a conversation."""

    def complete(self, messages: list[Message], n: int, temperature: float) -> list[str]: ...


def failure(text: str, hint: str | None = HINT) -> AgentError:
    """An ``AgentError`` with one E090 diagnostic."""
    return AgentError([Diagnostic("E090", text, hint=hint)])


@dataclass
class Budget:
    """Limits shared by every request of a command: requests, tokens and a deadline.

    ``deadline`` is a ``time.monotonic()`` instant (None: no deadline; the monotonic clock is
    the machine's, so worker processes share it). Thread-safe, so the concurrent model calls of
    a batch draw on one budget; with ``shared`` (two ``multiprocessing`` Values) the counts are
    shared by the batch's worker processes too.
    """

    max_requests: int | None = None
    max_tokens: int | None = None
    deadline: float | None = None
    seconds: float | None = None
    requests: int = 0
    tokens: int = 0
    shared: Any = field(default=None, repr=False, compare=False)  # (requests, tokens) multiprocessing Values
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    @classmethod
    def start(cls, max_requests: int | None = None, max_tokens: int | None = None,
              seconds: float | None = None) -> Budget:
        """A budget whose deadline is ``seconds`` from now."""
        deadline = time.monotonic() + seconds if seconds is not None else None
        return cls(max_requests, max_tokens, deadline, seconds)

    def remaining(self) -> float | None:
        """Seconds left before the deadline (None: no deadline)."""
        return None if self.deadline is None else self.deadline - time.monotonic()

    def expired(self) -> bool:
        left = self.remaining()
        return left is not None and left <= 0

    def deadline_error(self) -> AgentError:
        return failure(model_deadline(self.seconds or 0.0), hint="raise --deadline")

    def limits(self) -> tuple[int | None, int | None, float | None, float | None]:
        """What a worker process needs to rebuild this budget (with ``shared``)."""
        return self.max_requests, self.max_tokens, self.deadline, self.seconds

    def _guard(self) -> Any:
        return self.shared[0].get_lock() if self.shared is not None else self._lock

    def _count(self, which: int) -> int:
        if self.shared is not None:
            return int(self.shared[which].value)
        return self.requests if which == 0 else self.tokens

    def _add(self, which: int, n: int) -> None:
        if self.shared is not None:
            self.shared[which].value += n
        elif which == 0:
            self.requests += n
        else:
            self.tokens += n

    def take_request(self) -> None:
        """Count one request, or raise when the deadline or a budget is spent."""
        with self._guard():
            if self.expired():
                raise self.deadline_error()
            if self.max_requests is not None and self._count(0) >= self.max_requests:
                raise failure(model_budget_spent("requests", self.max_requests), hint="raise --max-requests")
            if self.max_tokens is not None and self._count(1) >= self.max_tokens:
                raise failure(model_budget_spent("tokens", self.max_tokens), hint="raise --max-tokens")
            self._add(0, 1)

    def add_tokens(self, count: int) -> None:
        with self._guard():
            self._add(1, max(0, count))

    def tokens_left(self) -> int | None:
        with self._guard():
            return None if self.max_tokens is None else max(0, self.max_tokens - self._count(1))


def grammar_fields(server: str, grammar: str | None) -> dict[str, Any]:
    """The request fields that carry a GBNF grammar to each kind of server.

    vLLM reads ``structured_outputs.grammar`` (v0.12 on) and ``guided_grammar`` (before; newer
    servers ignore it silently, so both are sent); llama.cpp's server reads ``grammar``; the
    OpenAI API takes none.

    >>> sorted(grammar_fields("vllm", "root ::= [a]"))
    ['guided_grammar', 'structured_outputs']
    >>> grammar_fields("llamacpp", "root ::= [a]")
    {'grammar': 'root ::= [a]'}
    >>> grammar_fields("openai", "root ::= [a]")
    {}
    """
    if grammar is None or server == "openai":
        return {}
    if server == "vllm":
        return {"structured_outputs": {"grammar": grammar}, "guided_grammar": grammar}
    if server == "llamacpp":
        return {"grammar": grammar}
    raise ValueError(f"unknown server kind {server!r}")


class _Retry(Exception):
    """A failure worth another attempt: the reason and the wait the server asked for."""

    def __init__(self, reason: str, wait: float | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.wait = wait


@dataclass
class ChatClient:
    """A chat-completions client for any OpenAI-compatible endpoint (``base_url`` None: OpenAI).

    ``timeout`` bounds each request; ``budget`` (deadline, requests, tokens) bounds them all.
    """

    model: str
    base_url: str | None = None
    api_key: str | None = None
    timeout: float = 120.0
    max_retries: int = 3
    server: str = "openai"
    grammar: str | None = None
    max_reply_bytes: int = 4_000_000
    budget: Budget = field(default_factory=Budget)
    backoff: float = 0.5
    max_wait: float = 120.0
    reply_tokens: int = 4096
    _sdk: Any = field(default=None, init=False, repr=False, compare=False)  # the openai client, made once

    def complete(self, messages: list[Message], n: int, temperature: float) -> list[str]:
        """``n`` replies; a server that ignores ``n`` is asked again for the rest."""
        texts: list[str] = []
        for _ in range(max(1, n)):
            texts.extend(self._request(messages, n - len(texts), temperature))
            if len(texts) >= n:
                break
        return texts[:n]

    def request_body(self, messages: list[Message], n: int, temperature: float) -> dict[str, Any]:
        body: dict[str, Any] = {"model": self.model, "messages": messages, "n": n, "temperature": temperature}
        left = self.budget.tokens_left()
        if left is not None:
            body["max_tokens"] = max(1, min(self.reply_tokens, left))
        body.update(grammar_fields(self.server, self.grammar))
        return body

    def _request(self, messages: list[Message], n: int, temperature: float) -> list[str]:
        body = self.request_body(messages, n, temperature)
        last = ""
        for attempt in range(self.max_retries + 1):
            try:
                texts, tokens = _parse_reply(self._post(body))
            except _Retry as retry:
                last = retry.reason
                if attempt == self.max_retries:
                    break
                self._sleep(retry.wait if retry.wait is not None else self._backoff(attempt))
                continue
            self.budget.add_tokens(tokens if tokens is not None else sum(len(t) for t in texts) // 4)
            return texts
        raise failure(model_gave_up(last, self.max_retries + 1) if self.max_retries else last)

    def _backoff(self, attempt: int) -> float:
        return float(self.backoff * (2 ** attempt) * (1 + 0.25 * random.random()))  # noqa: S311 - jitter

    def _sleep(self, wait: float) -> None:
        if wait > self.max_wait:
            raise failure(model_wait_past_deadline(wait), hint="try again later")
        left = self.budget.remaining()
        if left is not None and wait >= left:
            raise failure(model_wait_past_deadline(wait), hint="raise --deadline, or try again later")
        time.sleep(max(0.0, wait))

    def _openai(self) -> Any:
        """The ``openai`` client over a ``BoundedTransport`` (made at the first request)."""
        if self._sdk is None:
            import openai

            from recode_dsl.agent.transport import BoundedTransport, httpx

            url = urllib.parse.urlsplit(self.base_url or DEFAULT_BASE_URL)
            if url.scheme not in ("http", "https") or not url.hostname:
                raise failure(model_unreachable(f"not an http(s) URL: {clean(self.base_url or '', 200)}"))
            http = httpx.Client(transport=BoundedTransport(self), timeout=httpx.Timeout(self.timeout))
            self._sdk = openai.OpenAI(base_url=self.base_url or DEFAULT_BASE_URL, api_key=self.api_key or "none",
                                      max_retries=self.max_retries, timeout=httpx.Timeout(self.timeout),
                                      http_client=http)
        return self._sdk

    def _post(self, body: dict[str, Any]) -> bytes:
        """The body of a successful reply; raises ``_Retry`` or ``AgentError``.

        The ``openai`` client makes up to ``max_retries + 1`` attempts itself; what it gives up
        on is final here (``AgentError``); what the transport cut, or a reply too large, may be
        asked again.
        """
        import openai

        from recode_dsl.agent.transport import Cut

        sdk = self._openai()
        extra = grammar_fields(self.server, self.grammar)
        fields = {k: v for k, v in body.items() if k not in extra}
        attempts = f" (gave up after {self.max_retries + 1} attempts)" if self.max_retries else ""
        try:
            raw = sdk.chat.completions.with_raw_response.create(**fields, extra_body=extra or None)
            return bytes(raw.http_response.content)
        except Cut as cut:
            raise _cut(cut) from None
        except openai.APIStatusError as err:
            status = err.status_code
            detail = _error_detail(err.response.content)
            retried = status == 429 or status >= 500
            raise failure(model_http_status(status, detail) + (attempts if retried else "")) from None
        except openai.APITimeoutError:
            if self.budget.expired():
                raise self.budget.deadline_error() from None
            raise failure(model_unreachable(f"no reply within {self.timeout:g} s") + attempts) from None
        except openai.APIConnectionError as err:
            cause = err.__cause__
            if isinstance(cause, Cut):  # openai clients that wrap every exception of a request
                raise _cut(cause) from None
            if isinstance(cause, AgentError):
                raise cause from None
            if self.budget.expired():
                raise self.budget.deadline_error() from None
            what = clean(f"{type(cause).__name__}: {cause}" if cause is not None else str(err), 300)
            raise failure(model_unreachable(what) + attempts) from None


def _cut(cut: Cut) -> Exception:
    """What a ``transport.Cut`` becomes: ``_Retry`` when another attempt may succeed."""
    if cut.retry:
        return _Retry(cut.error.diagnostics[0].message)
    return cut.error


def _parse_reply(body: bytes) -> tuple[list[str], int | None]:
    """The texts of a chat-completions reply and its token count; ``_Retry`` when malformed, with
    where in the reply (line and column of the body, or the field) the fault is."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as err:
        raise _Retry(model_malformed(f"the body is not UTF-8 (byte {err.start})")) from None
    try:
        reply = json.loads(text)
    except json.JSONDecodeError as err:
        what = ("empty" if not text.strip()
                else f"not JSON: {clean(err.msg, 80)} at line {err.lineno}, column {err.colno}")
        raise _Retry(model_malformed(f"the body is {what}")) from None
    except (ValueError, RecursionError) as err:  # RecursionError: JSON nested too deeply
        raise _Retry(model_malformed(f"the body is not JSON ({clean(str(err) or type(err).__name__, 120)})")) from None
    if not isinstance(reply, dict):
        raise _Retry(model_malformed(f"a JSON {type(reply).__name__}, not an object, at line 1"))
    choices = reply.get("choices")
    if not isinstance(choices, list) or not choices:
        where = _field_at(text, "choices")
        raise _Retry(model_malformed("no 'choices' field" if choices is None
                                     else f"'choices' is empty or not a list{where}"))
    texts: list[str] = []
    for i, choice in enumerate(choices):
        msg = choice.get("message") if isinstance(choice, dict) else None
        content = msg.get("content") if isinstance(msg, dict) else None
        if not isinstance(content, str):
            field = "message" if not isinstance(msg, dict) else "content"
            raise _Retry(model_malformed(f"choices[{i}].message.content is missing or not text "
                                         f"(field '{field}'){_field_at(text, 'choices')}"))
        texts.append(content)
    usage = reply.get("usage")
    tokens = usage.get("total_tokens") if isinstance(usage, dict) else None
    return texts, tokens if isinstance(tokens, int) else None


def _field_at(text: str, key: str) -> str:
    """`` at line L, column C`` of the reply where the field ``key`` is (its first occurrence), else
    where the object that should hold it opens.

    >>> _field_at('{"id": 1,\\n "choices": []}', "choices")
    ' at line 2, column 2'
    """
    from recode_dsl.inputs import position

    at = text.find(f'"{key}"')
    if at < 0:
        at = max(0, text.find("{"))
    line, col = position(text, at)
    return f" at line {line}, column {col}"


def _error_detail(body: bytes) -> str:
    try:
        payload = json.loads(body.decode("utf-8"))
        err = payload.get("error") if isinstance(payload, dict) else None
        text = err.get("message") if isinstance(err, dict) else err if isinstance(err, str) else None
    except (UnicodeDecodeError, ValueError, RecursionError):
        text = None
    return clean(text if text else body[:300].decode("utf-8", "replace"), 300) or "(no detail)"


def _retry_after(value: str | None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header: a number of seconds or an HTTP date.

    >>> _retry_after("2"), _retry_after(None), _retry_after("soon")
    (2.0, None, None)
    """
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


# The name the loop and older code use.
OpenAIChat = ChatClient
