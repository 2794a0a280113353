// The DriftConfig module; see DESIGN.md.
