"""The model loop: derender an image into a verified program (see ``loop.derender``)."""

from recode_dsl.agent.client import ModelClient, OpenAIChat
from recode_dsl.agent.loop import Derendering, LoopConfig, derender, extract_program

__all__ = ["Derendering", "LoopConfig", "ModelClient", "OpenAIChat", "derender", "extract_program"]
