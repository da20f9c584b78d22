"""Privacy keeps no tables of its own: it reads every app's through the registry."""
