"""Question categories shared by the demo Lernkontrollen (the result shows a breakdown)."""

KNOWLEDGE = "Fachwissen"
PRACTICE = "Praxis"
