"""The admissions pages, by audience: the applicant's (`applicant`) and the staff's (`staff`)."""
