"""Input validation for the study-plan pages, by audience: the student's (student.py), the
coach's and the exam committee's (guidance.py), and what both share (common.py)."""
