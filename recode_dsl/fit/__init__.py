"""Fit and verify: the inverse renderer. Measures a chart image where the renderer says its marks go,
fits a program's values to it, and compares programs with images (the critic)."""
