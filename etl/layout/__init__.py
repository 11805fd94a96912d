"""Layout analysis shared by the readers: what is where on a page, before anything is parsed.

* :mod:`etl.layout.geometry`: words with positions grouped into visual lines, and the tests that
  tell a wrapped line from a new paragraph (would the next word have fitted on the line above?).
* :mod:`etl.layout.furniture`: running headers, footers and page numbers of a paged document,
  found on :class:`etl.model.Line` objects so that every paged reader (PDF, OCR, form-feed text)
  can drop them before the parsers see them.
* :mod:`etl.layout.wordtable`: tables without ruling lines read from word positions: a header
  line gives the columns, whitespace valleys give their extents, row numbers and vertical gaps
  give the rows.

Nothing here knows a document kind or a layout of one office; every threshold is a named constant
in font sizes (so it scales with the print) with the reason for its value.
"""
