"""Evaluator (评价器): five rating levels, a serial keypad line protocol, a simulator."""
