"""Rules of the centre: ownership and visibility, rebuilding a case from its events, deadlines."""
