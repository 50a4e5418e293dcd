import os

@decorator
def greet(name: str = "world") -> str:
    """Say hello."""
    return f"Hello, {name}!"  # greeting

class Box(object):
    size = 0x1F
