// Alert rules, state and delivery; see DESIGN.md.
