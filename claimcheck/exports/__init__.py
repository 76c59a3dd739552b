"""Exports of reviewed claims: plain records and the streamed file formats built from them."""
