"""The study-plan pages, by audience: student.py, plans.py and drafts.py (the student, read and
helped by coach and committee), guidance.py (the coach), committee.py (review and
establishment), teams.py (learning teams); common.py holds what they share."""
