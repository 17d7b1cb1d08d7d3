"""Texts and generated media of the German demo courses (seeded by ``courses.demo``)."""
