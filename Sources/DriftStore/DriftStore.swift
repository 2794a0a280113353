// The DriftStore module; see DESIGN.md.
