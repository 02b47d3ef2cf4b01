"""Importers and exporters between recode-dsl and other formats (Geometry3K logic forms, chart specs, tables)."""
