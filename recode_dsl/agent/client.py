"""Talking to a model at any OpenAI-compatible endpoint (OpenAI, vLLM, Ollama).

Retries and timeouts are the ``openai`` client's own. Only this module imports ``openai``,
and only when a model is actually asked: everything else works offline.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from recode_dsl.errors import AgentError, Diagnostic

Message = dict[str, Any]


class ModelClient(Protocol):
    """What the loop needs from a model: ``n`` replies to a conversation."""

    def complete(self, messages: list[Message], n: int, temperature: float) -> list[str]: ...


@dataclass
class OpenAIChat:
    """A chat-completions client; ``base_url`` selects the endpoint (None: OpenAI)."""

    model: str
    base_url: str | None = None
    api_key: str | None = None
    timeout: float = 120.0
    max_retries: int = 3

    def complete(self, messages: list[Message], n: int, temperature: float) -> list[str]:
        import openai

        client = openai.OpenAI(base_url=self.base_url, api_key=self.api_key or "not-needed",
                               timeout=self.timeout, max_retries=self.max_retries)
        try:
            reply = client.chat.completions.create(model=self.model, messages=messages,  # type: ignore[arg-type]
                                                   n=n, temperature=temperature)
            texts = [c.message.content or "" for c in reply.choices]
            # Some servers (Ollama, some vLLM set-ups) ignore n: ask again for the rest.
            while len(texts) < n:
                more = client.chat.completions.create(model=self.model, messages=messages,  # type: ignore[arg-type]
                                                      temperature=temperature)
                texts.append(more.choices[0].message.content or "")
            return texts
        except openai.OpenAIError as err:
            raise AgentError([Diagnostic("E090", f"the model endpoint failed: {type(err).__name__}: {err}",
                                         hint="check --base-url, --model and the API key")]) from None
