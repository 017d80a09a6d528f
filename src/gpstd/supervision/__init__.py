"""Supervision (督查督办): the loop from deadline to score, read from the ledger.

`periods` names the spans a 通报 covers (2021Q1, 2021H1, 2021, FROM..TO); `reminders` says what
each unit has overdue and falling due (临近提醒、到期催办); `report` counts a period per unit and
month (情况通报). Each returns plain data; `gpstd.messages` and `gpstd.documents` lay it out.
"""
