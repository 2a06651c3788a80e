"""Temporal link forecasting: benchmark data, the time-aware evaluator and forecasters."""
