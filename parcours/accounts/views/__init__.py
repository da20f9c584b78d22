"""The account pages, by audience: login.py (log in and out, language), second_factor.py."""
