"""Application and admission: a prospective student applies for a programme variant and a start
moment, and the programme's staff decide admission as an Awb decision (rule
admission.same-conditions: a wish for an own route or flexibility is never a ground)."""
