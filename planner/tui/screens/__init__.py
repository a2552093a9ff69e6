"""One screen per roadmap step, plus modals."""
