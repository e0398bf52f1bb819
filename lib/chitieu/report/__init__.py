"""The report leaders receive: described as data (``model``, ``build``), written by one xlsxwriter
writer (``xlsx``), saved safely (``write``)."""
