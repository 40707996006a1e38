import SilahApp

_placeholder()
