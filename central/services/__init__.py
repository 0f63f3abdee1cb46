"""The service's use cases; each takes a Session opened by the caller and never commits."""
