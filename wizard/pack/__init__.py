"""The rule pack and its engine: the format (pydantic models and the condition language), reading YAML, the
loader and its checks, the engine and its verdicts, answers and scenarios. Imports neither the outputs nor the app."""
