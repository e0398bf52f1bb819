"""The summary: quota × results × campaign → one row per unit × indicator (``table``), with the
column spec (``columns``), the statuses (``status``) and the rows an officer chose (``selection``)."""
