"""The perception layer: reads a chart or a diagram image into measured facts (issue 11).

Below the stages that use it (fit, verify, derender); imports only the core, numpy, scipy,
scikit-image and the OCR engine (``ocr.py``, imported lazily).
"""
