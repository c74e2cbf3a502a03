"""Errors that reach the user as a message naming the file and the problem (never a traceback)."""


class FactcheckError(Exception):
    """A usage, configuration or input problem; exit code 2."""


class InputFileError(FactcheckError):
    def __init__(self, path: str, problem: str):
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem
