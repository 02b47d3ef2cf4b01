"""The model loop: derender an image into a verified program (see ``loop.derender``)."""

from recode_dsl.agent.client import Budget, ChatClient, ModelClient, OpenAIChat
from recode_dsl.agent.loop import Candidate, Derendering, LoopConfig, derender, extract_program

__all__ = ["Budget", "Candidate", "ChatClient", "Derendering", "LoopConfig", "ModelClient", "OpenAIChat",
           "derender", "extract_program"]
