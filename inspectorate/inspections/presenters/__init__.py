"""What the staff workspace's pages show, as plain objects: the list of inspections, the planning form, and an
inspection's page. The domain decides what may be done (selectors, `actions_for`); these turn its answers into
fields, buttons and words, so the templates only display."""
