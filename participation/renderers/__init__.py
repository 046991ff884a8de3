"""Renderers: data in, bytes out (charts, PDFs, workbooks, CSV and JSON shapes, posters, QR)."""
