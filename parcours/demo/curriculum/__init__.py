"""The demo curriculum: its shapes (`specs`), the three programmes as data (`nursing`, `pabo`,
`ad`, gathered in `programmes`) and their building through the services (`build`)."""
