"""Reading: file bytes → cell grids (``sheets``) → tables (``layout``), with the guards that keep a
file from costing more than it may, and the checks of tables whose figures cannot all be counted."""
