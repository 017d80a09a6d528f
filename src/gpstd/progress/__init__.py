"""Progress: the file of records saying which units delivered which deadline.

`record` is one record, `file` reads and writes the file without losing a line, `location` says
where a register's file is. What the records mean is `gpstd.obligations`' business.
"""
