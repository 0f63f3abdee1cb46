"""The intake form: registering a walk-in complaint by keyboard, with drafts and repeat checks."""
